import { metricFor, touchFor } from '../../src/addon/custom-functions-args';
import { MODEL_IDS, findModel } from '../../src/core/engine';
import { METRIC_NAMES } from '../../src/core/formulas';
import { formatMessage, LANGUAGES, languageOf, MESSAGE_IDS, type MessageId } from '../../src/core/messages';

// The catalogue in both languages. formatMessage without parameters hands back a template as written (every
// {name} left in place), which is how the templates are compared here. Expected Dutch is written by hand.

const template = (id: MessageId, lang: 'en' | 'nl') => formatMessage(id, {}, lang);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/**
 * The Dutch texts that may equal the English ones, each for a reason:
 * - abbreviations and formats: ROAS, ROI, URL, PDF, Excel (XLSX);
 * - words Dutch marketers use as they are: Asset(s), Deal, Workflows, Dashboard, and "Assets: {type}" (a report sheet's name)
 *   with its short .xlsx sheet name "Assets – {type}";
 * - the product's name, Campaign analytics (the sidebar's title and the e-mail sender);
 * - the language control names each language in that language: English, Nederlands;
 * - utm_medium: "Medium (utm_medium)" as its label, and "email", the conventional value, as its example.
 * Texts with no word outside their {placeholders} (such as "{location}: {message}") may equal the English too.
 */
const SAME_IN_DUTCH: readonly MessageId[] = [
  'report.col.roas', 'count.deals_one', 'count.deals_other', 'report.col.roi', 'report.col.url', 'sidebar.export.pdf', 'sidebar.export.xlsx',
  'report.col.asset', 'report.kind.asset', 'sidebar.results.assets', 'report.table.assets', 'report.sheet.assets', 'report.col.deal', 'asset_type.workflow', 'asset_kind.workflow', 'asset_kind.cta',
  'addon.dashboard.title', 'addon.dashboard.default_name', 'sidebar.dashboard.target',
  'sidebar.title', 'addon.mail.sender',
  'sidebar.language.en', 'sidebar.language.nl',
  'sidebar.tracking.medium', 'sidebar.tracking.medium_hint',
];
const onlyPlaceholders = (text: string) => !/\p{L}/u.test(text.replace(/\{\w+\}/g, ''));

describe('the Dutch catalogue', () => {
  test('the add-on speaks English and Dutch', () => {
    expect(LANGUAGES).toEqual(['en', 'nl']);
  });

  test('has a text for every id of the English catalogue', () => {
    const missing = MESSAGE_IDS.filter((id) => typeof template(id, 'nl') !== 'string' || template(id, 'nl').trim() === '');
    expect(missing).toEqual([]);
    expect(MESSAGE_IDS.length).toBeGreaterThan(500);
  });

  test('each Dutch text takes exactly the parameters of the English one', () => {
    const differing = MESSAGE_IDS
      .filter((id) => placeholders(template(id, 'nl')).join() !== placeholders(template(id, 'en')).join())
      .map((id) => ({ id, en: placeholders(template(id, 'en')), nl: placeholders(template(id, 'nl')) }));
    expect(differing).toEqual([]);
  });

  test('no Dutch text is the English one left untranslated, but for the allowed few', () => {
    const same = MESSAGE_IDS.filter((id) => template(id, 'nl') === template(id, 'en') && !onlyPlaceholders(template(id, 'en')));
    expect(same.sort()).toEqual([...SAME_IN_DUTCH].sort());
  });

  test('renders with its parameters filled in', () => {
    expect(formatMessage('ingest.column_missing', { column: 'amount', aliases: 'amount, value' }, 'nl'))
      .toBe('De verplichte kolom "amount" ontbreekt (gezocht naar: amount, value).');
    expect(formatMessage('addon.report.written', { sheets: 12, created: 3, updated: 9 }, 'nl'))
      .toBe('Rapport geschreven naar 12 bladen (3 nieuw, 9 bijgewerkt).');
    const period = formatMessage('sidebar.kpi.period_other', { days: 30 }, 'nl');
    expect(formatMessage('sidebar.kpi.change', { change: '+25%', period, previous: '120' }, 'nl'))
      .toBe('+25% ten opzichte van de vorige 30 dagen (120)');
    expect(formatMessage('sidebar.kpi.same', { period: formatMessage('sidebar.kpi.period_one', {}, 'nl') }, 'nl')).toBe('Gelijk aan de vorige dag');
    expect(formatMessage('report.table.assets', { type: formatMessage('asset_type.landing_page', {}, 'nl') }, 'nl'))
      .toBe('Assets: Landingspagina\'s');
    expect(formatMessage('sidebar.range.days', { from: '2024-04-16', to: '2024-05-15' }, 'nl')).toBe('2024-04-16 t/m 2024-05-15');
    expect(formatMessage('ingest.refers_to_left_out', { id: 'C7', sheet: 'Campaigns', row: 4 }, 'nl'))
      .toBe('"C7" staat op rij 4 van Campaigns, die wordt weggelaten; daarom wordt deze rij ook weggelaten.');
    expect(formatMessage('addon.schedule.set_weekly', {
      day: formatMessage('addon.weekday.monday', {}, 'nl'), time: '07:00', tz: 'Europe/Amsterdam', recipients: 'ann@example.com',
    }, 'nl')).toBe('Elke maandag rond 07:00 (Europe/Amsterdam) wordt het rapport vernieuwd en een samenvatting gemaild naar ann@example.com.');
  });

  test('uses the model names Dutch marketers use', () => {
    expect(MODEL_IDS.map((id) => formatMessage(findModel(id)!.nameId, {}, 'nl'))).toEqual([
      'Eerste interactie', 'Laatste interactie', 'Lineair', 'U-vormig', 'W-vormig', 'Volledig pad', 'Tijdsverval', 'J-vormig',
      'Omgekeerde J', 'Markovketen', 'Shapley-waarde',
    ]);
  });

  test('the data check\'s header row has its five columns in Dutch too', () => {
    expect(formatMessage('addon.validate.header', {}, 'nl').split('|')).toEqual(['Ernst', 'Blad', 'Rij', 'Kolom', 'Melding']);
  });

  test('says "aanraking" for touch: the English word is left only in option names such as --touch and in {touch}', () => {
    const english = MESSAGE_IDS.filter((id) => /touch/i.test(template(id, 'nl').replace(/--touch\b|\{touch\}/g, '')));
    expect(english).toEqual([]);
    const touch = (id: 'report.touch.first' | 'report.touch.last') => formatMessage(id, {}, 'nl');
    expect(formatMessage('report.provenance.touch', { touch: touch('report.touch.first') }, 'nl')).toBe('Nieuwe contacten: eerste aanraking');
    expect(formatMessage('report.provenance.touch', { touch: touch('report.touch.last') }, 'nl')).toBe('Nieuwe contacten: laatste aanraking');
    expect(template('report.col.contacts_first_touch', 'nl')).toBe('Contacten (eerste aanraking)');
    expect(template('sidebar.controls.touch', 'nl')).toBe('Contacttoewijzing');
    expect(template('sidebar.controls.touch_first', 'nl')).toBe('Eerste aanraking');
    expect(template('sidebar.controls.touch_last', 'nl')).toBe('Laatste aanraking');
    expect(formatMessage('addon.settings.options', {
      model: 'Lineair', touch: touch('report.touch.last'), range: 'alle datums t/m 2024-04-30', frequency: 'maandelijks', campaigns: 'alle campagnes',
      lookback: 'geen terugkijkperiode',
    }, 'nl')).toBe('Lineair, laatste aanraking, alle datums t/m 2024-04-30, maandelijks, alle campagnes, geen terugkijkperiode');
    expect(formatMessage('addon.fn.touch_unknown', { value: 'midden', allowed: 'eerste, laatste' }, 'nl'))
      .toBe('"midden" is geen aanraking. Toegestaan: eerste, laatste (of first, last).');
  });

  test('words choices and names so a Dutch user understands them', () => {
    expect(formatMessage('sidebar.change.campaign_unknown', { id: 'C7' }, 'nl')).toBe('De campagne "C7" staat niet (meer) in het blad Campaigns.');
    expect(template('report.table.traffic_organic_social_by_network', 'nl')).toBe('Organisch sociaal verkeer per platform');
    expect(formatMessage('addon.schedule.frequency_unknown', { frequency: 'hourly' }, 'nl'))
      .toBe('"hourly" is geen planning; kies dagelijks (daily) of wekelijks (weekly).');
    expect(formatMessage('addon.share.role_unknown', { role: 'owner' }, 'nl'))
      .toBe('"owner" is geen manier van delen; kies lezer (viewer) of bewerker (editor).');
    expect(formatMessage('sidebar.options.language_unknown', { language: 'fr' }, 'nl'))
      .toBe('"fr" is geen taal van de add-on; kies automatisch (auto), Engels (en) of Nederlands (nl).');
    // The product is "Google Spreadsheets" in Dutch, everywhere.
    expect(MESSAGE_IDS.filter((id) => /Google Sheets/.test(template(id, 'nl')))).toEqual([]);
    expect(template('addon.dashboard.chart_without_id', 'nl')).toMatch(/^Google Spreadsheets heeft de grafiek /);
  });

  test('uses the source documents\' words (seeds): "Organisch sociaal", "Overige campagnes", "Nieuwe bezoekerssessies", "Alles uitvouwen"', () => {
    expect(['source.paid_social', 'source.organic_social', 'source.other_campaigns', 'report.table.traffic_other_campaigns', 'report.sheet.traffic_other_campaigns']
      .map((id) => template(id as MessageId, 'nl')))
      .toEqual(['Betaald sociaal', 'Organisch sociaal', 'Overige campagnes', 'Overige campagnes per bron / medium', 'Verkeer – overige campagnes']);
    expect(['report.col.new_visitor_sessions', 'sidebar.results.expand_all', 'sidebar.results.collapse_all', 'report.col.closed_at', 'sidebar.schedule.recipients_hint']
      .map((id) => template(id as MessageId, 'nl')))
      .toEqual(['Nieuwe bezoekerssessies', 'Alles uitvouwen', 'Alles samenvouwen', 'Sluitdatum', 'jezelf, of naam@example.com']);
    expect(template('sidebar.controls.data_driven_help', 'nl')).toMatch(/^Markov en Shapley per kanaal staan in het rapportblad "Datagedreven attributie per kanaal";/);
  });

  test('says "aandeel" for credit, in the model explanations, the drill-down and the digest', () => {
    expect(['first_interaction', 'last_interaction', 'linear', 'time_decay', 'markov'].map((id) => template(`model.${id}.description` as MessageId, 'nl'))).toEqual([
      'De eerste interactie van de klantreis krijgt het volledige aandeel.',
      'De laatste interactie vóór de conversie krijgt het volledige aandeel.',
      'Elke interactie krijgt een even groot aandeel.',
      'Een groter aandeel voor recente interacties: het aandeel halveert per 7 dagen vóór de conversie.',
      'Elk kanaal krijgt een aandeel naar verhouding van zijn verwijderingseffect: hoeveel minder vaak klantreizen zonder dat kanaal converteren.',
    ]);
    expect(template('report.table.drill_down', 'nl')).toBe('Inkomstendetails: elke interactie met een aandeel');
    expect(template('report.table.drill_down_even_split', 'nl')).toBe('Inkomstendetails (gelijkmatig verdeeld): elke interactie met een aandeel');
    expect(template('report.col.credit', 'nl')).toBe('Aandeel');
    expect(formatMessage('sidebar.drill.opened', { sheet: 'Inkomstendetails' }, 'nl'))
      .toBe('Het detailblad "Inkomstendetails" is geopend: elke interactie achter de bedragen die een aandeel kreeg, met dat aandeel.');
    expect(formatMessage('addon.digest.model', { model: 'Lineair' }, 'nl')).toBe('Inkomstenaandeel volgens het model Lineair');
    expect(formatMessage('report.subtitle.workbook_revenue', { revenue: '€ 6.000,00', unattributed: '€ 0,00' }, 'nl'))
      .toBe('Hele werkmap in deze periode: inkomsten uit gesloten gewonnen deals € 6.000,00, waarvan niet-toegeschreven (geen interactie die een aandeel kan krijgen) € 0,00.');
  });

  test('says where a row is as "rij N van blad", and words a deal closed before it was created grammatically', () => {
    expect(formatMessage('sidebar.change.confirm_rename', { old: 'Voorjaar', name: 'Zomer', sheet: 'Campaigns', row: 2, utm: 'zomer' }, 'nl'))
      .toBe('"Voorjaar" hernoemen naar "Zomer" op rij 2 van Campaigns? De utm_campaign-waarde: zomer.');
    expect(template('sidebar.change.confirm_rename_utm', 'nl')).toMatch(/^"\{old\}" hernoemen naar "\{name\}" op rij \{row\} van \{sheet\}\? /);
    expect(template('ingest.closed_before_created', 'nl')).toBe('Deze gewonnen deal is gesloten voordat hij werd aangemaakt. Zijn contactpersonen '
      + 'tellen pas als gekoppeld vanaf created_at (tenzij DealContacts een eerder tijdstip geeft), dus bij het sluiten is er nog geen enkele '
      + 'gekoppeld en gaat het bedrag naar "(geen campagne)". Controleer de twee datums.');
    expect(formatMessage('cli.input_file_twice', { path: 'data', first: 'Visits.csv', second: 'visits.csv', sheet: 'Visits' }, 'nl'))
      .toBe('"data" kan niet worden gelezen: de bestanden "Visits.csv" en "visits.csv" staan allebei voor het blad Visits, dus het is '
        + 'onduidelijk welk gelezen moet worden; geef een van beide een andere naam of verwijder er één.');
  });

  test('a deal closed without closed_at names its stage in words', () => {
    expect(template('ingest.closed_at_missing_won', 'en')).toBe('A won deal needs closed_at.');
    expect(template('ingest.closed_at_missing_lost', 'en')).toBe('A lost deal needs closed_at.');
    expect(template('ingest.closed_at_missing_won', 'nl')).toBe('Een gewonnen deal heeft closed_at nodig.');
    expect(template('ingest.closed_at_missing_lost', 'nl')).toBe('Een verloren deal heeft closed_at nodig.');
  });

  test('a Dutch figure name or touch typed into a custom function finds that figure or touch', () => {
    expect(METRIC_NAMES.filter((name) => metricFor(formatMessage(`formula.metric.${name}`, {}, 'nl'), 'UTC').name !== name)).toEqual([]);
    expect(metricFor('beïnvloede inkomsten', 'UTC').name).toBe('influenced_revenue');
    expect(touchFor('Laatste', 'UTC')).toBe('last');
  });
});

describe('a problem with a cell says what is allowed', () => {
  test.each(['en', 'nl'] as const)('in %s', (lang) => {
    const texts = [
      formatMessage('ingest.number_invalid', { value: '12%' }, lang),
      formatMessage('ingest.date_invalid', { value: 'garbage' }, lang),
      formatMessage('ingest.boolean_invalid', { value: 'maybe' }, lang),
      formatMessage('ingest.unknown_campaign', { id: 'C9' }, lang),
    ];
    expect(texts).toEqual(lang === 'en' ? [
      '"12%" is not a number; use digits with a decimal point or comma, such as 1234.5 or 1.234,50, and if you like '
        + 'thousands separators and a currency symbol or code (€ 1,234.50, 1234 USD); no % or other units.',
      '"garbage" is not a date or time; use YYYY-MM-DD (with a time such as 14:30 if needed), a date cell, or your '
        + 'locale\'s day/month order, such as 25/04/2024.',
      '"maybe" is not TRUE or FALSE; use TRUE/FALSE, yes/no, y/n, ja/nee, j/n, waar/onwaar, 1/0, or x for TRUE (an empty cell is FALSE).',
      'The campaign "C9" does not exist in Campaigns; this row is left out.',
    ] : [
      '"12%" is geen getal; gebruik cijfers met een decimaalkomma of -punt, zoals 1234,5 of 1.234,50, desgewenst met '
        + 'scheidingstekens voor duizendtallen en een valutateken of -code (€ 1.234,50, 1234 USD); geen % of andere eenheden.',
      '"garbage" is geen datum of tijd; gebruik YYYY-MM-DD (zo nodig met een tijd zoals 14:30), een datumcel of de '
        + 'dag/maand-volgorde van je landinstelling, zoals 25-04-2024.',
      '"maybe" is niet WAAR of ONWAAR; gebruik WAAR/ONWAAR, TRUE/FALSE, ja/nee, j/n, yes/no, y/n, 1/0, of x voor WAAR (een lege cel is ONWAAR).',
      'De campagne "C9" bestaat niet in Campaigns; deze rij wordt weggelaten.',
    ]);
  });
});

describe('languageOf: the language of a locale', () => {
  test.each([
    ['nl_NL', 'nl'], ['nl-BE', 'nl'], ['nl', 'nl'], ['en_US', 'en'], ['de_DE', 'en'], ['', 'en'], [null, 'en'], [undefined, 'en'],
  ])('%s → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});

import { addon, overTheWire } from '../support/campaign-workbook';
import { AUTH_MODES } from '../support/gas-fakes';

// The add-on's language: the spreadsheet locale's, unless the user picks one with the sidebar's language
// control; the choice is theirs alone (a user property) and covers everything the add-on says to them, but
// not custom functions, whose cells everyone sees. dist/Code.js on the workbook of test/support/campaign-workbook.ts
// (locale en_IE unless said). Expected Dutch is the catalogue's, written out by hand.

const LANGUAGE_KEY = 'campaignAnalytics.language';
const DUTCH = { userProperties: { [LANGUAGE_KEY]: 'nl' } };
const options = (overrides: Record<string, unknown> = {}) => ({
  campaignId: 'C1', model: 'u_shaped', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly', channels: 'campaign', markovOrder: 1, ...overrides,
});
const modelOf = (state: { models: Array<{ id: string; name: string; description: string }> }, id: string) => state.models.find((m) => m.id === id);

describe('the language follows the spreadsheet locale until the user chooses one', () => {
  test('an English spreadsheet: English, "automatic"', () => {
    const { script } = addon();
    const state = overTheWire(script.getSidebarState());
    expect([state.language, state.languageChoice]).toEqual(['en', 'auto']);
    expect(modelOf(state, 'u_shaped')?.name).toBe('U-shaped');
  });

  test('a Dutch spreadsheet: Dutch model names and explanations', () => {
    const { script } = addon({ locale: 'nl_NL' });
    const state = overTheWire(script.getSidebarState());
    expect([state.language, state.languageChoice]).toEqual(['nl', 'auto']);
    expect(modelOf(state, 'u_shaped')).toEqual({
      id: 'u_shaped', name: 'U-vormig', description: '40% naar de eerste interactie, 40% naar de leadconversie, 20% naar de rest.',
    });
  });
});

describe('saveSidebarLanguage: the sidebar\'s language control', () => {
  test('keeps the choice for this user only and answers with the state in that language', () => {
    const { script, services } = addon();
    const state = overTheWire(script.saveSidebarLanguage('nl'));
    expect([state.language, state.languageChoice]).toEqual(['nl', 'nl']);
    expect(modelOf(state, 'linear')?.name).toBe('Lineair');
    expect(services.userProperties.get(LANGUAGE_KEY)).toBe('nl');
    expect([...services.documentProperties.keys()]).not.toContain(LANGUAGE_KEY);
    // The sidebar opens in it from now on.
    expect(overTheWire(script.getSidebarState()).language).toBe('nl');
  });

  test('English in a Dutch spreadsheet, and back to automatic', () => {
    const { script } = addon({ locale: 'nl_NL' });
    expect(overTheWire(script.saveSidebarLanguage('en')).language).toBe('en');
    const back = overTheWire(script.saveSidebarLanguage('auto'));
    expect([back.language, back.languageChoice]).toEqual(['nl', 'auto']);
  });

  test('refuses a language the add-on does not speak, saying so in the language in use', () => {
    const { script, services } = addon();
    expect(() => script.saveSidebarLanguage('fr')).toThrow('"fr" is not a language the add-on speaks; choose auto, en or nl.');
    expect(services.userProperties.has(LANGUAGE_KEY)).toBe(false);
    const dutch = addon(DUTCH);
    expect(() => dutch.script.saveSidebarLanguage('fr')).toThrow('"fr" is geen taal van de add-on; kies automatisch (auto), Engels (en) of Nederlands (nl).');
  });

  test('a stored value the add-on cannot use counts as automatic', () => {
    const { script } = addon({ userProperties: { [LANGUAGE_KEY]: 'klingon' } });
    const state = overTheWire(script.getSidebarState());
    expect([state.language, state.languageChoice]).toEqual(['en', 'auto']);
  });
});

describe('Dutch chosen in an English spreadsheet: everything the add-on says to that user', () => {
  test('the campaign page: section titles, the model, errors', () => {
    const { script } = addon(DUTCH);
    const results = overTheWire(script.runSidebar(options()));
    expect(results.language).toBe('nl');
    expect(results.model).toEqual({ id: 'u_shaped', name: 'U-vormig' });
    expect(results.sections.map((s: { title: string }) => s.title)).toEqual(['Assets: Landingspagina\'s']);
    expect(() => script.saveSidebarChoices(options({ model: 'magic' }))).toThrow('"magic" is geen attributiemodel.');
  });

  test('the report sheets it writes: Dutch tab names, title and headers, and a Dutch outcome', () => {
    const { script, book } = addon(DUTCH);
    const outcome = overTheWire(script.writeReportFromSidebar(options()));
    expect(outcome.done).toBe(true);
    expect(outcome.title).toBe('Campagnerapport');
    const tabs = book.sheets.map((sheet) => sheet.name);
    expect(tabs).toEqual(expect.arrayContaining(['Overzicht', 'Inkomstendetails: elke interactie met een aandeel']));
    expect(tabs).not.toContain('Overview');
    // Row 1: the title; row 4: the headers.
    const overview = book.sheet('Overzicht');
    expect(overview.read('values', 1, 1, 1, 1)).toEqual([['Overzicht']]);
    expect(overview.read('values', 4, 1, 1, 3)).toEqual([['Campagne', 'Sessies', 'Doel sessies']]);
  });

  test('switching language between runs renames the report sheets and words their protection anew, but keeps a name the user gave', () => {
    const { script, book, services } = addon();
    script.runReport();
    book.sheet('Attribution by model').name = 'My attribution';
    services.userProperties.set(LANGUAGE_KEY, 'nl');
    script.runReport();
    const tabs = book.sheets.map((sheet) => sheet.name);
    expect(tabs).toEqual(expect.arrayContaining(['Overzicht', 'Inkomstendetails: elke interactie met een aandeel', 'My attribution']));
    expect(tabs).not.toContain('Overview');
    expect(book.sheet('Overzicht').protection?.description).toMatch(/^Geschreven door de add-on Campaign analytics\./);
    // Back in English: the English names again, each sheet the same sheet (same id).
    const id = book.sheet('Overzicht').id;
    services.userProperties.set(LANGUAGE_KEY, 'en');
    script.runReport();
    expect(book.sheet('Overview').id).toBe(id);
    expect(book.sheet('Overview').protection?.description).toMatch(/^Written by the Campaign analytics add-on\./);
  });

  test('refusals name a report table by its Dutch title and quote asset types as the Assets cells hold them', () => {
    const { script } = addon(DUTCH);
    expect(() => script.saveChartToDashboard({ table: 'paid_search_terms', dashboard: { name: 'Bord' } }))
      .toThrow('Er is geen rapportblad voor "Betaald zoeken per zoekterm": maak eerst het rapport.');
    expect(() => script.changeCampaign({ kind: 'link_asset', campaignId: 'C1', assetId: 'A2', type: 'landing_page', name: '', url: '' }, false))
      .toThrow('De asset A2 heeft in Assets het type "email", niet "landing_page".');
  });

  test('the menu\'s dialogs', () => {
    const { script, services } = addon(DUTCH);
    script.showSettings();
    expect(services.alerts[0].title).toBe('Instellingen');
    expect(services.alerts[0].prompt).toContain('Valuta: EUR');
  });

  test('the menu itself, when the spreadsheet opens', () => {
    const { script, services } = addon(DUTCH);
    script.onOpen({ authMode: AUTH_MODES.LIMITED });
    expect(services.menus[0].items[0]).toEqual(['Zijbalk openen', 'showSidebar']);
  });

  test('choosing a language in the sidebar puts the menu in it at once', () => {
    const { script, services } = addon();
    script.onOpen({ authMode: AUTH_MODES.LIMITED });
    expect(services.menus.at(-1)!.items[0]).toEqual(['Open sidebar', 'showSidebar']);
    script.saveSidebarLanguage('nl');
    expect(services.menus.at(-1)!.items[0]).toEqual(['Zijbalk openen', 'showSidebar']);
    script.saveSidebarLanguage('en');
    expect(services.menus.at(-1)!.items[0]).toEqual(['Open sidebar', 'showSidebar']);
  });

  test('but not custom functions: a cell shows everyone the same text, in the spreadsheet\'s language', () => {
    const { script } = addon(DUTCH);
    expect(() => script.CAMPAIGN_REVENUE('C9')).toThrow('"C9" is not a campaign. Campaigns: Spring launch, Summer, (no campaign).');
  });
});

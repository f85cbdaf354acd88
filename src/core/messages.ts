// The one message catalogue: every user-facing string (menu items, sidebar, command line, problem texts)
// is looked up here by id. English is complete; other languages may fall back to English per id.
// Parameters are written {name} and filled by formatMessage.

const en = {
  // --- Ingest: sheets and headers ---
  'ingest.sheet_missing': 'The sheet "{sheet}" is missing.',
  'ingest.column_missing': 'The required column "{column}" is missing (looked for: {aliases}).',
  'ingest.column_duplicate': 'The column "{column}" appears twice; the first one (column {first}) is used.',

  // --- Ingest: cells ---
  'ingest.required_empty': 'This required cell is empty.',
  'ingest.date_invalid': '"{value}" is not a date or time.',
  'ingest.date_ambiguous': '"{value}" could be day-first or month-first; set the locale to settle it, or use YYYY-MM-DD.',
  'ingest.number_invalid': '"{value}" is not a number.',
  'ingest.number_ambiguous': '"{value}" could use "." or "," as decimal mark; set the locale to settle it.',
  'ingest.amount_negative': 'The amount {value} is negative.',
  'ingest.count_negative': 'The count {value} is negative.',
  'ingest.boolean_invalid': '"{value}" is not TRUE or FALSE.',
  'ingest.enum_invalid': '"{value}" is not a known {kind}; allowed: {allowed}.',
  'ingest.contact_or_visitor_missing': 'A visit needs a visitor_id or a contact_id.',
  'ingest.closed_at_missing': 'A {stage} deal needs closed_at.',
  'ingest.currency_other': 'The deal is in {currency}, not the workbook currency {workbook}; it is left out of every sum.',
  'ingest.currency_invalid': '"{value}" is not a currency; use a code such as EUR or USD.',
  'ingest.currency_conflict': 'The amount is written in {amount_currency} but the currency column says {currency}.',

  // --- Ingest: cross-checks ---
  'ingest.duplicate_id': 'The id "{id}" already appears on row {first}; this row is left out.',
  'ingest.unknown_campaign': 'The campaign "{id}" does not exist in Campaigns.',
  'ingest.unknown_deal': 'The deal "{id}" does not exist in Deals.',
  'ingest.refers_to_left_out': '"{id}" is on {sheet} row {row}, which is left out; so this row is left out too.',
  'ingest.duplicate_link': 'The asset "{id}" is already linked to campaign "{campaign}" on row {first}; this row is left out.',
  'ingest.unknown_contact': 'The contact "{id}" does not appear in Contacts or Visits.',
  'ingest.asset_moved': 'The asset "{id}" is also linked to campaign "{campaign}" (row {row}) later; the later link wins and this one counts for nothing.',
  'ingest.social_unpublished': 'The social post "{id}" has no published_at; it counts for nothing until it is published.',
  'ingest.ab_no_winner': 'The A/B group "{group}" has no winning variant marked; none of its variants count.',
  'ingest.ab_several_winners': 'The A/B group "{group}" has more than one winner marked (rows {rows}).',
  'ingest.ab_winner_without_group': 'ab_winner is set but ab_group is empty; the asset is not treated as an A/B email.',

  // --- Attribution models (names and one-line explanations) ---
  'model.first_interaction.name': 'First interaction',
  'model.first_interaction.description': 'All credit to the first interaction of the journey.',
  'model.last_interaction.name': 'Last interaction',
  'model.last_interaction.description': 'All credit to the last interaction before the conversion.',
  'model.linear.name': 'Linear',
  'model.linear.description': 'Equal credit to every interaction.',
  'model.u_shaped.name': 'U-shaped',
  'model.u_shaped.description': '40% to the first interaction, 40% to the lead conversion, 20% to the rest.',
  'model.w_shaped.name': 'W-shaped',
  'model.w_shaped.description': '30% each to first interaction, lead conversion and deal creation, 10% to the rest.',
  'model.full_path.name': 'Full path',
  'model.full_path.description': '22.5% each to first interaction, lead conversion, deal creation and close, 10% to the rest.',
  'model.time_decay.name': 'Time decay',
  'model.time_decay.description': 'More credit to recent interactions: credit halves every 7 days before the conversion.',
  'model.j_shaped.name': 'J-shaped',
  'model.j_shaped.description': '20% to the first interaction, 60% to the last, 20% to the rest.',
  'model.inverse_j.name': 'Inverse J',
  'model.inverse_j.description': '60% to the first interaction, 20% to the last, 20% to the rest.',

  // --- Report rendering ---
  'render.contents': 'Contents',
  'render.total': 'Total',
  'render.no_data': 'No data',
  'render.empty_cell': 'No value',
  'render.other': 'Other',
  'render.point': '{category}, {series}: {value}',
  'render.slice': '{category}: {value} ({share})',
  'render.chart.line': 'Line chart of {series} by {category}.',
  'render.chart.column': 'Column chart of {series} by {category}.',
  'render.chart.bar': 'Bar chart of {series} by {category}.',
  'render.chart.pie': 'Pie chart of {series} by {category}.',

  // --- Data health (why an asset or utm value counts for nothing) ---
  'health.no_interactions': 'No interaction with this asset was found.',
  'health.before_association': 'Its interactions all happened before it was linked to {campaign}; nothing counts retroactively.',
  'health.before_campaign_created': 'Its interactions all happened before {campaign} was created; nothing counts retroactively.',
  'health.not_published': 'The social post was not published (published_at empty or after its interactions).',
  'health.not_visited_after_creation': 'Never visited after {campaign} was created; tracking URLs and paid search show up once visited.',
  'health.losing_variant': 'A losing A/B variant: only the winning variant counts.',
  'health.no_winner': 'Its A/B group has no winner marked: no variant counts.',
  'health.moved': 'This link was replaced: the asset moved to {campaign}.',
  'health.utm_unknown': 'This utm_campaign value matches no campaign (current or former utm value).',

  // --- Command line ---
  'cli.usage': 'Usage:\n  campaign-analytics sample <out.xlsx|out-dir> [--size small|medium|large] [--seed N]\n  campaign-analytics validate <input> [--tz ZONE] [--locale LOCALE] [--currency CODE]\n  campaign-analytics report <input> [--model M] [--touch first|last] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n                                [--frequency daily|monthly] [--campaign ID]... [--tz ZONE] [--locale LOCALE]\n                                [--lookback DAYS] [--currency CODE] [--json FILE|-] [--xlsx FILE] [--html FILE]',
  'cli.unknown_command': 'Unknown command "{command}".',
  'cli.unknown_option': 'Unknown option "{option}".',
  'cli.option_value': 'The option {option} needs a value.',
  'cli.option_invalid': 'Invalid value "{value}" for {option}; allowed: {allowed}.',
  'cli.input_missing': 'Cannot read "{path}": it is neither an .xlsx file nor a folder of CSV files.',
  'cli.validate_summary': '{sheets} sheets, {rows} rows read: {errors} errors, {warnings} warnings.',
  'cli.sample_written': 'Sample workbook written to {path}: {campaigns} campaigns, {assets} assets, {visits} visits, {deals} deals.',
  'cli.report_written': 'Report written to {path}.',
  'cli.format_unavailable': 'The {option} output is not available yet; use --json.',
  'cli.campaign_unknown': 'Unknown campaign id(s): {ids}. Known: {allowed}.',
  'cli.command_missing': 'No command given.',
  'cli.command_unavailable': 'The {command} command is not available in this build.',
  'cli.option_repeated': 'The option {option} may be given only once.',
  'cli.option_not_for_command': 'The option {option} does not apply to the {command} command.',
  'cli.argument_missing': 'The {command} command needs {argument}.',
  'cli.argument_extra': 'Unexpected argument "{value}".',
  'cli.date_invalid': '{option} needs a date as YYYY-MM-DD, not "{value}".',
  'cli.range_inverted': 'The range is empty: --from {from} is after --to {to}.',
  'cli.tz_invalid': '"{value}" is not a time zone; use an IANA name such as Europe/Amsterdam, or UTC.',
  'cli.locale_invalid': '"{value}" is not a locale; use a tag such as en-US or nl-NL.',
  'cli.currency_invalid': '"{value}" is not a currency code; use three letters such as EUR or USD.',
  'cli.integer_invalid': '{option} needs a whole number from {min} to {max}, not "{value}".',
  'cli.input_unreadable': 'Cannot read "{path}": {reason}',
  'cli.output_unwritable': 'Cannot write "{path}": {reason}',
  'cli.internal_error': 'Internal error: {message}',
  'cli.problem_line': '{location}: {severity}: {message}',
  'cli.severity.fatal': 'fatal',
  'cli.severity.error': 'error',
  'cli.severity.warning': 'warning',
  'cli.validate_blocked': 'The report cannot run until the fatal problems above are fixed.',
  'cli.sample_flaws': 'It holds {count} deliberately flawed rows; "campaign-analytics validate {path} --currency {currency}" lists them.',

  // --- Add-on ---
  'addon.menu.validate': 'Validate data sheets',
  'addon.validate.title': 'Data check',
  'addon.validate.ok': 'No problems found. Rows read: {rows}.',
  'addon.validate.header': 'Severity|Sheet|Row|Column|Message',
  'addon.validate.summary': 'Rows read: {rows}. Errors: {errors}. Warnings: {warnings}.',
  'addon.severity.error': 'Error',
  'addon.severity.warning': 'Warning',
  'addon.problem.row': 'row {row}',
  'addon.problem.column': 'column {column}',
  'addon.sidebar.checking': 'Checking the data sheets…',
  'addon.sidebar.recheck': 'Check again',
  'addon.sidebar.failed': 'The check could not run: {message} If you are signed in to several Google accounts, open the spreadsheet in a private window or with your default account.',
  'addon.fn.range_expected': 'The argument {name} must be a range that starts at its header row, such as {example}.',
} as const;

export type MessageId = keyof typeof en;
export type Language = 'en' | 'nl';

const catalogues: Record<Language, Partial<Record<MessageId, string>>> = {
  en,
  nl: {},
};

/** Renders a message in the given language (English when that language lacks it). */
export function formatMessage(id: MessageId, params: Record<string, string | number> = {}, lang: Language = 'en'): string {
  const template = catalogues[lang][id] ?? en[id];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(en, id);
}

/** Picks the catalogue language from a locale such as "nl_NL" or "en-US". */
export function languageOf(locale: string | null | undefined): Language {
  return locale && /^nl\b|^nl[-_]/i.test(locale) ? 'nl' : 'en';
}

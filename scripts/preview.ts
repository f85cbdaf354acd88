// `npm run preview`: try the sidebar without a Google account. Serves the built sidebar on this machine, its
// server calls answered by the built dist/Code.js over a workbook in memory (scripts/preview-server.ts).
// Settings, from the environment:
//   PORT               the port (default 8080; 0: any free one)
//   PREVIEW_INPUT      the workbook, an .xlsx file or a folder of CSV files as the command line reads them
//                      (default: the bundled sample, samples/sample-csv)
//   PREVIEW_LOCALE     the spreadsheet's locale (default en_US; nl_NL for Dutch)
//   PREVIEW_TIME_ZONE  the spreadsheet's time zone (default UTC)
//   PREVIEW_CURRENCY   the workbook currency (default EUR, the sample's; empty: none)
//   PREVIEW_NOW        a fixed "now" for the add-on, e.g. 2026-11-01 (the sample's today); default the real clock
import { join, resolve } from 'node:path';
import { InputError, readInput } from '../src/cli/read-input';
import { isIsoCurrencyCode } from '../src/core/ingest/numbers';
import { formatMessage, languageOf } from '../src/core/messages';
import { dayKey } from '../src/core/time';
import { asSpreadsheet } from '../test/support/sheets-import';
import { startPreview } from './preview-server';

const ROOT = join(__dirname, '..');
const DEFAULT_PORT = 8080;

class SettingError extends Error {}

function portOf(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new SettingError(formatMessage('preview.port_invalid', { value }));
  return port;
}

function nowOf(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const day = /^\d{4}-\d\d-\d\d$/.test(value);
  // A bare day is noon UTC: the same day in every zone from UTC-11 to UTC+11.
  const at = Date.parse(day ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(at)) throw new SettingError(formatMessage('preview.now_invalid', { value }));
  return at;
}

function timeZoneOf(value: string | undefined): string {
  const timeZone = value || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new SettingError(formatMessage('cli.tz_invalid', { value: timeZone }));
  }
  return timeZone;
}

function currencyOf(value: string | undefined): string | null {
  if (value === undefined) return 'EUR';
  if (value === '') return null;
  if (!isIsoCurrencyCode(value)) throw new SettingError(formatMessage('cli.currency_invalid', { value }));
  return value;
}

async function preview(): Promise<void> {
  const { env } = process;
  const port = portOf(env.PORT);
  const now = nowOf(env.PREVIEW_NOW);
  const timeZone = timeZoneOf(env.PREVIEW_TIME_ZONE);
  const currency = currencyOf(env.PREVIEW_CURRENCY);
  const locale = env.PREVIEW_LOCALE || 'en_US';
  const input = env.PREVIEW_INPUT || 'samples/sample-csv';
  const path = env.PREVIEW_INPUT ? resolve(env.PREVIEW_INPUT) : join(ROOT, 'samples', 'sample-csv');
  const sheets = asSpreadsheet(await readInput(path), timeZone);
  const server = await startPreview({ sheets, locale, timeZone, currency, now, port, log: (line) => console.error(line) }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new SettingError(formatMessage('preview.port_in_use', { port }));
    throw error;
  });
  console.log(formatMessage('preview.listening', {
    url: server.url, input, locale, timeZone, today: dayKey(now ?? Date.now(), timeZone),
  }, languageOf(locale)));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

preview().catch((error: unknown) => {
  if (error instanceof SettingError) console.error(error.message);
  else if (error instanceof InputError) console.error(formatMessage(error.messageId, error.params));
  else console.error(error);
  process.exit(1);
});

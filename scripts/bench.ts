// `npm run bench`: speed and memory of the engine on the large sample (about 1M visits), printed, not asserted.
// The sample is generated once into .bench/ and reused; delete that folder to regenerate it.
import { existsSync } from 'node:fs';
import { analyze, computeMetrics } from '../src/core/engine';
import { ingestWorkbook } from '../src/core/ingest';
import { endOfDay } from '../src/core/time';
import type { Workbook } from '../src/core/types';
import { main } from '../src/cli/main';
import { readInput } from '../src/cli/read-input';

const SAMPLE_DIR = '.bench/large-csv';
const SIZES = [10_000, 100_000, 1_000_000];

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function bench(): Promise<void> {
  if (!existsSync(SAMPLE_DIR)) {
    const start = process.hrtime.bigint();
    const status = await main(['sample', SAMPLE_DIR, '--size', 'large']);
    if (status !== 0) throw new Error(`sample failed with status ${status}`);
    console.log(`generated ${SAMPLE_DIR} in ${seconds(start).toFixed(1)} s`);
  }
  let start = process.hrtime.bigint();
  const raw = await readInput(SAMPLE_DIR);
  console.log(`read CSV: ${seconds(start).toFixed(2)} s, ${fmt((raw.Visits?.length ?? 1) - 1)} visit rows`);
  start = process.hrtime.bigint();
  const { workbook } = ingestWorkbook(raw, { tz: 'UTC', locale: 'en-US', currency: null });
  const ingestSeconds = seconds(start);
  console.log(`ingest: ${ingestSeconds.toFixed(2)} s (${fmt(workbook.visits.length / ingestSeconds)} visits/s)`);

  const to = endOfDay('2030-12-31', 'UTC');
  console.log('interactions | analyze s | metrics s | interactions/s | ledger rows | peak RSS MB');
  for (const size of SIZES) {
    if (size > workbook.visits.length) break;
    const part: Workbook = { ...workbook, visits: workbook.visits.slice(0, size) };
    start = process.hrtime.bigint();
    const analysis = analyze(part, { lookbackDays: null });
    const analyzeSeconds = seconds(start);
    start = process.hrtime.bigint();
    computeMetrics(analysis, { from: null, to, touch: 'first', frequency: 'monthly', tz: 'UTC' });
    const metricsSeconds = seconds(start);
    console.log([
      fmt(size), analyzeSeconds.toFixed(2), metricsSeconds.toFixed(2), fmt(size / (analyzeSeconds + metricsSeconds)),
      fmt(analysis.ledger.visit.length), peakMb(),
    ].join(' | '));
  }
}

bench().catch((e) => {
  console.error(e);
  process.exit(1);
});

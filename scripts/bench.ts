// `npm run bench`: speed and memory, printed, not asserted (targets live here, not in timed tests).
//   1. Reading and ingesting the large sample (about 1M visits), timed apart: parsing is excluded below.
//   2. The engine on 10k, 100k and 1M of its interactions against a floor measured on the same records:
//      grouping the interactions by contact, sorting each group by time, one pass summing deal amounts.
//   3. The whole report for each model on all the interactions, against the same floor.
//   4. The data-driven models on 10k, 100k and 1M generated journeys, against a floor of one pass over them.
//   5. Workbook shapes that once took quadratic time (bench-shapes.ts), at a size and at four times it.
//   6. The Apps Script service calls of one report run on the bundled sample (dist/Code.js in a vm), and of a second
//      run over that report.
//   7. Issue #9's targets, each with the figure measured for it and whether it is met.
// The large sample is generated once into .bench/ and reused; delete that folder to regenerate it.
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import { cpus } from 'node:os';
import { analyze, computeMetrics, MODELS } from '../src/core/engine';
import { buildReportData } from '../src/core/report/report-data';
import {
  aggregatePaths, markov, pathHeuristic, PATH_HEURISTICS, shapley, shapleyConversionRate, type ChannelPath, type Journey,
} from '../src/core/engine/data-driven';
import { ingestWorkbook } from '../src/core/ingest';
import { endOfDay } from '../src/core/time';
import type { Cell, Workbook } from '../src/core/types';
import { main } from '../src/cli/main';
import { readInput } from '../src/cli/read-input';
import { fakeServices, logCalls } from '../test/support/gas-fakes';
import { fakeChangeTriggers, fakeGzip, type Wrap } from '../test/support/gas-fakes-cache';
import { measurePeakHeap } from './peak-heap';
import { shapeRows } from './bench-shapes';

const SAMPLE_DIR = '.bench/large-csv';
/** Issue #9's targets, each with the figure measured for it, printed at the end. */
const targets: Array<{ target: string; measured: string; met: boolean }> = [];
/** The reference package's simulation for order-1 Markov on 1M journeys, on this kind of machine (issue #9). */
const REFERENCE_MARKOV_SECONDS = 2;
const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 3;
/** A full collection before a timed part (npm run bench passes --expose-gc). */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const now = () => process.hrtime.bigint();
const seconds = (start: bigint) => Number(now() - start) / 1e9;
/** The highest peak of a few runs, and the most any of them added to the memory it started from. */
class PeakMemory {
  private peak = 0;
  private added = 0;
  measure(run: () => void): void {
    const { peakMb, addedMb } = measurePeakHeap(run);
    this.peak = Math.max(this.peak, peakMb);
    this.added = Math.max(this.added, addedMb);
  }
  get cells(): string[] {
    return [fmt(this.peak), fmt(this.added)];
  }
}
const MEMORY_HEADER = ['peak heap MB', 'added MB'];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const table = (header: string[], rows: Array<Array<string | number>>) => {
  console.log(header.join(' | '));
  for (const row of rows) console.log(row.join(' | '));
};

/**
 * The floor: what any attribution of these records must do at least. Rows with a contact are grouped by
 * contact id, anonymous rows by visitor id (each id hashed once, as the records hold it), each group is
 * sorted by time, and one pass sums the deal amounts.
 */
function floor(workbook: Workbook): number {
  const { visits } = workbook;
  const byContact = new Map<string, number[]>();
  const byVisitor = new Map<string | null, number[]>();
  for (let v = 0; v < visits.length; v++) {
    const { contactId, visitorId } = visits[v];
    const groups = contactId !== null ? byContact : byVisitor;
    const key = contactId ?? visitorId;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  for (const groups of [byContact, byVisitor]) {
    for (const group of groups.values()) group.sort((a, b) => visits[a].timestamp - visits[b].timestamp);
  }
  let total = 0;
  for (const deal of workbook.deals) total += deal.amount;
  return total;
}

/** The large sample's records, parsed and ingested (timed here); the raw rows are dropped, as the CLI drops them. */
async function readSample(): Promise<Workbook> {
  let start = now();
  const raw = await readInput(SAMPLE_DIR);
  console.log(`read CSV: ${seconds(start).toFixed(2)} s, ${fmt((raw.Visits?.length ?? 1) - 1)} visit rows`);
  start = now();
  const { workbook } = ingestWorkbook(raw, { tz: 'UTC', locale: 'en-US', currency: 'EUR' });
  const ingestSeconds = seconds(start);
  console.log(`ingest: ${ingestSeconds.toFixed(2)} s (${fmt(workbook.visits.length / ingestSeconds)} visits/s)`);
  console.log(`the process's peak resident memory so far: ${fmt(process.resourceUsage().maxRSS / 1024)} MB\n`);
  return workbook;
}

async function engineOnSample(): Promise<void> {
  if (!existsSync(SAMPLE_DIR)) {
    const start = now();
    const status = await main(['sample', SAMPLE_DIR, '--size', 'large']);
    if (status !== 0) throw new Error(`sample failed with status ${status}`);
    console.log(`generated ${SAMPLE_DIR} in ${seconds(start).toFixed(1)} s`);
  }
  const workbook = await readSample();

  const to = endOfDay('2030-12-31', 'UTC');
  const rows: Array<Array<string | number>> = [];
  /** The figures of the largest size, for the per-model report. */
  const last = { floor: Infinity, analyze: Infinity };
  for (const size of SIZES) {
    if (size > workbook.visits.length) break;
    const part: Workbook = { ...workbook, visits: workbook.visits.slice(0, size) };
    // Best of a few runs, each starting from a collected heap: one run's figure swings by half with
    // whatever garbage the run before it left, and the floor is short enough to swing the most.
    const best = { floor: Infinity, analyze: Infinity, metrics: Infinity, total: Infinity, ledgerRows: 0 };
    const memory = new PeakMemory();
    for (let run = 0; run < RUNS; run++) {
      collectGarbage();
      let start = now();
      floor(part);
      best.floor = Math.min(best.floor, seconds(start));
      collectGarbage();
      memory.measure(() => {
        start = now();
        const analysis = analyze(part, { lookbackDays: null });
        const analyzeSeconds = seconds(start);
        start = now();
        computeMetrics(analysis, { from: null, to, touch: 'first', frequency: 'monthly', tz: 'UTC' });
        const metricsSeconds = seconds(start);
        if (analyzeSeconds + metricsSeconds < best.total) {
          Object.assign(best, { analyze: analyzeSeconds, metrics: metricsSeconds, total: analyzeSeconds + metricsSeconds });
        }
        best.ledgerRows = analysis.ledger.visit.length;
      });
    }
    Object.assign(last, { floor: best.floor, analyze: best.analyze });
    if (size === 1_000_000) {
      targets.push({
        target: 'the whole report with every rule-based model on 1M interactions within 3× the floor',
        measured: `${best.total.toFixed(2)} s, ${(best.total / best.floor).toFixed(1)}× the floor of ${best.floor.toFixed(2)} s`,
        met: best.total <= 3 * best.floor,
      });
    }
    rows.push([
      fmt(size), best.floor.toFixed(2), best.analyze.toFixed(2), best.metrics.toFixed(2), best.total.toFixed(2),
      (best.total / best.floor).toFixed(1), fmt(size / best.total), fmt(best.ledgerRows), ...memory.cells,
    ]);
  }
  console.log('Engine on the large sample: analyze = journeys, sessions and the ledger under all 9 rule-based models;');
  console.log(`report = every figure of every campaign, Markov and Shapley included. Best of ${RUNS} runs.`);
  table(['interactions', 'floor s', 'analyze s', 'report s', 'total s', 'total / floor', 'interactions/s', 'ledger rows', ...MEMORY_HEADER], rows);
  console.log('');
  reportPerModel(workbook, last);
}

/**
 * The whole report as the command line makes it (every table's data) for each model in turn, on all the
 * interactions: the analysis is shared, so each model's figure is the analysis plus its report.
 */
function reportPerModel(workbook: Workbook, measured: { floor: number; analyze: number }): void {
  collectGarbage();
  const analysis = analyze(workbook, { lookbackDays: null });
  const rows = MODELS.map((model) => {
    const { seconds: best, memory } = bestOf(() => buildReportData(analysis, [], {
      model: model.id, touch: 'first', from: null, to: '2030-12-31', frequency: 'monthly', tz: 'UTC', campaignIds: null,
      lookbackDays: null, channels: 'campaign', markovOrder: 1,
    }));
    const total = measured.analyze + best;
    return [model.id, best.toFixed(2), total.toFixed(2), (total / measured.floor).toFixed(1), fmt(workbook.visits.length / total), ...memory.cells];
  });
  console.log(`The whole report per model on ${fmt(workbook.visits.length)} interactions (the analysis above, ${measured.analyze.toFixed(2)} s, plus`);
  console.log(`the report's data for that model; floor ${measured.floor.toFixed(2)} s). Best of ${RUNS} runs.`);
  table(['model', 'report s', 'analyze + report s', 'total / floor', 'interactions/s', ...MEMORY_HEADER], rows);
  console.log('(Memory here is the report\'s own, the analysis being built before it.)');
  console.log('');
}

/**
 * Deterministic generated journeys over 12 channels: 1 to 6 touches, about a third converting; one in 500
 * touches every channel, as a few long journeys do, so that the conversion-rate game has a full set.
 */
function generatedJourneys(count: number): Journey[] {
  let seed = 12345;
  // An LCG in 32-bit integer arithmetic: in doubles, seed × 1103515245 loses its low bits and the sequence
  // cycles after some ten thousand draws.
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const channels = Array.from({ length: 12 }, (_, i) => `channel ${i + 1}`);
  return Array.from({ length: count }, () => {
    const start = Math.floor(random() * channels.length);
    const path = random() < 0.002
      ? [...channels.slice(start), ...channels.slice(0, start)]
      : Array.from({ length: 1 + Math.floor(random() * 6) }, () => channels[Math.floor(random() ** 2 * channels.length)]);
    const converted = random() < 0.35;
    return { channels: path, value: converted ? 100 + Math.floor(random() * 900) : 0, converted };
  });
}

/** The floor on journeys: one pass that reads every journey's channels and sums the conversion values. */
function journeysFloor(journeys: readonly Journey[]): number {
  let total = 0;
  let touches = 0;
  for (const journey of journeys) {
    touches += journey.channels.length;
    if (journey.converted) total += journey.value;
  }
  return total + touches;
}

/** Every model the `paths` command offers, on the aggregated paths (the reference package's input). */
const PATH_MODELS: Array<[string, (paths: ChannelPath[]) => unknown]> = [
  ['markov order 1', (paths) => markov(paths, { order: 1 })],
  ['markov order 2', (paths) => markov(paths, { order: 2 })],
  ['markov order 3', (paths) => markov(paths, { order: 3 })],
  ['shapley', (paths) => shapley(paths)],
  ['shapley_conversion_rate', (paths) => {
    const result = shapleyConversionRate(paths);
    if (!result.available) throw new Error(`shapley_conversion_rate unavailable: ${result.reason}`);
  }],
  ...PATH_HEURISTICS.map((model): [string, (paths: ChannelPath[]) => unknown] => [model, (paths) => pathHeuristic(paths, model)]),
];

/** The best time of a few runs of `run`, each from a collected heap, and its peak memory. */
function bestOf(run: () => void): { seconds: number; memory: PeakMemory } {
  let best = Infinity;
  const memory = new PeakMemory();
  for (let r = 0; r < RUNS; r++) {
    collectGarbage();
    memory.measure(() => {
      const start = now();
      run();
      best = Math.min(best, seconds(start));
    });
  }
  return { seconds: best, memory };
}

function dataDrivenModels(): void {
  const rows: Array<Array<string | number>> = [];
  for (const count of SIZES) {
    const journeys = generatedJourneys(count);
    const floorSeconds = bestOf(() => journeysFloor(journeys)).seconds;
    const aggregate = bestOf(() => aggregatePaths(journeys));
    const paths = aggregatePaths(journeys);
    rows.push([fmt(count), fmt(paths.length), 'aggregating the journeys', aggregate.seconds.toFixed(3), '', '', fmt(count / aggregate.seconds), ...aggregate.memory.cells]);
    for (const [name, model] of PATH_MODELS) {
      const run = bestOf(() => model(paths));
      const total = aggregate.seconds + run.seconds;
      rows.push([fmt(count), fmt(paths.length), name, run.seconds.toFixed(3), total.toFixed(3), (total / floorSeconds).toFixed(1), fmt(count / total), ...run.memory.cells]);
      if (count === 1_000_000 && ['markov order 1', 'markov order 2', 'shapley'].includes(name)) {
        // On the reference package's input (aggregated paths): at least 10× faster than its simulation.
        targets.push({
          target: `${name} on 1M journeys well under a second, at least 10× faster than the reference's ~${REFERENCE_MARKOV_SECONDS} s for order-1 Markov`,
          measured: `${run.seconds.toFixed(3)} s on the paths (${(REFERENCE_MARKOV_SECONDS / run.seconds).toFixed(0)}× faster), ${total.toFixed(3)} s with the aggregation`,
          met: run.seconds * 10 <= REFERENCE_MARKOV_SECONDS,
        });
      }
    }
  }
  console.log('Every model of the `paths` command on generated journeys (12 channels), exact. "s" is the model on the aggregated');
  console.log('paths (the reference package\'s input), "with aggregation s" adds grouping the journeys into paths;');
  console.log(`floor = one pass reading every journey's channels and summing the conversion values. Best of ${RUNS} runs.`);
  table(['journeys', 'distinct paths', 'model', 's', 'with aggregation s', 'total / floor', 'journeys/s', ...MEMORY_HEADER], rows);
  console.log('');
}

async function serviceCalls(): Promise<void> {
  const raw = await readInput('samples/sample-csv');
  const sheets: Record<string, Cell[][]> = {};
  for (const [name, rows] of Object.entries(raw)) sheets[name] = (rows ?? []).map((row) => row.map((cell) => cell ?? ''));
  const services = fakeServices({ sheets, locale: 'en_IE', timeZone: 'UTC' });
  // Every service a real run calls, Utilities (the formulas' facts are gzipped) and the change trigger included,
  // each call logged.
  const wrap: Wrap = (label, target) => logCalls(label, target, (call) => services.calls.push(call));
  const triggers = fakeChangeTriggers(wrap, { base: services.globals.ScriptApp });
  // Apps Script loads Code.js as one classic script: no require, no module, only the service globals.
  const context = vm.createContext({ ...services.globals, Utilities: fakeGzip(wrap), ScriptApp: triggers.port });
  vm.runInContext(readFileSync('dist/Code.js', 'utf8'), context);
  const rows = (raw.Visits?.length ?? 1) - 1;
  // A re-run differs: it measures and copies aside each report sheet it replaces and finds its own charts.
  for (const run of ['one report run', 'a second run over that report']) {
    services.calls.length = 0;
    services.toasts.length = 0;
    const start = now();
    (context as { runReport(): void }).runReport();
    // The run's own message (a toast): any part that failed says so there.
    console.log(`the run: ${services.toasts.map((toast) => JSON.stringify(toast)).join(' ')}`);
    const byMethod = new Map<string, number>();
    for (const call of services.calls) {
      const method = call.slice(call.lastIndexOf('.') + 1);
      byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
    }
    console.log(`Apps Script service calls of ${run} on the bundled sample (${fmt(rows)} visit rows): ${services.calls.length} in all, ${seconds(start).toFixed(2)} s in a Node vm with in-memory services`);
    console.log([...byMethod].sort((a, b) => b[1] - a[1]).map(([method, n]) => `${method} ${n}`).join(', '));
  }
}

function shapes(): void {
  console.log('Workbook shapes that once took quadratic time or worse: ingest, analysis and every table of the report (linear),');
  console.log('at a size and at four times it (a ratio near 4 is linear).');
  table(['shape', 'sizes', 's', 's at 4×', 'ratio'], shapeRows());
  console.log('');
}

async function bench(): Promise<void> {
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`);
  await engineOnSample();
  dataDrivenModels();
  shapes();
  await serviceCalls();
  console.log('\nIssue #9\'s targets:');
  table(['target', 'measured', 'met'], targets.map(({ target, measured, met }) => [target, measured, met ? 'yes' : 'NO']));
}

bench().catch((e) => {
  console.error(e);
  process.exit(1);
});

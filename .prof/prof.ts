import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { analyze, computeMetrics } from '../src/core/engine';
import { ingestWorkbook } from '../src/core/ingest';
import { endOfDay } from '../src/core/time';
import { readInput } from '../src/cli/read-input';

async function go() {
  const raw = await readInput('.bench/large-csv');
  const { workbook } = ingestWorkbook(raw, { tz: 'UTC', locale: 'en-US', currency: 'EUR' });
  (raw as any).Visits = null;
  const to = endOfDay('2030-12-31', 'UTC');
  const run = () => {
    let t = process.hrtime.bigint();
    const analysis = analyze(workbook, { lookbackDays: null });
    const a = Number(process.hrtime.bigint() - t) / 1e9;
    t = process.hrtime.bigint();
    computeMetrics(analysis, { from: null, to, touch: 'first', frequency: 'monthly', tz: 'UTC' });
    const m = Number(process.hrtime.bigint() - t) / 1e9;
    console.log('analyze', a.toFixed(2), 'metrics', m.toFixed(2));
  };
  run(); run();
  const s = new Session(); s.connect();
  const post = (m: string, p?: object) => new Promise<any>((res, rej) => s.post(m, p ?? {}, (e, r) => e ? rej(e) : res(r)));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  run(); run();
  const { profile } = await post('Profiler.stop');
  writeFileSync('.prof/engine.cpuprofile', JSON.stringify(profile));
}
go();

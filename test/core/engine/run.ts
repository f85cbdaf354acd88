// Runs the engine on a test workbook and reads figures by campaign id.
import { analyze, computeMetrics, type Analysis, type CampaignMetrics, type Touch } from '../../../src/core/engine';
import type { Frequency } from '../../../src/core/engine';
import type { Workbook } from '../../../src/core/types';
import { at } from './fixtures';

export interface RunOptions {
  from?: string | null;
  to?: string;
  touch?: Touch;
  frequency?: Frequency;
  lookbackDays?: number | null;
  markovOrder?: number;
}

export function run(wb: Workbook, options: RunOptions = {}) {
  const analysis: Analysis = analyze(wb, { lookbackDays: options.lookbackDays ?? null });
  const metrics = computeMetrics(analysis, {
    from: options.from ? at(`${options.from}T00:00:00Z`) : null,
    to: at(`${options.to ?? '2030-12-31'}T23:59:59.999Z`),
    touch: options.touch ?? 'first',
    frequency: options.frequency ?? 'monthly',
    tz: 'UTC',
    markovOrder: options.markovOrder,
  });
  const of = (id: string): CampaignMetrics => {
    const i = id === '(no campaign)' ? analysis.none : wb.campaigns.findIndex((c) => c.id === id);
    if (i < 0) throw new Error(`no campaign ${id}`);
    return metrics.campaigns[i];
  };
  return { analysis, metrics, of };
}

/** Asserts two amounts agree to the spec's rounding (2 decimals). */
export function expectAmount(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(0.006);
}

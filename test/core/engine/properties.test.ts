// Invariants of the credit ledger over many generated workbooks (fast-check).
import fc from 'fast-check';
import { HEURISTIC_MODELS } from '../../../src/core/engine';
import { orderVisits } from '../../../src/core/engine/journeys';
import { INTERACTION_TYPES, type Deal, type Workbook } from '../../../src/core/types';
import { campaign, contact, visit, workbook } from './fixtures';
import { run } from './run';

const START = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const CAMPAIGNS = ['C1', 'C2', 'C3'];

interface VisitSpec { hour: number; contact: number; anonymous: boolean; type: number; campaign: number; withoutVisitorId?: boolean }
interface DealSpec { contacts: number[]; created: number; closeAfter: number; amount: number }

const visitSpec = fc.record({
  contact: fc.integer({ min: 0, max: 3 }),
  anonymous: fc.boolean(),
  type: fc.integer({ min: 0, max: INTERACTION_TYPES.length - 1 }),
  campaign: fc.integer({ min: -1, max: CAMPAIGNS.length - 1 }),
});
const dealSpec = fc.record({
  contacts: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  created: fc.integer({ min: 0, max: 2000 }),
  closeAfter: fc.integer({ min: 0, max: 500 }),
  amount: fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100),
});
/** Visits at distinct hours (no ties, so row order cannot matter), and deals over them. */
const generated = fc.record({
  visits: fc.uniqueArray(fc.integer({ min: 0, max: 2500 }), { minLength: 1, maxLength: 40 }).chain((hours) =>
    fc.tuple(...hours.map((hour) => visitSpec.map((v) => ({ ...v, hour }))))),
  deals: fc.array(dealSpec, { minLength: 1, maxLength: 4 }),
});

const iso = (hour: number) => new Date(START + hour * HOUR).toISOString();

/**
 * Contacts get an explicit created_at: without it, creation falls back to the first form submission at any
 * time (§1), so a form added after a close could legitimately move the LEAD position of an earlier deal.
 */
function build(visits: VisitSpec[], deals: DealSpec[]): Workbook {
  return workbook({
    campaigns: CAMPAIGNS.map((id) => campaign(id)),
    contacts: [0, 1, 2, 3].map((c) => contact(`k${c}`, { createdAt: START + (c * 400 + 10) * HOUR })),
    visits: visits.map((s) => visit(s.anonymous ? null : `k${s.contact}`, iso(s.hour), {
      visitorId: s.withoutVisitorId ? null : `v${s.contact}`, type: INTERACTION_TYPES[s.type], campaign: s.campaign < 0 ? undefined : CAMPAIGNS[s.campaign],
    })),
    deals: deals.map((d, i): Deal => ({
      row: i + 2, id: `D${i}`, name: `D${i}`, amount: d.amount, currency: null, stage: 'won',
      createdAt: START + d.created * HOUR + HOUR / 2, closedAt: START + (d.created + d.closeAfter) * HOUR + HOUR / 2,
      contactIds: d.contacts.map((c) => `k${c}`),
    })),
  });
}

/** Revenue credit per model and campaign (none last), over all dates. */
function revenueTable(wb: Workbook): number[][] {
  const { metrics } = run(wb);
  return HEURISTIC_MODELS.map((m) => metrics.campaigns.map((c) => c.attribution[m.id].revenue ?? 0));
}

describe('credit ledger properties', () => {
  test('for each won deal and model, credit over all campaigns and "(no campaign)" sums to the amount; never negative', () => {
    fc.assert(fc.property(generated, ({ visits, deals }) => {
      const wb = build(visits, deals);
      const { analysis } = run(wb);
      for (const conversion of analysis.ledger.conversions) {
        for (const m of HEURISTIC_MODELS) {
          if (!m.appliesTo[conversion.kind]) continue;
          let total = 0;
          for (let r = conversion.rowStart; r < conversion.rowEnd; r++) {
            const credit = analysis.ledger.shares[m.id][r] * conversion.amount;
            expect(credit).toBeGreaterThanOrEqual(0);
            total += credit;
          }
          expect(Math.abs(total - conversion.amount)).toBeLessThanOrEqual(1e-9 * conversion.amount);
        }
      }
      const { metrics } = run(wb);
      for (const m of HEURISTIC_MODELS) {
        const sum = metrics.campaigns.reduce((s, c) => s + (c.attribution[m.id].revenue ?? 0), 0);
        expect(Math.abs(sum - metrics.totals.closedWonRevenue)).toBeLessThanOrEqual(1e-9 * Math.max(1, metrics.totals.closedWonRevenue));
      }
    }), { numRuns: 150 });
  });

  test('results do not depend on the order of rows in the Visits sheet', () => {
    fc.assert(fc.property(generated, fc.integer(), ({ visits, deals }, seed) => {
      const shuffled = [...visits].sort((a, b) => ((a.hour * 7919 + seed) % 101) - ((b.hour * 7919 + seed) % 101));
      const expected = revenueTable(build(visits, deals));
      const actual = revenueTable(build(shuffled, deals));
      actual.forEach((row, m) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[m][c], 6)));
    }), { numRuns: 100 });
  });

  test('adding an interaction after every close changes no revenue credit', () => {
    fc.assert(fc.property(generated, visitSpec, ({ visits, deals }, extra) => {
      const before = revenueTable(build(visits, deals));
      const lastClose = Math.max(...deals.map((d) => d.created + d.closeAfter), ...visits.map((v) => v.hour));
      // A contact's row that names a visitor id would stitch that visitor's earlier anonymous rows into the
      // journey (identities hold at any time, §7): that is new identity, not a new interaction, so leave it out.
      const late: VisitSpec = { ...extra, hour: lastClose + 1, withoutVisitorId: !extra.anonymous };
      const after = revenueTable(build([...visits, late], deals));
      after.forEach((row, m) => row.forEach((v, c) => expect(v).toBeCloseTo(before[m][c], 6)));
    }), { numRuns: 100 });
  });

  test('on single-touch journeys first, last and linear agree', () => {
    fc.assert(fc.property(visitSpec, dealSpec, (v, d) => {
      const single: VisitSpec = { ...v, hour: 0, type: INTERACTION_TYPES.indexOf('page_view'), anonymous: false };
      const wb = build([single], [{ ...d, contacts: [v.contact] }]);
      const { metrics } = run(wb);
      for (const c of metrics.campaigns) {
        const { first_interaction: first, last_interaction: last, linear } = c.attribution;
        expect(first.revenue).toBeCloseTo(linear.revenue!, 9);
        expect(last.revenue).toBeCloseTo(linear.revenue!, 9);
        expect(first.contactCreate).toBeCloseTo(linear.contactCreate!, 9);
      }
    }), { numRuns: 100 });
  });
});


describe('interaction order', () => {
  // orderVisits sorts by radix on an integer key; the rule it must follow is the plain comparison (§1).
  const byRule = (time: number[], priority: number[]) =>
    time.map((_, i) => i).sort((a, b) => time[a] - time[b] || priority[a] - priority[b] || a - b);
  const columnsOf = (time: number[], priority: number[]) => ({
    time: Float64Array.from(time), priority: Uint8Array.from(priority),
    eligible: new Uint8Array(time.length), pageView: new Uint8Array(time.length), formSubmission: new Uint8Array(time.length),
  });

  test('is time, then type priority, then sheet row, for spans from seconds to centuries', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })), { maxLength: 300 });
    const span = fc.constantFrom(1000, 2 ** 20, 2 ** 33, 3e12);
    fc.assert(fc.property(rows, span, fc.integer({ min: 0, max: 2 ** 40 }), (pairs, width, base) => {
      // Few distinct times (ties are the point), spread over the whole span.
      const time = pairs.map(([slot]) => base + Math.round((slot / 8) * width));
      const priority = pairs.map(([, p]) => p);
      expect(Array.from(orderVisits(columnsOf(time, priority)))).toEqual(byRule(time, priority));
    }));
  });

  test('keeps the rule for times that are not whole milliseconds', () => {
    const time = [5.5, 1.25, 5.5, 1.25];
    const priority = [0, 3, 0, 1];
    expect(Array.from(orderVisits(columnsOf(time, priority)))).toEqual([3, 1, 0, 2]);
  });
});

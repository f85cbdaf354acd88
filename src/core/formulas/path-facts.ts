// The facts of the data-driven models whose credit does not add up deal by deal (Markov): a range's answer
// needs all of the range's paths at once (attribution-models.md §5), so the facts keep the paths themselves,
// compactly, and a query rebuilds the range's journeys and hands them to the model registry. The rules of
// which paths a range has are those of src/core/engine/data-driven-revenue.ts:
// - converting: one per won deal closed in range that has an eligible interaction;
// - null: one per contact with no won deal closed by `to` (associated by its close), over its eligible
//   journey cut at `to`; empty paths are dropped.
//
// For facts of Markov order 1, runs of one channel (c c c) are stored as one c. This leaves order-1 Markov credit unchanged. In the
// order-1 chain a state is a channel, and a run adds only self-loop transitions c → c. Let c's self-loop
// weight be w and its total outgoing weight W; W > w, since every run ends with a transition out of c (to
// another channel, conversion or null). From c the walk leaves to x with probability
// Σ_k (w/W)^k · w_x/W = w_x / (W − w): the probability of the chain without the self-loop. So every
// absorption probability is the same with or without self-loops: P, and P with any channel removed (a
// removal redirects the transitions into the removed state; it never touches another state's self-loop).
// The removal effects, the total conversions and value, and the set of channels are unchanged, hence the
// credit. The argument needs order 1: at higher orders a run changes the states themselves (P A A X and
// P A X share no state of order 2 but (·,P), (P,A)), so paths of facts for order k ≥ 2 keep every run.
// test/core/formulas/path-facts.test.ts checks the equality on the registry's model, and that Markov is the
// only model answered from these paths.
// Cutting at `to` keeps a prefix of a journey, and collapsing a prefix gives the prefix of the collapsed
// journey that keeps a run when its first element is kept: so each run keeps its first day.
import type { Analysis } from '../engine';
import { aggregatePaths, type Journey } from '../engine/data-driven';
import { isCreditEligible } from '../engine/journeys';
import type { DataDrivenModel } from '../engine/models';

export interface PathFacts {
  /**
   * Converting paths, close days ascending: [Δday, amount, n, channel × n], Δday from the previous path's
   * close day (the first from day 0); a channel is a campaign index, "(no campaign)" = campaigns.length.
   */
  converting: number[];
  /**
   * Contacts' credit-eligible journeys for null paths, first days ascending: [Δday of the first channel,
   * days from it to the contact's first won close (0: no won close), n, channel, (Δday, channel) × (n − 1)].
   * The first Δday counts from the previous journey's first day (the first from day 0), the others from
   * the previous channel's day. Only channels dated before the first won close are kept (later, the
   * contact is never a null path again); contacts without one are left out.
   */
  journeys: number[];
}

/** Consecutive repeats dropped; `days[k]` stays the day of the first element of each kept run. */
function collapseRuns(channels: readonly number[], days: readonly number[] = []): { channels: number[]; days: number[] } {
  const out = { channels: [] as number[], days: [] as number[] };
  channels.forEach((c, k) => {
    if (k > 0 && channels[k - 1] === c) return;
    out.channels.push(c);
    if (days.length) out.days.push(days[k]);
  });
  return out;
}

interface ConvertingPath {
  day: number;
  amount: number;
  channels: number[];
}

/** Collects the converting paths deal by deal, then adds the contacts' journeys from the Analysis. */
export class PathFactsBuilder {
  private readonly converting: ConvertingPath[] = [];

  constructor(
    private readonly analysis: Analysis, private readonly channel: Int32Array, private readonly dayOf: (t: number) => number,
    private readonly markovOrder: number,
  ) {}

  /** The path as stored: runs collapsed at order 1 only (see the file comment). */
  private stored(channels: readonly number[], days: readonly number[] = []): { channels: number[]; days: number[] } {
    return this.markovOrder === 1 ? collapseRuns(channels, days) : { channels: [...channels], days: [...days] };
  }

  addConverting(day: number, amount: number, channels: readonly number[]): void {
    this.converting.push({ day, amount, channels: this.stored(channels).channels });
  }

  build(): PathFacts {
    const converting: number[] = [];
    let previous = 0;
    // A stable sort: deals closed the same day stay in sheet order, as the engine feeds them.
    for (const path of [...this.converting].sort((a, b) => a.day - b.day)) {
      converting.push(path.day - previous, path.amount, path.channels.length);
      for (const c of path.channels) converting.push(c);
      previous = path.day;
    }
    return { converting, journeys: this.journeys() };
  }

  private journeys(): number[] {
    const { workbook, contacts } = this.analysis;
    // Days are in time order: the day of the first won close is the first day of a won close.
    const firstWonClose = this.analysis.firstWonClose.map((closedAt) => (closedAt === Infinity ? Infinity : this.dayOf(closedAt)));
    const journeys: Array<{ stop: number; channels: number[]; days: number[] }> = [];
    contacts.journeys.forEach((journey, i) => {
      const channels: number[] = [];
      const days: number[] = [];
      for (const v of journey) {
        const visit = workbook.visits[v];
        if (!isCreditEligible(visit)) continue;
        const day = this.dayOf(visit.timestamp);
        // Journeys are in time order, so the rest is dated at or after the first won close too.
        if (day >= firstWonClose[i]) break;
        channels.push(this.channel[v]);
        days.push(day);
      }
      if (channels.length) journeys.push({ stop: firstWonClose[i], ...this.stored(channels, days) });
    });
    const out: number[] = [];
    let previous = 0;
    for (const { stop, channels, days } of journeys.sort((a, b) => a.days[0] - b.days[0])) {
      out.push(days[0] - previous, stop === Infinity ? 0 : stop - days[0], channels.length, channels[0]);
      for (let k = 1; k < channels.length; k++) out.push(days[k] - days[k - 1], channels[k]);
      previous = days[0];
    }
    return out;
  }
}

/** The range's journeys as the engine builds them (channels named by campaign index, as there). */
function rangeJourneys(paths: PathFacts, from: number | null, to: number): Journey[] {
  const out: Journey[] = [];
  const { converting, journeys } = paths;
  let day = 0;
  for (let i = 0; i < converting.length; i += 3 + converting[i + 2]) {
    day += converting[i];
    if (day > to) break;
    if (from !== null && day < from) continue;
    out.push({ channels: converting.slice(i + 3, i + 3 + converting[i + 2]).map(String), value: converting[i + 1], converted: true });
  }
  let first = 0;
  for (let i = 0; i < journeys.length; i += 2 + 2 * journeys[i + 2]) {
    first += journeys[i];
    if (first > to) break;
    const stop = journeys[i + 1];
    // Converted by `to`: a won deal closed at or before it.
    if (stop > 0 && first + stop <= to) continue;
    const channels = [String(journeys[i + 3])];
    for (let k = 1, d = first; k < journeys[i + 2]; k++) {
      d += journeys[i + 2 + 2 * k];
      if (d > to) break;
      channels.push(String(journeys[i + 3 + 2 * k]));
    }
    out.push({ channels, value: 0, converted: false });
  }
  return out;
}

// A sheet asks for every campaign's figure of the same range in a row: one model run serves them all.
const recent = new WeakMap<PathFacts, Map<string, Float64Array>>();
const RECENT_RANGES = 8;

/**
 * The model's credit per campaign index ("(no campaign)" last, `campaignCount` in all) from the paths of
 * [from, to], without the won deals that had no eligible interaction (they go to "(no campaign)" outside
 * the chain: the caller adds them). The array is kept for the next query of the range: read it, never write.
 */
export function rangeCredit(
  paths: PathFacts, model: DataDrivenModel, campaignCount: number, from: number | null, to: number, markovOrder: number,
): Float64Array {
  const key = `${model.id} ${markovOrder} ${from} ${to}`;
  let cache = recent.get(paths);
  if (!cache) recent.set(paths, (cache = new Map()));
  const known = cache.get(key);
  if (known) return known;
  const credit = new Float64Array(campaignCount);
  for (const channel of model.credit(aggregatePaths(rangeJourneys(paths, from, to)), markovOrder)) credit[Number(channel.name)] += channel.value;
  if (cache.size >= RECENT_RANGES) cache.clear();
  cache.set(key, credit);
  return credit;
}

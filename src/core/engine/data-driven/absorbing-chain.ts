// Absorption weights of an absorbing Markov chain, with and without each channel, solved as the linear
// system it is (attribution-models.md §5: "(I − Q)⁻¹R, or equivalent"; deterministic, no simulation).
// Two methods, the cheaper one chosen per chain:
//
// Elimination (exact). Eliminating a transient state v folds it into its predecessors: every u → v → t
// becomes u → t with weight w(u,v)·w(v,t)/d(v), where d(v) is v's outflow other than its self-loop. The
// solution on the states that remain is unchanged, so once every state but the start is gone, the start's
// conversion weight is the chain's conversion probability (times the start's total weight). Weights stay
// unnormalised counts and nothing is ever subtracted (the Grassmann–Taksar–Heyman form), which keeps the
// result accurate even with long loops. Self-loops never matter: they only delay absorption.
// "Without channel c" deletes every state containing c (transitions into it go to null). Deleting the
// states that remain once all others are eliminated is free: the start's conversion weight is then the
// answer. So every channel's answer comes from one divide and conquer over the channels: to answer the
// channels of a half H, eliminate (once) the states that hold no channel of H, then recurse into each half
// of H. The total work is a small multiple of one elimination, instead of one per channel. But rows fill
// in: a dense chain of n states costs about n³ (order 2 over 50 channels: 2,551 states, tens of seconds).
//
// Bounds iteration (certified). Gauss–Seidel sweeps of x = r + Qx from below (x = 0) and from above (the
// largest reward per exit) give two sequences that close in on the solution from either side; the
// iteration stops when they agree to 1e-13 of the whole chain's result, so the answer is proven to that
// precision (beyond the 12 digits anything prints). Each sweep costs one pass over the transitions,
// which is what makes large higher-order chains fast. If the bounds close too slowly (walks that loop for
// very long), elimination takes over.

export interface AbsorbingChain {
  /** Transient states; state 0 is the start, which holds no channel and has no incoming transition. */
  stateCount: number;
  /** Transitions between transient states, each (from, to) at most once, with weights (counts); self-loops are ignored. */
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  /** Per state: weight of its transitions to conversion and to null, and the value that comes with its conversions. */
  conversions: Float64Array;
  nulls: Float64Array;
  value: Float64Array;
  /** Distinct channels of state s: channelIds[channelOffsets[s] .. channelOffsets[s + 1]). */
  channelOffsets: Int32Array;
  channelIds: Int32Array;
}

/** Expected conversion weight and value from the start: of the whole chain, and with each channel removed. */
export interface RemovalOutcome {
  conversions: number;
  value: number;
  /** Indexed by channel id. */
  conversionsWithout: Float64Array;
  valueWithout: Float64Array;
}

/** Thrown when an elimination has used the work it was given (eliminateWithin). */
class OutOfWork extends Error {}

/** The work an elimination may still do, in row entries touched; shared by the systems one solve makes. */
interface WorkLeft {
  left: number;
}

/**
 * A chain being eliminated. Rows hold the transient successors of each state (never itself); `preds`
 * may still name states that have been eliminated, which `alive` tells apart.
 */
class System {
  readonly cols: number[][];
  readonly vals: number[][];
  readonly preds: number[][];
  readonly alive: Uint8Array;
  /** Scratch for foldInto. */
  private readonly slot: Int32Array;

  constructor(
    /** The chain's state of each local state; local 0 is the start. */
    readonly state: Int32Array,
    readonly conversions: Float64Array,
    readonly nulls: Float64Array,
    readonly value: Float64Array,
    cols: number[][],
    vals: number[][],
    private readonly work: WorkLeft,
  ) {
    const n = state.length;
    this.cols = cols;
    this.vals = vals;
    this.preds = Array.from({ length: n }, () => []);
    for (let u = 0; u < n; u++) for (const t of cols[u]) this.preds[t].push(u);
    this.alive = new Uint8Array(n).fill(1);
    this.slot = new Int32Array(n);
  }

  static fromChain(chain: AbsorbingChain, work: WorkLeft): System {
    const n = chain.stateCount;
    const cols: number[][] = Array.from({ length: n }, () => []);
    const vals: number[][] = Array.from({ length: n }, () => []);
    for (let e = 0; e < chain.from.length; e++) {
      const u = chain.from[e];
      const t = chain.to[e];
      if (u === t || chain.weight[e] === 0) continue;
      cols[u].push(t);
      vals[u].push(chain.weight[e]);
    }
    return new System(
      Int32Array.from({ length: n }, (_, s) => s),
      chain.conversions.slice(), chain.nulls.slice(), chain.value.slice(), cols, vals, work,
    );
  }

  /** A copy holding only the states still alive (the start stays local 0). */
  compacted(): System {
    const n = this.state.length;
    const local = new Int32Array(n).fill(-1);
    let m = 0;
    for (let u = 0; u < n; u++) if (this.alive[u]) local[u] = m++;
    const state = new Int32Array(m);
    const conversions = new Float64Array(m);
    const nulls = new Float64Array(m);
    const value = new Float64Array(m);
    const cols: number[][] = new Array(m);
    const vals: number[][] = new Array(m);
    for (let u = 0; u < n; u++) {
      const i = local[u];
      if (i < 0) continue;
      state[i] = this.state[u];
      conversions[i] = this.conversions[u];
      nulls[i] = this.nulls[u];
      value[i] = this.value[u];
      cols[i] = this.cols[u].map((t) => local[t]);
      vals[i] = this.vals[u].slice();
    }
    return new System(state, conversions, nulls, value, cols, vals, this.work);
  }

  eliminate(v: number): void {
    const rowCols = this.cols[v];
    const rowVals = this.vals[v];
    let outflow = this.conversions[v] + this.nulls[v];
    for (let j = 0; j < rowVals.length; j++) outflow += rowVals[j];
    this.alive[v] = 0;
    for (const u of this.preds[v]) {
      if (!this.alive[u]) continue;
      this.foldInto(u, v, rowCols, rowVals, outflow);
    }
    this.cols[v] = [];
    this.vals[v] = [];
    this.preds[v] = [];
  }

  /** Replaces u → v by u → (v's successors and absorbing weights), scaled by w(u,v) / outflow(v). */
  private foldInto(u: number, v: number, rowCols: number[], rowVals: number[], outflow: number): void {
    const cols = this.cols[u];
    const vals = this.vals[u];
    this.work.left -= cols.length + rowCols.length;
    if (this.work.left < 0) throw new OutOfWork();
    // slot[t] = position + 1 of t in row u. Entries left from other rows are never cleared: a slot
    // counts only when the row really holds t there.
    const slot = this.slot;
    for (let i = 0; i < cols.length; i++) slot[cols[i]] = i + 1;
    const at = slot[v] - 1;
    const f = vals[at] / outflow;
    const last = cols.length - 1;
    cols[at] = cols[last];
    vals[at] = vals[last];
    slot[cols[at]] = at + 1;
    cols.pop();
    vals.pop();
    for (let j = 0; j < rowCols.length; j++) {
      const t = rowCols[j];
      if (t === u) continue; // a self-loop of u: only delays absorption
      const add = f * rowVals[j];
      const i = slot[t];
      if (i > 0 && i <= cols.length && cols[i - 1] === t) {
        vals[i - 1] += add;
      } else {
        cols.push(t);
        vals.push(add);
        slot[t] = cols.length;
        this.preds[t].push(u);
      }
    }
    this.conversions[u] += f * this.conversions[v];
    this.nulls[u] += f * this.nulls[v];
    this.value[u] += f * this.value[v];
  }

  /** Eliminates every alive state except the start for which `keep` is false, fewest fill-ins first. */
  eliminateAllBut(keep: (state: number) => boolean): void {
    const victims: number[] = [];
    for (let u = 1; u < this.state.length; u++) if (this.alive[u] && !keep(this.state[u])) victims.push(u);
    const cost = (u: number) => this.preds[u].length * this.cols[u].length;
    victims.sort((a, b) => cost(a) - cost(b) || a - b);
    for (const v of victims) this.eliminate(v);
  }
}

/**
 * Picks the cheaper method. Elimination's worst case (states³/3, a dense chain) against about 64 sweeps per
 * solve: when that is no dearer, elimination. Otherwise elimination gets the work of 64 sweeps first: a sparse
 * chain (a campaign per contact, or a few neighbouring ones) fills in little and is done within it, where the
 * iteration would need hundreds of sweeps. A chain that fills in (higher orders) then iterates, which may go on
 * while it has cost less than elimination's worst case; what still does not close is eliminated.
 */
export function solveRemovals(chain: AbsorbingChain, channelCount: number): RemovalOutcome {
  const eliminationCost = chain.stateCount ** 3 / 3;
  const sweepCost = (channelCount + 1) * Math.max(1, chain.from.length);
  if (eliminationCost <= 64 * sweepCost) return eliminateRemovals(chain, channelCount);
  return eliminateWithin(chain, channelCount, { left: 64 * sweepCost })
    ?? iterateRemovals(chain, channelCount, Math.max(MAX_SWEEPS, eliminationCost / sweepCost))
    ?? eliminateRemovals(chain, channelCount);
}

const emptyOutcome = (channelCount: number): RemovalOutcome => ({
  conversions: 0,
  value: 0,
  conversionsWithout: new Float64Array(channelCount),
  valueWithout: new Float64Array(channelCount),
});

/** Exact, by elimination with divide and conquer over the channels (see the top of this file). */
export function eliminateRemovals(chain: AbsorbingChain, channelCount: number): RemovalOutcome {
  return eliminateWithin(chain, channelCount, { left: Infinity })!;
}

/** eliminateRemovals within `work`; null when it runs out. */
function eliminateWithin(chain: AbsorbingChain, channelCount: number, work: WorkLeft): RemovalOutcome | null {
  const outcome = emptyOutcome(channelCount);
  if (channelCount === 0) return outcome;
  const mark = new Int32Array(channelCount);
  let stamp = 0;
  const touches = (state: number): boolean => {
    for (let i = chain.channelOffsets[state]; i < chain.channelOffsets[state + 1]; i++) {
      if (mark[chain.channelIds[i]] === stamp) return true;
    }
    return false;
  };
  let solvedWhole = false;

  const solve = (system: System, channels: Int32Array): void => {
    if (channels.length === 1) {
      // Every state left holds this channel: removing them leaves what the start already converts.
      const c = channels[0];
      outcome.conversionsWithout[c] = system.conversions[0];
      outcome.valueWithout[c] = system.value[0];
      if (!solvedWhole) {
        system.eliminateAllBut(() => false);
        outcome.conversions = system.conversions[0];
        outcome.value = system.value[0];
        solvedWhole = true;
      }
      return;
    }
    const half = channels.length >> 1;
    for (const part of [channels.subarray(0, half), channels.subarray(half)]) {
      const child = system.compacted();
      stamp++;
      for (const c of part) mark[c] = stamp;
      child.eliminateAllBut(touches);
      solve(child, part);
    }
  };

  try {
    solve(System.fromChain(chain, work), Int32Array.from({ length: channelCount }, (_, c) => c));
  } catch (error) {
    if (error instanceof OutOfWork) return null;
    throw error;
  }
  return outcome;
}

/** The bounds agree to this fraction of the whole chain's result. */
const TOLERANCE = 1e-13;
/** Past this many sweeps for one solve (unless told more), the bounds iteration gives up (elimination takes over). */
const MAX_SWEEPS = 10_000;

/** The same outcome as `eliminateRemovals`, to within TOLERANCE; null when the bounds close too slowly. */
export function iterateRemovals(chain: AbsorbingChain, channelCount: number, maxSweeps = MAX_SWEEPS): RemovalOutcome | null {
  const n = chain.stateCount;
  // Transitions by source state, self-loops left out: they only delay absorption.
  const rowStart = new Int32Array(n + 1);
  const kept = (e: number) => chain.from[e] !== chain.to[e] && chain.weight[e] > 0;
  for (let e = 0; e < chain.from.length; e++) if (kept(e)) rowStart[chain.from[e] + 1]++;
  for (let s = 0; s < n; s++) rowStart[s + 1] += rowStart[s];
  const next = rowStart.slice(0, n);
  const target = new Int32Array(rowStart[n]);
  const weight = new Float64Array(rowStart[n]);
  const outflow = Float64Array.from(chain.conversions, (c, s) => c + chain.nulls[s]);
  for (let e = 0; e < chain.from.length; e++) {
    if (!kept(e)) continue;
    const k = next[chain.from[e]]++;
    target[k] = chain.to[e];
    weight[k] = chain.weight[e];
    outflow[chain.from[e]] += chain.weight[e];
  }
  const dead = new Uint8Array(n);
  // Above: no state can earn more per exit (to conversion or null) than the best reward per exit.
  const ceilingOf = (reward: Float64Array) => {
    let ceiling = 0;
    for (let s = 0; s < n; s++) if (reward[s] > 0) ceiling = Math.max(ceiling, reward[s] / (chain.conversions[s] + chain.nulls[s]));
    return ceiling;
  };
  const ceiling = [ceilingOf(chain.conversions), ceilingOf(chain.value)];

  /**
   * Conversions and value absorbed from the start (in start-weight units) with the dead states deleted,
   * both solved in the same sweeps; `scale` is what the bounds must agree to (null: the result itself).
   */
  const solve = (scale: readonly number[] | null): [number, number] | null => {
    const low = [new Float64Array(n), new Float64Array(n)];
    const high = ceiling.map((top) => Float64Array.from(dead, (d) => (d ? 0 : top)));
    const [lowC, lowV] = low;
    const [highC, highV] = high;
    for (let sweep = 0; sweep < maxSweeps; sweep++) {
      // States are numbered along the paths, so sweeping backwards mostly reads values already updated.
      for (let s = n - 1; s >= 0; s--) {
        if (dead[s]) continue;
        let lc = chain.conversions[s];
        let hc = lc;
        let lv = chain.value[s];
        let hv = lv;
        for (let k = rowStart[s]; k < rowStart[s + 1]; k++) {
          const t = target[k];
          const w = weight[k];
          lc += w * lowC[t];
          hc += w * highC[t];
          lv += w * lowV[t];
          hv += w * highV[t];
        }
        const d = outflow[s];
        lowC[s] = lc / d;
        highC[s] = hc / d;
        lowV[s] = lv / d;
        highV[s] = hv / d;
      }
      const agreed = (i: number) => high[i][0] - low[i][0] <= TOLERANCE * (scale ? scale[i] : low[i][0]);
      if (agreed(0) && agreed(1)) return [0, 1].map((i) => ((low[i][0] + high[i][0]) / 2) * outflow[0]) as [number, number];
    }
    return null;
  };

  const outcome = emptyOutcome(channelCount);
  const whole = solve(null);
  if (whole === null) return null;
  [outcome.conversions, outcome.value] = whole;
  const scale = whole.map((x) => x / outflow[0]);
  const statesOf: number[][] = Array.from({ length: channelCount }, () => []);
  for (let s = 0; s < n; s++) {
    for (let i = chain.channelOffsets[s]; i < chain.channelOffsets[s + 1]; i++) statesOf[chain.channelIds[i]].push(s);
  }
  for (let c = 0; c < channelCount; c++) {
    for (const s of statesOf[c]) dead[s] = 1;
    const without = solve(scale);
    for (const s of statesOf[c]) dead[s] = 0;
    if (without === null) return null;
    [outcome.conversionsWithout[c], outcome.valueWithout[c]] = without;
  }
  return outcome;
}

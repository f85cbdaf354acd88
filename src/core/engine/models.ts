// The attribution model registry (attribution-models.md §3). Adding a heuristic model touches this file only.
import type { MessageId } from '../messages';
import { MS_PER_DAY } from '../time';
import { type ChannelCredit, type ChannelPath, markov, shapley } from './data-driven';

export type ConversionKind = 'contact_create' | 'deal_create' | 'revenue';
export const CONVERSION_KINDS: readonly ConversionKind[] = ['contact_create', 'deal_create', 'revenue'];

/** One conversion's credit-eligible interactions, in order, and where its key positions fall (-1: not found). */
export interface ConversionPath {
  kind: ConversionKind;
  time: number;
  /** Timestamps of the path's interactions, in interaction order. */
  times: ArrayLike<number>;
  first: number;
  /** The LEAD position; for contact create, LAST (the U-shaped rule). */
  lead: number;
  deal: number;
  won: number;
  /** The report's last position: LAST (contact create), DEAL (deal create), WON (revenue). */
  last: number;
}

type Position = 'first' | 'lead' | 'deal' | 'won' | 'last';

/** What every model has: its id, its names in the catalogue, and the reports it applies to. */
export interface ModelInfo {
  id: string;
  /** Catalogue ids of the model's name and one-line explanation. */
  nameId: MessageId;
  descriptionId: MessageId;
  appliesTo: Readonly<Record<ConversionKind, boolean>>;
}

/** A rule-based model: weights over one conversion's interactions. */
export interface HeuristicModel extends ModelInfo {
  kind: 'heuristic';
  /** Writes each interaction's share of the conversion into `out` (length = path length); shares sum to 1. */
  weights(path: ConversionPath, out: Float64Array): void;
}

/**
 * A data-driven model (§5): credit per channel from all journeys of the range at once, so it has no
 * per-interaction weights; revenue only.
 */
export interface DataDrivenModel extends ModelInfo {
  kind: 'data_driven';
  /** Whether the model's credit splits deal by deal (Shapley), so a deal's own path gives its credit. */
  perDeal: boolean;
  /** Attributed conversions and value per channel of the aggregated paths (Markov of the given order). */
  credit(paths: readonly ChannelPath[], markovOrder?: number): ChannelCredit[];
}

export type AttributionModel = HeuristicModel | DataDrivenModel;

const ALL: Record<ConversionKind, boolean> = { contact_create: true, deal_create: true, revenue: true };
const HALF_LIFE_DAYS = 7;

/** Which positions of the path hold a position weight; one buffer for every call (the ledger calls it a lot). */
let heldBuffer = new Uint8Array(64);

/**
 * Position weights plus a share for "all others" (interactions holding none of the model's positions).
 * Positions that were not found drop out, and when no other interaction exists its share drops out too;
 * what remains is scaled to 100% (§3).
 */
function positional(positions: ReadonlyArray<readonly [Position, number]>, others: number) {
  const names = positions.map(([position]) => position);
  const weights = positions.map(([, weight]) => weight);
  return (path: ConversionPath, out: Float64Array): void => {
    const n = out.length;
    if (heldBuffer.length < n) heldBuffer = new Uint8Array(n * 2);
    const held = heldBuffer;
    for (let i = 0; i < n; i++) {
      out[i] = 0;
      held[i] = 0;
    }
    for (let k = 0; k < names.length; k++) {
      const i = path[names[k]];
      if (i < 0) continue;
      out[i] += weights[k];
      held[i] = 1;
    }
    let otherCount = 0;
    for (let i = 0; i < n; i++) otherCount += 1 - held[i];
    if (otherCount > 0) for (let i = 0; i < n; i++) if (!held[i]) out[i] = others / otherCount;
    normalize(out);
  };
}

function normalize(out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < out.length; i++) total += out[i];
  for (let i = 0; i < out.length; i++) out[i] /= total;
}

/** The even-split revenue report is `linear` on revenue (attribution-models.md §3). */
export const EVEN_SPLIT_MODEL = 'linear';

const HEURISTICS: readonly Omit<HeuristicModel, 'kind'>[] = [
  {
    id: 'first_interaction', nameId: 'model.first_interaction.name', descriptionId: 'model.first_interaction.description',
    appliesTo: ALL, weights: positional([['first', 1]], 0),
  },
  {
    id: 'last_interaction', nameId: 'model.last_interaction.name', descriptionId: 'model.last_interaction.description',
    appliesTo: ALL, weights: positional([['last', 1]], 0),
  },
  {
    id: 'linear', nameId: 'model.linear.name', descriptionId: 'model.linear.description',
    appliesTo: ALL, weights: (_path, out) => out.fill(1 / out.length),
  },
  {
    id: 'u_shaped', nameId: 'model.u_shaped.name', descriptionId: 'model.u_shaped.description',
    appliesTo: ALL, weights: positional([['first', 0.4], ['lead', 0.4]], 0.2),
  },
  {
    id: 'w_shaped', nameId: 'model.w_shaped.name', descriptionId: 'model.w_shaped.description',
    appliesTo: { contact_create: false, deal_create: true, revenue: true },
    weights: positional([['first', 0.3], ['lead', 0.3], ['deal', 0.3]], 0.1),
  },
  {
    id: 'full_path', nameId: 'model.full_path.name', descriptionId: 'model.full_path.description',
    appliesTo: { contact_create: false, deal_create: false, revenue: true },
    weights: positional([['first', 0.225], ['lead', 0.225], ['deal', 0.225], ['won', 0.225]], 0.1),
  },
  {
    id: 'time_decay', nameId: 'model.time_decay.name', descriptionId: 'model.time_decay.description',
    appliesTo: ALL,
    weights: (path, out) => {
      // 2^(-Δt/7d) measured from the latest touch instead of the conversion: the same after normalising,
      // and it cannot underflow to 0/0 for touches decades old.
      const latest = path.times[out.length - 1];
      for (let i = 0; i < out.length; i++) {
        out[i] = Math.pow(2, (path.times[i] - latest) / MS_PER_DAY / HALF_LIFE_DAYS);
      }
      normalize(out);
    },
  },
  {
    id: 'j_shaped', nameId: 'model.j_shaped.name', descriptionId: 'model.j_shaped.description',
    appliesTo: ALL, weights: positional([['first', 0.2], ['last', 0.6]], 0.2),
  },
  {
    id: 'inverse_j', nameId: 'model.inverse_j.name', descriptionId: 'model.inverse_j.description',
    appliesTo: ALL, weights: positional([['first', 0.6], ['last', 0.2]], 0.2),
  },
];

const REVENUE_ONLY: Record<ConversionKind, boolean> = { contact_create: false, deal_create: false, revenue: true };

export const HEURISTIC_MODELS: readonly HeuristicModel[] = HEURISTICS.map((m) => ({ ...m, kind: 'heuristic' }));

export const DATA_DRIVEN_MODELS: readonly DataDrivenModel[] = [
  {
    kind: 'data_driven', id: 'markov', nameId: 'model.markov.name', descriptionId: 'model.markov.description',
    appliesTo: REVENUE_ONLY, perDeal: false, credit: (paths, order = 1) => markov(paths, { order }).channels,
  },
  {
    kind: 'data_driven', id: 'shapley', nameId: 'model.shapley.name', descriptionId: 'model.shapley.description',
    appliesTo: REVENUE_ONLY, perDeal: true, credit: (paths) => shapley(paths).channels,
  },
];

/** Every model, in the order reports list them. */
export const MODELS: readonly AttributionModel[] = [...HEURISTIC_MODELS, ...DATA_DRIVEN_MODELS];
export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);

export function findModel(id: string): AttributionModel | undefined {
  return MODELS.find((m) => m.id === id);
}

// The attribution model registry (attribution-models.md §3). Adding a heuristic model touches this file only.
import type { MessageId } from '../messages';

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

export interface HeuristicModel {
  id: string;
  /** Catalogue ids of the model's name and one-line explanation. */
  nameId: MessageId;
  descriptionId: MessageId;
  appliesTo: Readonly<Record<ConversionKind, boolean>>;
  /** Writes each interaction's share of the conversion into `out` (length = path length); shares sum to 1. */
  weights(path: ConversionPath, out: Float64Array): void;
}

const ALL: Record<ConversionKind, boolean> = { contact_create: true, deal_create: true, revenue: true };
const MS_PER_DAY = 86_400_000;
const HALF_LIFE_DAYS = 7;

/**
 * Position weights plus a share for "all others" (interactions holding none of the model's positions).
 * Positions that were not found drop out, and when no other interaction exists its share drops out too;
 * what remains is scaled to 100% (§3).
 */
function positional(positions: ReadonlyArray<readonly [Position, number]>, others: number) {
  return (path: ConversionPath, out: Float64Array): void => {
    out.fill(0);
    const held = new Uint8Array(out.length);
    for (const [position, weight] of positions) {
      const i = path[position];
      if (i < 0) continue;
      out[i] += weight;
      held[i] = 1;
    }
    let otherCount = 0;
    for (let i = 0; i < held.length; i++) otherCount += 1 - held[i];
    if (otherCount > 0) for (let i = 0; i < out.length; i++) if (!held[i]) out[i] = others / otherCount;
    normalize(out);
  };
}

function normalize(out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < out.length; i++) total += out[i];
  for (let i = 0; i < out.length; i++) out[i] /= total;
}

export const HEURISTIC_MODELS: readonly HeuristicModel[] = [
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

export const MODEL_IDS: readonly string[] = HEURISTIC_MODELS.map((m) => m.id);

export function findModel(id: string): HeuristicModel | undefined {
  return HEURISTIC_MODELS.find((m) => m.id === id);
}

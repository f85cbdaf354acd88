// What the user chooses for the data-driven models (attribution-models.md §5): what a channel is, and the
// Markov order. Kept apart from the models so the sidebar can offer the choices without the engine.

/** What a channel is; campaigns by default. */
export const CHANNEL_KINDS = ['campaign', 'source', 'asset_type'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The channel that collects interactions with none of the kind (and won deals with no eligible interaction). */
export const NO_CHANNEL: Record<ChannelKind, string> = { campaign: '(no campaign)', source: '(no source)', asset_type: '(no asset)' };

/** The highest Markov order offered: states multiply with the order, and paths rarely run longer. */
export const MAX_MARKOV_ORDER = 10;

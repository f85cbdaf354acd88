import { formatMessage, type Language, type MessageId } from '../core/messages';
import { formatCount } from '../core/render/formats';

/** A failure the user can act on, told in their language by whoever shows it. */
export class AddonError extends Error {
  /** `counts`: the params that are counts, grouped as the language writes numbers (9,000,051; 9.000.051). */
  constructor(readonly messageId: MessageId, readonly params: Record<string, string | number> = {}, readonly counts: readonly string[] = []) {
    super(renderError(messageId, params, counts, 'en'));
  }

  render(language: Language): string {
    return renderError(this.messageId, this.params, this.counts, language);
  }
}

function renderError(id: MessageId, params: Record<string, string | number>, counts: readonly string[], language: Language): string {
  const grouped = { ...params };
  for (const name of counts) if (typeof grouped[name] === 'number') grouped[name] = formatCount(grouped[name], language);
  return formatMessage(id, grouped, language);
}

/** What went wrong, for a message that names the reason: an AddonError in the user's language, else the error's own text. */
export function errorMessage(error: unknown, language: Language): string {
  return error instanceof AddonError ? error.render(language) : errorText(error);
}

/** An error's own text. Not `instanceof Error`: an error may come from another realm (a test's stand-ins). */
export function errorText(error: unknown): string {
  return typeof (error as Error | null)?.message === 'string' ? (error as Error).message : String(error);
}

/**
 * Runs a step whose failure must not change the outcome: showing a sheet once the work stands, letting go of a
 * lock (Apps Script lets go at the end of the execution), a toast after a written report, tidying up after a
 * failure that is the one to tell. Whether the step went through.
 */
export function courtesy(step: () => void): boolean {
  try {
    step();
    return true;
  } catch {
    // The outcome stands as it is.
    return false;
  }
}

import { formatMessage, type Language, type MessageId } from '../core/messages';

/** A failure the user can act on, told in their language by whoever shows it. */
export class AddonError extends Error {
  constructor(readonly messageId: MessageId, readonly params: Record<string, string | number> = {}) {
    super(formatMessage(messageId, params));
  }

  render(language: Language): string {
    return formatMessage(this.messageId, this.params, language);
  }
}

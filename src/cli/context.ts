// What a command may touch besides the file system: its output streams and the clock. Tests pass their
// own, so they can read the output and fix "today" without spawning a process.
import { formatMessage, type Language } from '../core/messages';
import { fileErrorReason } from './file-error';

export interface CliContext {
  /** Writes text (with its own line breaks) to standard output. */
  out(text: string): void;
  /** Writes text (with its own line breaks) to standard error. */
  err(text: string): void;
  /** The current instant in epoch ms: the report's default `--to` is today by this clock. */
  now(): number;
}

/** Exit statuses of cli.md. */
export const EXIT_OK = 0;
/** The input has errors that stop the report (or cannot be read). */
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** The process's own streams and clock; a failure to write them is said in `lang`. */
export function processContext(lang: Language): CliContext {
  return { out: pipeWriter(process.stdout, lang), err: pipeWriter(process.stderr, lang), now: () => Date.now() };
}

/**
 * Writes to a stream that a reader may close early (`--json - | head`, `2>&1 | head`). Nothing is wrong with
 * the input then, so the rest of what would go there is dropped and the command finishes its other work (an
 * --xlsx, say) as usual. Any other failure (a full disk under `--json - > report.json`) is an output that
 * cannot be written: said on standard error, exit status 2, as for an output file (bin keeps the higher status).
 */
function pipeWriter(stream: NodeJS.WriteStream, lang: Language): (text: string) => void {
  let broken = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    broken = true;
    if (e.code === 'EPIPE') return;
    process.exitCode = EXIT_USAGE;
    if (stream !== process.stderr) {
      process.stderr.write(formatMessage('cli.stdout_unwritable', { reason: fileErrorReason(e, lang) }, lang) + '\n');
    }
  });
  const shown = stream.isTTY ? terminalText : (text: string) => text;
  return (text) => void (broken || stream.write(shown(text)));
}

/**
 * Text for a terminal: control characters other than tab and line break shown as \xNN. A campaign name or
 * cell quoted in a message could otherwise set the window title, clear the screen or hide what follows.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

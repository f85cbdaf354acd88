// What a command may touch besides the file system: its output streams and the clock. Tests pass their
// own, so they can read the output and fix "today" without spawning a process.

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

export function processContext(): CliContext {
  return { out: pipeWriter(process.stdout), err: pipeWriter(process.stderr), now: () => Date.now() };
}

/**
 * Writes to a stream that a reader may close early (`--json - | head`, `2>&1 | head`). Nothing is wrong with
 * the input then, so the rest of what would go there is dropped and the command finishes its other work (an
 * --xlsx, say) as usual.
 */
function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
  });
  const shown = stream.isTTY ? terminalText : (text: string) => text;
  return (text) => void (readerGone || stream.write(shown(text)));
}

/**
 * Text for a terminal: control characters other than tab and line break shown as \xNN. A campaign name or
 * cell quoted in a message could otherwise set the window title, clear the screen or hide what follows.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

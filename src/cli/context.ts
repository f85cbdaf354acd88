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
  return (text) => void (readerGone || stream.write(text));
}

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
  // A reader that stops early (`--json - | head`) closes the pipe. Nothing is wrong with the input, so the rest
  // of standard output is dropped and the command finishes its other work (an --xlsx, say) as usual.
  let readerGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
  });
  return {
    out: (text) => void (readerGone || process.stdout.write(text)),
    err: (text) => void process.stderr.write(text),
    now: () => Date.now(),
  };
}

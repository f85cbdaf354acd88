/** A check of ours failed: its message says what to fix, so the build prints it without a stack trace. */
export class BuildError extends Error {}

import type * as entryPoints from '../src/addon/main';

// google.script.run as Promises, typed by the server's own entry points: a renamed or re-typed server
// function breaks the sidebar's type-check instead of failing in the user's sidebar.

type ServerFunctions = {
  [K in keyof typeof entryPoints]: (typeof entryPoints)[K] extends (...args: infer A) => infer R ? (...args: A) => R : never;
};

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
}

declare const google: { script: { run: ScriptRun } };

export function callServer<K extends keyof ServerFunctions>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerFunctions[K]>))
      .withFailureHandler(reject) as unknown as Record<K, (...a: Parameters<ServerFunctions[K]>) => void>;
    run[name](...args);
  });
}

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

// The build's outputs for tests. `npm test` builds first; a lone `npx jest` builds here when dist/ is
// missing (scripts/build.mjs replaces files atomically, so parallel test files may both build).

export const ROOT = join(__dirname, '..', '..');
export const GAS_GLOBAL = 'CampaignAnalytics';
const OUTPUTS = ['dist/Code.js', 'dist/appsscript.json', 'dist/sidebar.html'];

export function builtFile(path: string): string {
  if (!OUTPUTS.every((output) => existsSync(join(ROOT, output)))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  }
  return readFileSync(join(ROOT, path), 'utf8');
}

/**
 * Loads dist/Code.js as Apps Script does: one classic script in a bare global scope (no require, module
 * or exports), with the given services as globals. Returns that global scope.
 */
export function loadCodeJs(globals: Record<string, unknown> = {}): vm.Context {
  const context = vm.createContext({ ...globals });
  vm.runInContext(builtFile('dist/Code.js'), context, { filename: 'Code.js' });
  return context;
}

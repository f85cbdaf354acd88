// `npm run build`: everything that ships.
//   dist/   what `clasp push` uploads (.clasp.json has rootDir "dist"): Code.js, appsscript.json, sidebar.html
//   build/  cli.js, run by bin/campaign-analytics.js; bench.js, run by `npm run bench`; preview.js, run by `npm run preview`
// Targets whose entry file does not exist yet are skipped with a note.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError } from './lib/build-error.mjs';
import { buildGasCode } from './lib/gas-code.mjs';
import { buildSidebarHtml } from './lib/sidebar-html.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** The global the bundle assigns; the stubs in Code.js forward to it. */
const GAS_GLOBAL = 'CampaignAnalytics';

const targets = [
  {
    out: 'dist/Code.js',
    entry: 'src/addon/main.ts',
    make: () => buildGasCode({ entry: 'src/addon/main.ts', globalName: GAS_GLOBAL }),
  },
  { out: 'dist/appsscript.json', entry: 'appsscript.json', make: manifest },
  {
    out: 'dist/sidebar.html',
    entry: 'sidebar/sidebar.ts',
    make: () => buildSidebarHtml({ template: 'sidebar/index.html', script: 'sidebar/sidebar.ts', style: 'sidebar/sidebar.css' }),
  },
  { out: 'build/cli.js', entry: 'src/cli/main.ts', make: () => nodeBundle('src/cli/main.ts') },
  { out: 'build/bench.js', entry: 'scripts/bench.ts', make: () => nodeBundle('scripts/bench.ts') },
  { out: 'build/preview.js', entry: 'scripts/preview.ts', make: () => nodeBundle('scripts/preview.ts') },
];

try {
  const written = [];
  for (const target of targets) {
    if (!existsSync(target.entry)) {
      console.log(`skipped ${target.out}: ${target.entry} does not exist yet`);
      continue;
    }
    const started = Date.now();
    writeAtomically(target.out, await target.make());
    written.push(target.out);
    console.log(`built ${target.out} (${(readFileSync(target.out).length / 1024).toFixed(1)} kB, ${Date.now() - started} ms)`);
  }
  removeStale('dist', written);
} catch (error) {
  // Our checks explain themselves and esbuild's messages carry file and line: only a bug here needs a stack.
  const explained = error instanceof BuildError || Array.isArray(error?.errors);
  console.error(explained ? `build failed: ${error.message}` : error);
  process.exit(1);
}

/** The Editor add-on manifest, checked for the two mistakes that break an Editor add-on quietly. */
function manifest() {
  const json = JSON.parse(readFileSync('appsscript.json', 'utf8'));
  if (json.runtimeVersion !== 'V8') throw new BuildError('appsscript.json: runtimeVersion must be "V8".');
  if ('addOns' in json) throw new BuildError('appsscript.json: an "addOns" section makes a card-based Workspace add-on; this is an Editor add-on.');
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A Node program (the command line, the benchmark, the preview); exceljs, jszip and unzipper stay in node_modules. */
async function nodeBundle(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['exceljs', 'jszip', 'unzipper'],
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Write then rename: a test that reads dist/ while another process rebuilds it never sees half a file. */
function writeAtomically(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${Date.now()}-${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** clasp pushes all of dist/: remove what this build did not write (a file left from an older build). */
function removeStale(folder, written) {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (!name.startsWith('.') && !written.includes(relative(root, path))) rmSync(path, { recursive: true });
  }
}

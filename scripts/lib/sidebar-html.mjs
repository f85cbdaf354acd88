// dist/sidebar.html: HtmlService serves only the project's .html files, so the sidebar's script and
// styles are inlined into one self-contained page (no external URLs to fetch or to review).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { BuildError } from './build-error.mjs';

const SCRIPT_SLOT = '/*__JS__*/';
const STYLE_SLOT = '/*__CSS__*/';

export async function buildSidebarHtml({ template, script, style }) {
  const [js, css] = await Promise.all([
    bundle(script, { format: 'iife', platform: 'browser' }),
    bundle(style, {}),
  ]);
  // esbuild already writes "</script" inside strings as "<\/script"; anything left would end the tag early.
  if (/<\/script/i.test(js) || /<\/style/i.test(css)) throw new BuildError(`${script}: the bundle contains a closing </script> or </style> tag.`);
  const html = readFileSync(template, 'utf8');
  for (const slot of [SCRIPT_SLOT, STYLE_SLOT]) {
    if (html.split(slot).length !== 2) throw new BuildError(`${template} must contain ${slot} exactly once.`);
  }
  // Function replacers: a string replacement would expand "$&" or "$1" inside the minified code.
  return html.replace(STYLE_SLOT, () => css.trim()).replace(SCRIPT_SLOT, () => js.trim());
}

async function bundle(entry, options) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    target: 'es2020',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    ...options,
  });
  return result.outputFiles[0].text;
}

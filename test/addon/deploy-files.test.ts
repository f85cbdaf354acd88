import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportUrl } from '../../src/addon/export';
import { SHEETS_API } from '../../src/addon/report-copy';
import { DRIVE_FILES_API, DRIVE_UPLOAD_API } from '../../src/addon/drive-files';
import { FEATURE_SCOPES } from '../../src/addon/scopes';
import { builtFile, ROOT } from '../support/built-dist';

// What `clasp push` uploads from dist/, and the settings it needs.

describe('dist/appsscript.json', () => {
  const manifest = JSON.parse(builtFile('dist/appsscript.json'));

  test('is the repository manifest', () => {
    expect(manifest).toEqual(JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')));
  });

  test('is an Editor add-on on V8: no "addOns" section (that one is for card-based Workspace add-ons)', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest).not.toHaveProperty('addOns');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(typeof manifest.timeZone).toBe('string');
  });

  test('asks for the current spreadsheet only, never all spreadsheets or all of Drive (no restricted scope)', () => {
    // Each scope's reason: src/addon/scopes.ts and the README.
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/drive.file',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });

  test('allowlists the URLs it fetches (a versioned deployment needs it; the fakes refuse any other URL)', () => {
    expect(manifest.urlFetchWhitelist).toEqual([SHEETS_API, 'https://docs.google.com/spreadsheets/d/', DRIVE_FILES_API, DRIVE_UPLOAD_API]);
    expect(exportUrl('abc', 'pdf', { locale: 'en_US' })).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\/abc\/export\?/);
  });

  test('reaches Drive through its API, never DriveApp (which needs the restricted "drive" scope the manifest does not list)', () => {
    expect(builtFile('dist/Code.js')).not.toMatch(/\bDriveApp\b/);
  });

  test('lists every scope a feature asks for at run time (granular consent), and none that no feature uses', () => {
    const asked = new Set<string>(Object.values(FEATURE_SCOPES).flat());
    for (const scope of asked) expect(manifest.oauthScopes).toContain(scope);
    expect(manifest.oauthScopes.filter((scope: string) => !asked.has(scope))).toEqual([
      'https://www.googleapis.com/auth/script.container.ui', // menus and the sidebar: every user needs it
    ]);
  });
});

test('`npm run deploy` builds, then pushes dist/ with clasp 2.4.2 fetched by npx (pinned: clasp 3 renamed its commands; never a dependency: CI does not deploy)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.deploy).toBe('npm run build && npx @google/clasp@2.4.2 push');
  expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('@google/clasp');
});

test('.clasp.json pushes dist/ and holds a placeholder script id, not a real one', () => {
  expect(JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8'))).toEqual({ scriptId: 'YOUR_SCRIPT_ID_HERE', rootDir: 'dist' });
});

describe('dist/sidebar.html', () => {
  const html = builtFile('dist/sidebar.html');

  test('is self-contained: its script and styles are inlined and nothing loads from a URL', () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link\b/i);
    expect(html).not.toContain('/*__JS__*/');
    expect(html).not.toContain('/*__CSS__*/');
    expect(/<script>([\s\S]*)<\/script>/.exec(html)?.[1]).toContain('google.script.run');
  });
});

/**
 * An installed plugin app through the real server: a site-packages folder (written here, with a
 * plugin package of our own) named by `openedxConfig.pythonEnvironment`. Its production plugin
 * settings run after the platform loads the YAML file, so the key it assigns outright is reported
 * `overwritten-key` in `lms.yml`, naming the package and the module; Studio, for which the package
 * declares no production settings, reports nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { wheel, writeFiles } from '../unit/libraries/sitePackages';
import { LspClient } from './harness';

let root: string;
let ws: string;
let settings: Record<string, unknown>;

const TEXT = ['PLATFORM_NAME: My School', 'CONTACT_EMAIL: info@example.com', 'LMS_ROOT_URL: https://lms.example.com', ''].join('\n');

const APPS = [
  'from django.apps import AppConfig',
  '',
  'class BrandConfig(AppConfig):',
  "    name = 'brand_plugin'",
  '    plugin_app = {',
  "        'settings_config': {",
  "            'lms.djangoapp': {'production': {'relative_path': 'settings.production'}},",
  "            'cms.djangoapp': {'common': {'relative_path': 'settings.production'}},",
  '        },',
  '    }',
  '',
].join('\n');

const PRODUCTION = [
  'def plugin_settings(settings):',
  "    settings.PLATFORM_NAME = 'Brand'",
  "    settings.CONTACT_EMAIL = settings.ENV_TOKENS.get('CONTACT_EMAIL', settings.CONTACT_EMAIL)",
  '',
].join('\n');

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-config-plugin-'));
  const sitePackages = path.join(root, 'site-packages');
  writeFiles(
    sitePackages,
    wheel(
      'brand-plugin',
      '2.1.0',
      { 'brand_plugin/__init__.py': '', 'brand_plugin/apps.py': APPS, 'brand_plugin/settings/__init__.py': '', 'brand_plugin/settings/production.py': PRODUCTION },
      { 'entry_points.txt': '[lms.djangoapp]\nbrand = brand_plugin.apps:BrandConfig\n\n[cms.djangoapp]\nbrand = brand_plugin.apps:BrandConfig\n' },
    ),
  );
  ws = path.join(root, 'ws');
  fs.mkdirSync(ws);
  settings = { pythonEnvironment: sitePackages, libraries: { cacheFolder: path.join(root, 'cache') } };
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

test("an installed plugin's production settings overwrite a key of lms.yml: overwritten-key naming the package and module, hover says so; studio.yml is untouched", async () => {
  const client = await LspClient.start({ workspaceFolders: [ws], settings });
  try {
    const lms = path.join(ws, 'lms.yml');
    const studio = path.join(ws, 'studio.yml');
    const lmsUri = await client.open(lms, TEXT);
    const studioUri = await client.open(studio, TEXT);
    const expected = [['overwritten-key', 0, 0, 0, 13, '`PLATFORM_NAME` has no effect: lms overwrites it after loading this file (brand-plugin 2.1.0, brand_plugin/settings/production.py:2).']];
    const published = await client.waitFor('the overwrite in lms.yml', () => [...(client.published.get(lmsUri) ?? [])].reverse().find((p) => p.diagnostics.some((d) => d.code === 'overwritten-key')), 60_000);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]),
      expected,
    );
    const hover = await client.hover(lmsUri, 0, 3);
    assert.ok(hover !== null && typeof hover.contents === 'object' && 'value' in hover.contents);
    const sitePackages = settings.pythonEnvironment as string;
    assert.equal(
      hover.contents.value.replace(/^Defined in .*$/m, 'Defined in …'),
      [
        '**`PLATFORM_NAME`** · `string`',
        '',
        '**Default:**',
        '',
        '```yaml',
        'PLATFORM_NAME: Your Platform Name Here',
        '```',
        '',
        '- **Overwritten after the file is loaded** (brand-plugin 2.1.0, brand\\_plugin/settings/production.py:2): a value here has no effect.',
        '',
        `Set after the file is loaded by the plugin app of brand-plugin 2.1.0 ([brand\\_plugin/settings/production.py:2](file://${sitePackages}/brand_plugin/settings/production.py#L2))`,
        '',
        'Defined in …',
      ].join('\n'),
    );
    // The scan is done for both documents (one environment): Studio's reports no overwrite.
    await client.waitFor('the scanned environment for studio.yml', () => [...client.schemaInfos].reverse().find((i) => i.uri === studioUri && i.libraries?.state === 'ready'), 60_000);
    const studioDiagnostics = [...(client.published.get(studioUri) ?? [])].pop()?.diagnostics ?? [];
    assert.deepEqual(
      studioDiagnostics.map((d) => [d.code, d.message]),
      [['missing-required', 'Missing required settings: `CMS_BASE`, `LMS_BASE`.']],
    );
    // Studio runs the module as common settings: the same line only sets the key there.
    const studioHover = await client.hover(studioUri, 0, 3);
    assert.ok(studioHover !== null && typeof studioHover.contents === 'object' && 'value' in studioHover.contents);
    assert.ok(!studioHover.contents.value.includes('Overwritten'), studioHover.contents.value);
    assert.ok(
      studioHover.contents.value.includes(`Set by the plugin app of brand-plugin 2.1.0 ([brand\\_plugin/settings/production.py:2](file://${sitePackages}/brand_plugin/settings/production.py#L2))`),
      studioHover.contents.value,
    );
  } finally {
    await client.stop();
  }
});

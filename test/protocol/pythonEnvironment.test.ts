/**
 * A Python environment's libraries layer (docs/libraries.md) through the real server: Debian's
 * `dist-packages`, with the Django libraries `scripts/provision-system.sh` installs, named by
 * `openedxConfig.pythonEnvironment`. The scan runs in the server's scan worker; until it ends the
 * shipped layer answers; once it ends, the installed versions read the keys, and a key only the
 * shipped layer knew is unknown again. A second server finds the scan in its cache.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentSchemaInfo } from '../../server/src/protocol/types';
import { LspClient } from './harness';

const DIST_PACKAGES = '/usr/lib/python3/dist-packages';

let root: string;
let yml: string;
let settings: Record<string, unknown>;

const TEXT = ['LMS_ROOT_URL: https://lms.example.com', 'CORS_ALLOW_ALL_ORIGINS: true', 'AWS_S3_REGION_NAME: eu-west-1', 'ENTERPRISE_LEARNER_PORTAL_BASE_URL: https://portal.example.com', ''].join('\n');

before(() => {
  for (const pkg of ['corsheaders', 'storages', 'celery']) {
    assert.ok(fs.existsSync(path.join(DIST_PACKAGES, pkg)), `${DIST_PACKAGES}/${pkg} is missing: run scripts/provision-system.sh`);
  }
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-config-env-'));
  const ws = path.join(root, 'ws');
  fs.mkdirSync(ws);
  yml = path.join(ws, 'lms.yml');
  fs.writeFileSync(yml, TEXT);
  settings = { pythonEnvironment: DIST_PACKAGES, libraries: { cacheFolder: path.join(root, 'cache') } };
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Starts a server on the workspace and waits until the environment's scan is in the document's info. */
async function startScanned(): Promise<{ client: LspClient; uri: string; info: DocumentSchemaInfo }> {
  const client = await LspClient.start({ workspaceFolders: [path.dirname(yml)], settings });
  const uri = await client.open(yml, TEXT);
  const info = await client.waitFor('the scanned environment in the document info', () => [...client.schemaInfos].reverse().find((i) => i.uri === uri && i.libraries?.source === 'environment' && i.libraries.state === 'ready'), 60_000);
  return { client, uri, info };
}

async function hoverText(client: LspClient, uri: string, line: number): Promise<string> {
  const hover = await client.hover(uri, line, 2);
  assert.ok(hover !== null && typeof hover.contents === 'object' && 'value' in hover.contents);
  return hover.contents.value;
}

test('the environment named in the settings is scanned; its installed versions read the keys; the shipped layer stands in no more', async () => {
  const { client, uri, info } = await startScanned();
  try {
    const libraries = info.libraries;
    assert.ok(libraries !== undefined);
    assert.deepEqual([libraries.source, libraries.folder, libraries.state], ['environment', DIST_PACKAGES, 'ready']);
    assert.ok(libraries.packages >= 5 && libraries.keys > 300, JSON.stringify(libraries));
    assert.equal(libraries.cache?.reused, 0, 'a first scan reads everything');
    // While it scanned, the status moved on its own: the shipped layer stood in, the scan's progress
    // rose, and the document was not validated again for it (one publication before the scan ended).
    const during = client.schemaInfos.filter((i) => i.uri === uri && i.libraries?.environment?.state === 'scanning');
    const done = during.map((i) => i.libraries?.environment?.progress?.done ?? -1);
    assert.ok(during.every((i) => i.libraries?.source === 'shipped'), JSON.stringify(during.map((i) => i.libraries)));
    assert.ok(new Set(done).size >= 3, `progress reported: ${JSON.stringify(done)}`);
    assert.deepEqual(done, [...done].sort((a, b) => a - b), 'progress only rises');
    assert.equal(client.published.get(uri)?.length, 2, 'published when opened and when the scan ended');
    const cors = await hoverText(client, uri, 1);
    assert.match(cors, /^\*\*`CORS_ALLOW_ALL_ORIGINS`\*\* · `boolean \| null`\n\n\*\*Default:\*\*\n\n```yaml\nCORS_ALLOW_ALL_ORIGINS: false\n```\n\n/);
    assert.match(cors, /\n- Read by django-cors-headers 3\.14\.0 \(\[corsheaders\/checks\.py:56\]\(file:\/\/\/usr\/lib\/python3\/dist-packages\/corsheaders\/checks\.py#L56\)\)\n- Read by django-cors-headers 3\.14\.0 \(\[corsheaders\/conf\.py:41\]\(file:\/\/\/usr\/lib\/python3\/dist-packages\/corsheaders\/conf\.py#L41\)\)$/);
    const region = await hoverText(client, uri, 2);
    assert.match(region, /\nRead by django-storages 1\.13\.2 \(\[storages\/backends\/s3boto3\.py:\d+\]\(file:\/\/\/usr\/lib\/python3\/dist-packages\/storages\/backends\/s3boto3\.py#L\d+\)\)$/);
    // Read by edx-enterprise, which the shipped layer knows and this environment lacks.
    const published = await client.waitFor('diagnostics with the environment layer', () => [...(client.published.get(uri) ?? [])].reverse().find((p) => p.diagnostics.some((d) => d.code === 'unknown-key')));
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
      [['unknown-key', 3, '`ENTERPRISE_LEARNER_PORTAL_BASE_URL` is not defined by lms settings; only a plugin could read it.']],
    );
  } finally {
    await client.stop();
  }
});

test('a second server takes the scan from the cache', async () => {
  const { client, info } = await startScanned();
  try {
    assert.equal(info.libraries?.cache?.scanned, 0, JSON.stringify(info.libraries));
    assert.ok((info.libraries?.cache?.reused ?? 0) > 5);
  } finally {
    await client.stop();
  }
});

test('pythonEnvironment "off": the shipped layer, whose packages read the enterprise key', async () => {
  const client = await LspClient.start({ workspaceFolders: [path.dirname(yml)], settings: { ...settings, pythonEnvironment: 'off' } });
  try {
    const uri = await client.open(yml, TEXT);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics, []);
    const info = await client.waitFor('the document info', () => [...client.schemaInfos].reverse().find((i) => i.uri === uri && i.libraries !== undefined));
    assert.deepEqual([info.libraries?.source, info.libraries?.environment], ['shipped', undefined]);
    const text = await hoverText(client, uri, 3);
    assert.ok(text.startsWith('**`ENTERPRISE_LEARNER_PORTAL_BASE_URL`** · `unknown type`\n\n- Read by edx-enterprise 8.8.0 ('), text);
    assert.ok(text.includes('\n- Read by edx-enterprise 8.8.0 ([openedx+edx-enterprise/enterprise/utils.py:488](https://github.com/openedx/edx-enterprise/blob/06d3340eeb51f10e18a73b200e76690249509702/enterprise/utils.py#L488))\n'), text);
  } finally {
    await client.stop();
  }
});

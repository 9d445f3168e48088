import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { locateShippedSchemas, ShippedSchemas } from '../../../server/src/registry/shipped';
import { makeTree, removeTree } from './tree';

const tree = makeTree({
  'ext/dist/server.js': '',
  'ext/schemas/sources.json': '{}',
  'ext/schemas/demo.json': JSON.stringify({ 'x-openedx-schema': { formatVersion: 1, ida: 'demo', source: { repo: 'acme/demo', commit: '0123456789abcdef', date: '2031-01-02', files: [] } }, properties: { A: { type: 'string' } } }),
  'ext/schemas/broken.json': '{',
  'ext/schemas/overlays/demo.json': JSON.stringify({ ida: 'demo', required: { A: 'Our reason.' } }),
  'ext/schemas/overlays/broken.json': '[]',
  'repo/out/server/src/registry/shipped.js': '',
  'repo/schemas/sources.json': '{}',
});
after(() => removeTree(tree));

test('the locator finds schemas/ beside the bundle folder, or in an ancestor (compiled tests)', () => {
  assert.equal(locateShippedSchemas(path.join(tree, 'ext/dist')), path.join(tree, 'ext/schemas'));
  assert.equal(locateShippedSchemas(path.join(tree, 'repo/out/server/src/registry')), path.join(tree, 'repo/schemas'));
  assert.equal(locateShippedSchemas(path.join(tree, 'nowhere')), undefined);
  assert.ok(fs.existsSync(path.join(locateShippedSchemas() ?? '', 'lms.json')), 'this checkout');
});

test('shipped schemas: listing, loading once, revisions, errors, overlays', () => {
  const shipped = new ShippedSchemas(path.join(tree, 'ext/schemas'));
  assert.deepEqual(shipped.idas(), ['broken', 'demo']);
  const demo = shipped.get('demo');
  assert.ok(demo?.ok);
  assert.equal(demo.value.revision, 'acme/demo@0123456789 (2031-01-02)');
  assert.equal(demo.value.schema['x-openedx-schema'].ida, 'demo');
  assert.equal(shipped.get('demo'), demo, 'cached');
  const brokenFile = path.join(tree, 'ext/schemas/broken.json');
  const broken = shipped.get('broken');
  assert.ok(broken !== undefined && !broken.ok);
  assert.deepStrictEqual(Object.keys(broken), ['ok', 'error']);
  assert.equal(broken.error, `${brokenFile}: not valid JSON at line 1, column 2`);
  assert.equal(shipped.get('missing'), undefined);
  assert.deepStrictEqual(shipped.overlay('demo'), { ok: true, value: { ida: 'demo', required: { A: 'Our reason.' }, path: path.join(tree, 'ext/schemas/overlays/demo.json'), lines: { A: 1 } } });
  assert.deepStrictEqual(shipped.overlay('broken'), { ok: false, error: `${path.join(tree, 'ext/schemas/overlays/broken.json')}: expected a JSON object with "ida" and "required"` });
  assert.equal(shipped.overlay('missing'), undefined);
  assert.equal(shipped.overlay('../etc'), undefined, 'never outside the folder');
  assert.deepEqual(new ShippedSchemas(undefined).idas(), []);
});

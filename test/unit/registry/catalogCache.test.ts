import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { CatalogCache, sourceKey } from '../../../server/src/registry/catalogCache';

const detected: DetectedIda = { ida: 'demo', layout: 'oep45', root: '/src', entryFiles: ['demo/settings/required.py', 'demo/settings/defaults.py'] };
const catalog = (files: string[]): Catalog => ({ ida: 'demo', layout: 'oep45', root: '/src', settings: [], problems: [], files, yaml: {}, bases: [{ ida: 'django', layout: 'django', root: '/dj', files: ['django/conf/global_settings.py'] }] });

test('one extraction per source, shared by concurrent callers', async () => {
  let calls = 0;
  const cache = new CatalogCache(async () => {
    calls++;
    return { catalog: catalog(['demo/settings/defaults.py']), millis: 1 };
  });
  const [a, b] = await Promise.all([cache.get(detected), cache.get({ ...detected, root: '/src' })]);
  assert.equal(a, b);
  assert.equal(calls, 1);
  assert.equal(cache.has(detected), true);
});

test('invalidation: files read, new modules beside the entry modules, base layers', async () => {
  const cache = new CatalogCache(async () => ({ catalog: catalog(['demo/settings/defaults.py', 'demo/common/util.py']), millis: 1 }));
  await cache.get(detected);
  assert.deepEqual(cache.invalidate(['/src/demo/other/x.py', '/src/demo/settings/notes.txt', '/elsewhere/demo/settings/defaults.py']), []);
  assert.deepEqual(cache.invalidate(['/src/demo/common/util.py']), [detected]);
  await cache.get(detected);
  assert.deepEqual(cache.invalidate(['/src/demo/settings/new_module.py']), [detected], 'a new module where the entry modules are');
  await cache.get(detected);
  assert.deepEqual(cache.invalidate(['/dj/django/conf/global_settings.py']), [detected], 'a base layer file');
  assert.equal(cache.has(detected), false);
});

test("invalidation of a platform's catalog: a plugin app's new settings module or apps.py below its root", async () => {
  const platform: DetectedIda = { ida: 'lms', layout: 'platform', root: '/p', entryFiles: ['lms/envs/production.py'] };
  const cache = new CatalogCache(async () => ({ catalog: { ...catalog(['lms/envs/production.py']), ida: 'lms', layout: 'platform', root: '/p' }, millis: 1 }));
  await cache.get(platform);
  assert.deepEqual(cache.invalidate(['/p/openedx/core/djangoapps/badges/views.py', '/p/lms/djangoapps/x/settings/helpers.py', '/elsewhere/app/settings/common.py']), []);
  assert.deepEqual(cache.invalidate(['/p/openedx/core/djangoapps/badges/settings/common.py']), [platform], 'a new plugin settings module');
  await cache.get(platform);
  assert.deepEqual(cache.invalidate(['/p/lms/djangoapps/newapp/apps.py']), [platform], "a new app's apps.py");
  // An OEP-45 service has no plugin apps: the same paths change nothing there.
  await cache.get(detected);
  assert.deepEqual(cache.invalidate(['/src/demo/badges/settings/common.py']), []);
});

test('failures are reported, not cached', async () => {
  let fail = true;
  const cache = new CatalogCache(() => {
    if (fail) throw new Error('boom');
    return Promise.resolve({ catalog: catalog([]), millis: 1 });
  });
  const failed = await cache.get(detected);
  assert.ok(!failed.ok && /^Error \(message not logged\) \(at .*catalogCache\.test\.js/.test(failed.error), JSON.stringify(failed));
  fail = false;
  assert.deepStrictEqual(await cache.get(detected), { ok: true, value: { catalog: catalog([]), millis: 1 } });
});

test('sourceKey ignores the root spelling and entry order', () => {
  assert.equal(sourceKey(detected), sourceKey({ ...detected, root: '/src/demo/..', entryFiles: [...detected.entryFiles].reverse() }));
  assert.notEqual(sourceKey(detected), sourceKey({ ...detected, ida: 'other' }));
});

test('a change while an extraction runs: its result is dropped and the extraction done again', async () => {
  let calls = 0;
  const gates: (() => void)[] = [];
  const cache = new CatalogCache(async () => {
    const n = ++calls;
    await new Promise<void>((resolve) => gates.push(resolve));
    return { catalog: catalog([`demo/settings/v${n}.py`]), millis: 1 };
  });
  const pending = cache.get(detected);
  await new Promise((r) => setImmediate(r));
  assert.equal(calls, 1);
  // The sources change while it runs (nothing read yet, so any .py below the root counts).
  assert.deepEqual(cache.invalidate(['/src/demo/settings/defaults.py']), [detected]);
  gates[0]();
  await new Promise((r) => setImmediate(r));
  assert.equal(calls, 2, 'extracted again');
  gates[1]();
  const result = await pending;
  assert.deepStrictEqual(result, { ok: true, value: { catalog: catalog(['demo/settings/v2.py']), millis: 1 } }, 'the first caller gets the new catalog');
  assert.equal(cache.redone, 1);
  assert.equal(await cache.get(detected), result, 'and it is the cached one');
});

test('redone at most three times in a row under a steady stream of changes', async () => {
  let calls = 0;
  const cache = new CatalogCache(async () => {
    calls++;
    await new Promise((r) => setImmediate(r));
    cache.invalidate(['/src/demo/settings/defaults.py']);
    return { catalog: catalog([]), millis: 1 };
  });
  const result = await cache.get(detected);
  assert.deepStrictEqual(result, { ok: true, value: { catalog: catalog([]), millis: 1 } });
  assert.equal(calls, 4);
  assert.equal(cache.redone, 3);
});

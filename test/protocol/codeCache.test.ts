/**
 * The server's start-up code cache (server/src/bootstrap.ts, codeCache.ts) as the client uses it:
 * written to the folder the client names when the first server exits, used by the next one
 * (which then gives the same answers and leaves the cache as it was), and never written when
 * turned off.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from './harness';
import { removeWorkspace, tempWorkspace } from './workspace';

const TEXT = 'PLATFORM_NAME: Example\nGRADEBOOK_FREEZE_DAYS: ten\nSESSION_COOKIE_DOMAN: .example.com\n';

let ws: string;

before(() => {
  ws = tempWorkspace('code-cache');
});

after(() => {
  removeWorkspace(ws);
});

/** Starts a server with `env`, opens lms.yml, returns its diagnostics' messages, stops it. */
async function session(env: Record<string, string>): Promise<{ messages: string[]; exitCode: number | null }> {
  const client = await LspClient.start({ workspaceFolders: [ws], env });
  try {
    const uri = await client.open(path.join(ws, 'lms.yml'), TEXT);
    const published = await client.nextPublication(uri, 0);
    return { messages: published.diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value)), exitCode: await client.stop() };
  } catch (e) {
    await client.stop();
    throw e;
  }
}

test('the first server writes the cache on exit; the next uses it, unchanged, with the same answers', async () => {
  const dir = path.join(ws, 'storage');
  const first = await session({ OPENEDX_CONFIG_CACHE_DIR: dir });
  assert.equal(first.exitCode, 0);
  const files = fs.readdirSync(dir);
  assert.equal(files.length, 1, `cache folder holds ${files.join(', ')}`);
  assert.match(files[0], /^server-[0-9a-f]{16}\.v8cache$/);
  const cacheFile = path.join(dir, files[0]);
  const written = fs.statSync(cacheFile);
  assert.ok(written.size > 100_000, `cache of ${written.size} bytes`);
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);

  const second = await session({ OPENEDX_CONFIG_CACHE_DIR: dir });
  assert.deepEqual(second.messages, first.messages);
  assert.deepEqual(second.messages, [
    'Missing required setting: `LMS_ROOT_URL`.',
    'Expected integer, found string "ten".',
    'Unknown setting `SESSION_COOKIE_DOMAN`: did you mean `SESSION_COOKIE_DOMAIN`?',
  ]);
  const after2 = fs.statSync(cacheFile);
  assert.deepEqual([after2.size, after2.mtimeMs], [written.size, written.mtimeMs], 'a used cache is left as it is');
});

test('OPENEDX_CONFIG_NO_CODE_CACHE=1 writes nothing', async () => {
  const dir = path.join(ws, 'off');
  const run = await session({ OPENEDX_CONFIG_CACHE_DIR: dir, OPENEDX_CONFIG_NO_CODE_CACHE: '1' });
  assert.equal(run.exitCode, 0);
  assert.equal(fs.existsSync(dir), false);
});

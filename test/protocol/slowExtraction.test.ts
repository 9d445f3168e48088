/**
 * Live extraction runs in a worker thread of the server (server/src/registry/extractionWorker.ts):
 * while a settings module makes the extraction crawl, the server keeps answering with the shipped
 * schema, and an extraction over its time budget is stopped. The crawl is the worker's test-only
 * delay hook (`OPENEDX_CONFIG_TEST_EXTRACT_DELAY_MS`: the worker blocks that long before each
 * extraction, as a parse of a pathological module would); test/robustness/pathologicalExtractor.test.ts
 * has the real pathological modules.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEST_DELAY_ENV } from '../../server/src/extractor/workerMessages';
import { EXTRACT_BUDGET_ENV } from '../../server/src/registry/extractionWorker';
import { LspClient, sleep } from './harness';
import { copyExample, removeWorkspace, tempWorkspace } from './workspace';

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));

/** A server on a copy of the lite platform (lms sources, shipped lms schema), with `lms.yml` open. */
async function startOnLite(env: Record<string, string>): Promise<{ client: LspClient; uri: string; ws: string }> {
  const ws = tempWorkspace('slow-extraction');
  workspaces.push(ws);
  const root = copyExample('openedx-platform-lite', ws);
  const client = await LspClient.start({ workspaceFolders: [ws], env });
  const uri = await client.open(path.join(root, 'lms.yml'), 'PLATFORM_NAME: Lite University\nSITE_NAME: learn.example.com\n');
  return { client, uri, ws };
}

/** Milliseconds `work` took, and its result. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; millis: number }> {
  const started = performance.now();
  const result = await work();
  return { result, millis: performance.now() - started };
}

/** Above the server's 1 s wait for a re-extraction, well below the 4 s it is held up. */
const ANSWER_BOUND_MS = 2000;

test('a settings module that makes the re-extraction crawl: hover and completion answer with the last live schema, then the new one arrives', async (t) => {
  // Every extraction held up 4 s; the budget raised so that none is stopped.
  const { client, uri, ws } = await startOnLite({ [TEST_DELAY_ENV]: '4000', [EXTRACT_BUDGET_ENV]: '20000' });
  try {
    const root = path.join(ws, 'openedx-platform-lite');
    // The first extraction is waited for: the first schema is the live one.
    const first = await client.waitFor('schema info', () => client.schemaInfos.find((i) => i.uri === uri));
    assert.deepEqual([first.source, first.revision], ['live', root]);
    const common = path.join(root, 'lms', 'envs', 'common.py');
    fs.appendFileSync(common, '\nBRAND_NEW_SETTING = 1\n');
    const changed = performance.now();
    await client.fileChanged(common);
    const hover = await timed(() => client.hover(uri, 0, 3));
    const completion = await timed(() => client.completion(uri, 2, 0));
    t.diagnostic(`while re-extracting: hover ${Math.round(hover.millis)} ms, completion ${Math.round(completion.millis)} ms`);
    assert.ok(hover.millis < ANSWER_BOUND_MS, `hover took ${Math.round(hover.millis)} ms`);
    assert.ok(completion.millis < ANSWER_BOUND_MS, `completion took ${Math.round(completion.millis)} ms`);
    const contents = hover.result?.contents;
    assert.ok(contents !== undefined && typeof contents === 'object' && 'value' in contents && contents.value.includes('**`PLATFORM_NAME`**'));
    const labels = (result: typeof completion.result): string[] => (result !== null && result !== undefined && 'items' in result ? result.items : (result ?? [])).map((i) => i.label);
    assert.ok(labels(completion.result).includes('LMS_ROOT_URL'));
    assert.ok(!labels(completion.result).includes('BRAND_NEW_SETTING'), 'answered with the last live schema');
    // Once the re-extraction ends, the new setting is known.
    for (let tries = 0; !labels(await client.completion(uri, 2, 0)).includes('BRAND_NEW_SETTING'); tries++) {
      assert.ok(tries < 100, 'the new setting never came');
      await sleep(200);
    }
    t.diagnostic(`new schema after ${Math.round(performance.now() - changed)} ms`);
  } finally {
    await client.stop();
  }
});

test('an extraction over its time budget: stopped, reported as taking too long, and the shipped schema applies', async () => {
  const { client, uri } = await startOnLite({ [TEST_DELAY_ENV]: '4000', [EXTRACT_BUDGET_ENV]: '1000' });
  try {
    const message = 'live schema of lms unavailable, falling back: extraction of lms failed: extraction of lms took too long (over 1 s); stopped';
    await client.waitFor('the budget problem', () => client.logs.find((l) => l === message));
    await client.waitFor('schema info', () => client.schemaInfos.find((i) => i.uri === uri));
    const infos = client.schemaInfos.filter((i) => i.uri === uri);
    assert.ok(infos.every((i) => i.source === 'shipped'), JSON.stringify(infos));
    const hover = await timed(() => client.hover(uri, 0, 3));
    assert.ok(hover.millis < ANSWER_BOUND_MS, `hover took ${Math.round(hover.millis)} ms`);
  } finally {
    await client.stop();
  }
});

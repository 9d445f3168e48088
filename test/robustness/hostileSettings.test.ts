/**
 * Settings a workspace can set, holding what used to stop the server: a user schema whose pattern
 * backtracks catastrophically (`^(a+)+$` against forty `a` and a `!`), a user schema with `"$ref":
 * "#"` or nested 20,000 levels deep, and association globs that a backtracking `RegExp` needed
 * minutes for. The server on such settings publishes diagnostics and answers a hover within the
 * hang bound, and says what it refused in its log, by setting name, never by value.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DocumentSchemaRequest } from '../../server/src/protocol/messages';
import { LspClient } from '../protocol/harness';
import { removeWorkspace, tempWorkspace, writeFile } from '../protocol/workspace';
import { assertWithinBounds, peakRssMb, timed } from './bounds';
import { answered, assertHealthy } from './session';

/** Starts a server on `settings`, opens `document` with `text`, and hands over its diagnostics and a hover's answer. */
async function openWith(
  t: TestContext,
  ws: string,
  settings: Record<string, unknown>,
  document: string,
  text: string,
  check: (r: { client: LspClient; uri: string; diagnostics: Diagnostic[] }) => Promise<void>,
): Promise<void> {
  const client = await LspClient.start({ workspaceFolders: [ws], settings });
  try {
    const { result, millis } = await timed(async () => {
      const uri = await client.open(path.join(ws, document), text);
      const published = await answered(client, 'diagnostics', client.diagnosticsFor(uri, 1), 20_000);
      const hover = await answered(client, 'hover', client.hover(uri, 0, 1));
      assert.ok(hover !== null, 'the hover on the first key answers');
      return { uri, diagnostics: published.diagnostics };
    });
    assertWithinBounds(t, { millis, peakMb: peakRssMb(client.child.pid) });
    assertHealthy(client, 'after the hostile settings');
    await check({ client, ...result });
  } finally {
    await client.stop();
  }
}

const summary = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`);

test('a user schema whose pattern backtracks catastrophically, or uses a backreference or "$ref": "#": the server keeps answering', async (t) => {
  const ws = tempWorkspace('robust-hostile-schema');
  try {
    const schema = writeFile(
      path.join(ws, 'schemas', 'hostile.json'),
      JSON.stringify({
        'x-openedx-schema': { formatVersion: 2, ida: 'lms' },
        properties: {
          NAME: { type: 'string', pattern: '^(a+)+$' },
          TABLE: { type: 'object', patternProperties: { '^(a|aa)+$': { type: 'integer' } } },
          BACKREF: { type: 'string', pattern: '^(a)\\1$' },
          LOOP: { $ref: '#' },
          COUNT: { type: 'integer' },
        },
      }),
    );
    const evil = `${'a'.repeat(40)}!`;
    const text = `NAME: ${evil}\nTABLE:\n  ${evil}: 1\n  aaaa: x\nBACKREF: b\nLOOP: ${evil}\nCOUNT: many\n`;
    await openWith(t, ws, { schemas: { lms: 'schemas/hostile.json' } }, 'lms.yml', text, async ({ client, uri, diagnostics }) => {
      assert.deepEqual(summary(diagnostics), [
        `0:6 type-mismatch Expected a value that must match pattern "^(a+)+$", found string "${'a'.repeat(40)}…".`,
        '3:8 type-mismatch Expected integer, found string "x".',
        '6:7 type-mismatch Expected integer, found string "many".',
      ]);
      const info = await client.connection.sendRequest(DocumentSchemaRequest, { uri });
      assert.deepEqual([info.ida, info.source], ['lms', 'user']);
      const reasons = client.logs.filter((l) => l.includes('openedxConfig.schemas.lms'));
      const re2 = 'patterns run on RE2, which has no backreferences or lookaround, so that none can take exponential time';
      assert.deepEqual(
        reasons.map((l) => l.slice(l.indexOf('openedxConfig.'))),
        [
          `openedxConfig.schemas.lms: ${schema}: "properties.BACKREF": a pattern is not supported (invalid escape sequence): ${re2}; values of BACKREF are not checked`,
          `openedxConfig.schemas.lms: ${schema}: "properties.LOOP": "$ref" is not supported (an Open edX Config schema describes each setting in place); values of LOOP are not checked`,
        ],
      );
    });
  } finally {
    removeWorkspace(ws);
  }
});

test('a user schema nested 20,000 levels deep: refused by name, and the document gets the shipped schema', async (t) => {
  const ws = tempWorkspace('robust-deep-schema');
  try {
    const levels = 20_000;
    const deep = `${'{"type":"object","properties":{"A":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
    const schema = writeFile(path.join(ws, 'schemas', 'deep.json'), `{"x-openedx-schema":{"formatVersion":2,"ida":"lms"},"properties":{"DEEP":${deep}}}`);
    await openWith(t, ws, { schemas: { lms: 'schemas/deep.json' } }, 'lms.yml', 'PLATFORM_NAME: [not, a, string]\n', async ({ client, uri, diagnostics }) => {
      assert.deepEqual(summary(diagnostics), ['0:0 missing-required Missing required setting: `LMS_ROOT_URL`.', '0:15 type-mismatch Expected string, found a list: the default is a string, and the code may accept a list too.']);
      const info = await client.connection.sendRequest(DocumentSchemaRequest, { uri });
      assert.deepEqual([info.ida, info.source], ['lms', 'shipped']);
      const refused = client.logs.filter((l) => l.includes('openedxConfig.schemas.lms')).map((l) => l.slice(l.indexOf('openedxConfig.')));
      assert.deepEqual(refused, [`openedxConfig.schemas.lms: ${schema}: "properties.DEEP" is nested deeper than 64 levels; the schema is not used`]);
    });
  } finally {
    removeWorkspace(ws);
  }
});

test('association globs that backtracked catastrophically as RegExps, and one over 1,000 characters: the server keeps answering', async (t) => {
  const ws = tempWorkspace('robust-hostile-globs');
  try {
    const long = `${'a*'.repeat(600)}b`;
    const associations = {
      [`${'a*'.repeat(25)}b`]: 'lms',
      [`${'**/'.repeat(30)}x.yml`]: 'lms',
      [`${'{a,a*}'.repeat(40)}b`]: 'lms',
      [long]: 'lms',
      'deploy/**/*.yml': 'studio',
    };
    const document = `deploy/${'a/'.repeat(20)}${'a'.repeat(56)}.yml`;
    await openWith(t, ws, { associations }, document, 'LMS_ROOT_URL: https://lms.example.com\nCMS_BASE: cms.example.com\n', async ({ client, uri, diagnostics }) => {
      // Studio's schema, chosen by the last glob, applies.
      assert.deepEqual(summary(diagnostics), ['0:0 missing-required Missing required setting: `LMS_BASE`.']);
      const info = await client.connection.sendRequest(DocumentSchemaRequest, { uri });
      assert.deepEqual([info.ida, info.reason], ['studio', 'setting']);
      const ignored = client.logs.filter((l) => l.includes('openedxConfig.associations')).map((l) => l.slice(l.indexOf('openedxConfig.')));
      assert.deepEqual(ignored, ['openedxConfig.associations: a glob of 1201 characters is longer than 1000; ignored']);
      assert.ok(!client.logs.some((l) => l.includes('a*a*a*')), 'no glob in the log');
    });
  } finally {
    removeWorkspace(ws);
  }
});

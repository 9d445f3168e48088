/**
 * The example workspace's config files against the catalogs extracted from its sources:
 * devstack.yml and test.yml are valid; demo.yml and lms.yml hold exactly the mistakes their
 * top comments announce. A small checker written here (not the product's validator) keeps the
 * fixtures honest; YAML is read with YAML 1.1 rules, as PyYAML reads it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import type { Catalog, JsonType, Setting } from '../../../server/src/catalog/types';
import { extractFrom, repoPath } from './helpers';

type Finding = [kind: 'unknown-key' | 'wrong-type' | 'ignored' | 'missing-required', key: string, detail: string];

function jsonType(v: unknown): JsonType | 'null' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v === 'string' ? 'string' : 'boolean';
  return 'object';
}

/** Edit distance, with a swap of neighbours counting as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function typeFinding(s: Setting, key: string, value: unknown): Finding | undefined {
  if (s.type.kind !== 'json') return undefined;
  const t = jsonType(value);
  if (t === 'null' ? s.type.nullable : s.type.types.includes(t) || (t === 'integer' && s.type.types.includes('number'))) return undefined;
  return ['wrong-type', key, `${t}, expected ${s.type.types.join('|')}${s.type.nullable ? '|null' : ''}`];
}

function check(catalog: Catalog, file: string): Finding[] {
  const data = parse(fs.readFileSync(file, 'utf8'), { version: '1.1' }) as Record<string, unknown>;
  const top = new Map(catalog.settings.filter((s) => s.path.length === 1).map((s) => [s.name, s]));
  const findings: Finding[] = [];
  const checkKey = (key: string, value: unknown): void => {
    const s = top.get(key);
    if (!s) {
      const near = [...top.keys()].filter((k) => distance(k, key) === 1);
      findings.push(['unknown-key', key, near.length ? `did you mean ${near.join(', ')}?` : 'not a known setting']);
      return;
    }
    const wrong = typeFinding(s, key, value);
    if (wrong) findings.push(wrong);
    const overwritten = s.roles.find((r) => r.kind === 'overwritten');
    if (overwritten) findings.push(['ignored', key, `overwritten at ${overwritten.file}:${overwritten.line}`]);
  };
  for (const [key, value] of Object.entries(data)) {
    checkKey(key, value);
    // FEATURES entries are top-level settings behind the proxy.
    if (key === 'FEATURES' && top.get('FEATURES')?.roles.some((r) => r.kind === 'deprecated') && value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) checkKey(k, v);
    }
  }
  for (const s of top.values()) if (s.required && !(s.name in data)) findings.push(['missing-required', s.name, s.required.reason]);
  return findings;
}

const DEMO = repoPath('examples', 'demo-ida');
const SETTINGS = repoPath('examples', 'demo-ida', 'demo', 'settings');

test('the demo IDA: devstack.yml and test.yml are valid (YAML 1.1: `no` is false)', async () => {
  const { catalog } = await extractFrom(DEMO);
  assert.deepStrictEqual(check(catalog, `${SETTINGS}/devstack.yml`), []);
  assert.deepStrictEqual(check(catalog, `${SETTINGS}/test.yml`), []);
});

test('the demo IDA: demo.yml has exactly its three announced mistakes', async () => {
  const { catalog } = await extractFrom(DEMO);
  assert.deepStrictEqual(check(catalog, `${SETTINGS}/demo.yml`), [
    ['wrong-type', 'MAX_UPLOAD_BYTES', 'string, expected integer'],
    ['unknown-key', 'SUPORT_URL', 'did you mean SUPPORT_URL?'],
    ['missing-required', 'OAUTH2_CLIENT_SECRET', "defined in the settings package's required.py: it has no production-ready default"],
  ]);
});

test('the lite platform: lms.yml has exactly its three announced mistakes', async () => {
  const { catalog } = await extractFrom(repoPath('examples', 'openedx-platform-lite'), 'lms');
  assert.deepStrictEqual(check(catalog, repoPath('examples', 'openedx-platform-lite', 'lms.yml')), [
    ['unknown-key', 'LMS_ROOT_ULR', 'did you mean LMS_ROOT_URL?'],
    ['ignored', 'TIME_ZONE', 'overwritten at lms/envs/production.py:72'],
    ['wrong-type', 'SOCIAL_AUTH_PIPELINE_TIMEOUT', 'string, expected integer'],
  ]);
});

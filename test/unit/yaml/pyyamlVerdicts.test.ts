/**
 * The document model against PyYAML itself (python3-yaml, installed by scripts/provision-system.sh):
 * for each text, whether `yaml.safe_load` fails must match whether the model reports a yaml-syntax
 * error, and the top-level keys PyYAML loads must be the model's. Fails, never skips, when PyYAML
 * is missing: these verdicts are what the product promises.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service';
import { decodeUtf8, parseFromScratch } from '../../../server/src/yaml';
import { pyyamlLoad } from '../../helpers/pyyaml';

const CASES: ReadonlyArray<readonly [string, Buffer]> = [
  ['plain keys', Buffer.from('A: 1\nB: [x, y]\n')],
  ['merge of a scalar', Buffer.from('<<: 5\n')],
  ['nested merge of a scalar', Buffer.from('A:\n  <<: 5\n')],
  ['merge with no value', Buffer.from('A:\n  <<:\n')],
  ['merge list with a scalar', Buffer.from('A:\n  <<: [{b: 1}, 2]\n')],
  ['merge list with a list', Buffer.from('A:\n  <<: [[1]]\n')],
  ['merge of a mapping', Buffer.from('A:\n  <<: {b: 1}\n')],
  ['merge of an alias to a mapping', Buffer.from('X: &a {b: 1}\nA:\n  <<: *a\n')],
  ['merge of an alias to a scalar', Buffer.from('X: &a 1\nA:\n  <<: *a\n')],
  ['merge of an alias to a list', Buffer.from('X: &a [1]\nA:\n  <<: *a\n')],
  ['merge list of aliases, one to a scalar', Buffer.from('X: &a {b: 1}\nY: &s 2\nA:\n  <<: [*a, *s]\n')],
  ['quoted "<<" is an ordinary key', Buffer.from('A:\n  "<<": 5\n')],
  ['explicit list key', Buffer.from('? [a, b]\n: 1\n')],
  ['explicit list key without value', Buffer.from('? [a, b]\n')],
  ['explicit mapping key', Buffer.from('? {a: 1}\n: 1\n')],
  ['explicit block list key', Buffer.from('? - a\n: 1\n')],
  ['flow list as an implicit key', Buffer.from('[a, b]: 1\n')],
  ['nested list key', Buffer.from('A:\n  ? [a]\n  : 1\n')],
  ['alias to a list as a key', Buffer.from('X: &l [1]\nA:\n  ? *l\n  : 1\n')],
  ['alias to a scalar as a key', Buffer.from('X: &s 1\nA:\n  *s : 1\n')],
  ['%YAML 9.9', Buffer.from('%YAML 9.9\n---\nA: 1\n')],
  ['%YAML 2.0', Buffer.from('%YAML 2.0\n---\nA: 1\n')],
  ['%YAML 1.1', Buffer.from('%YAML 1.1\n---\nA: 1\n')],
  ['%YAML 1.2 (a newer minor version passes silently)', Buffer.from('%YAML 1.2\n---\nA: 1\n')],
  ['%YAML 1 (malformed)', Buffer.from('%YAML 1\n---\nA: 1\n')],
  ['byte order mark at the start', Buffer.from('\uFEFFA: 1\n')],
  ['byte order mark before a later key', Buffer.from('A: 1\n\uFEFFB: 2\n')],
  ['byte order mark before a later key and at the start', Buffer.from('\uFEFFA: 1\n\uFEFFB: 2\n')],
  ['byte order mark after a document start', Buffer.from('---\n\uFEFFA: 1\n')],
  ['invalid UTF-8 in a value', Buffer.concat([Buffer.from('A: caf'), Buffer.from([0xe9]), Buffer.from('\n')])],
  ['invalid UTF-8 in a comment', Buffer.concat([Buffer.from('# '), Buffer.from([0xff]), Buffer.from('\nA: 1\n')])],
  ['truncated UTF-8 at the end', Buffer.concat([Buffer.from('A: x'), Buffer.from([0xe2, 0x82])])],
  ['a real U+FFFD', Buffer.from('A: \uFFFD\n')],
];

test('the model reports a yaml-syntax error exactly where PyYAML safe_load fails, and reads the keys PyYAML reads', () => {
  const verdicts = pyyamlLoad(CASES.map(([, b]) => b));
  const service = createLanguageService();
  const mismatches: string[] = [];
  CASES.forEach(([name, bytes], i) => {
    const { text, decoded } = decodeUtf8(bytes);
    const model = parseFromScratch(text, { decoded });
    const fails = service.validate(model, undefined).some((d) => d.code === 'yaml-syntax' && d.severity === 1);
    const expected = verdicts[i];
    if (fails === expected.ok) mismatches.push(`${name}: PyYAML ${expected.ok ? 'loads it' : 'fails'}, the model ${fails ? 'reports an error' : 'does not'}`);
    if (expected.ok && typeof expected.value === 'object' && expected.value !== null && !Array.isArray(expected.value)) {
      const pyKeys = Object.keys(expected.value);
      const keys = model.entries.filter((e) => e.documentIndex === 0).map((e) => e.key);
      if (JSON.stringify(keys) !== JSON.stringify(pyKeys)) mismatches.push(`${name}: PyYAML keys ${JSON.stringify(pyKeys)}, model keys ${JSON.stringify(keys)}`);
    }
  });
  assert.deepEqual(mismatches, []);
});

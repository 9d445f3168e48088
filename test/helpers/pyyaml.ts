/**
 * PyYAML itself (python3-yaml, installed by scripts/provision-system.sh), as the oracle of the
 * tests that hold the product to what Open edX services load. One `python3` run per call. A
 * missing PyYAML fails the calling test, never skips it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** What `yaml.safe_load` made of one input: the value (as JSON), or the exception's class name. */
export type PyyamlResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const SCRIPT = String.raw`
import base64, datetime, json, sys, yaml
out = []
for b64 in json.load(sys.stdin):
    try:
        value = yaml.safe_load(base64.b64decode(b64))
        out.append({'ok': True, 'value': json.loads(json.dumps(value, default=repr))})
    except Exception as e:
        out.append({'ok': False, 'error': type(e).__name__})
print(json.dumps(out))
`;

/** `yaml.safe_load` of each input (bytes, or text encoded as UTF-8). */
export function pyyamlLoad(inputs: ReadonlyArray<Buffer | string>): PyyamlResult[] {
  const payload = JSON.stringify(inputs.map((i) => (typeof i === 'string' ? Buffer.from(i, 'utf8') : i).toString('base64')));
  const run = spawnSync('python3', ['-c', SCRIPT], { input: payload, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(
    run.status,
    0,
    `python3 with PyYAML is needed for this test (Debian: apt-get install -y python3-yaml, done by scripts/provision-system.sh): ${run.error?.message ?? run.stderr}`,
  );
  return JSON.parse(run.stdout) as PyyamlResult[];
}

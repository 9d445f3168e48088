import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'openedx-config.js');

test('check piped into a reader that stops early (`| head`) ends with its own exit code, not an EPIPE crash', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-pipe-'));
  try {
    // 3,000 unknown keys: far more output than a pipe buffer holds.
    const file = path.join(dir, 'lms.yml');
    fs.writeFileSync(file, Array.from({ length: 3000 }, (_, i) => `NOT_A_SETTING_${i}: ${i}\n`).join(''));
    const child = spawn(process.execPath, [BIN, 'check', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close the read end, as `head -c` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(stderr, '');
    // The check's own exit code: 1, for the missing required LMS_ROOT_URL.
    assert.equal(code, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

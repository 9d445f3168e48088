/**
 * Nothing a config file contains reaches a log. A generated lms.yml full of secrets (a Django
 * secret key, database and mail passwords, AWS keys, a JWT private key and JWK, OAuth secrets,
 * broker URLs with passwords) is opened, edited, completed, hovered, outlined and acted on with
 * `openedxConfig.trace.server` off, together with requests that make handlers fail (the failures
 * are logged); then everything the server wrote besides its answers — stderr, `window/logMessage`,
 * `window/showMessage`, `$/logTrace` and `telemetry/event` — is searched for every value and every
 * 16-character piece of the long ones. Names may appear; values never.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { HoverRequest, SetTraceNotification } from 'vscode-languageserver-protocol';
import { parseDocument } from 'yaml';
import { DocumentSchemaRequest, ExportSchemaRequest } from '../../server/src/protocol/messages';
import { describeError, ServerError } from '../../server/src/common/describeError';
import { answer, guard } from '../../server/src/lsp/safe';
import { errorWithoutDetails } from '../../server/src/lsp/transport';
import { LspClient } from '../protocol/harness';
import { copyExample, removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { positionOf } from '../helpers/caret';
import { answered, askEverything } from './session';
import { TextBounds } from './ranges';

/** Deterministic secret material: letters, digits and the punctuation secrets are made of. */
function secretGenerator(seed: number): (length: number, alphabet?: string) => string {
  let state = seed;
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return (length, alphabet = ALNUM) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      out += alphabet[(state >> 8) % alphabet.length];
    }
    return out;
  };
}

/** A config file full of secrets, and every value in it. */
function secretsFile(seed: number): { text: string; values: string[] } {
  const gen = secretGenerator(seed);
  const values: string[] = [];
  const v = (s: string): string => {
    values.push(s);
    return s;
  };
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const pemLines = Array.from({ length: 12 }, () => v(gen(64, b64)));
  const jwk = v(JSON.stringify({ kty: 'RSA', kid: gen(12), n: gen(86, b64), e: 'AQAB', d: gen(86, b64), p: gen(43, b64), q: gen(43, b64) }));
  const text = [
    'LMS_ROOT_URL: https://lms.example.com',
    `SECRET_KEY: '${v(gen(50, `${b64}!@#%^&*(-_=)`))}'`,
    `AWS_ACCESS_KEY_ID: ${v(`AKIA${gen(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`)}`,
    `AWS_SECRET_ACCESS_KEY: ${v(gen(40, b64))}`,
    `EMAIL_HOST_PASSWORD: "${v(gen(24))}"`,
    'DATABASES:',
    '  default:',
    '    ENGINE: django.db.backends.mysql',
    `    PASSWORD: ${v(gen(32))}`,
    `    USER: ${v(`svc_${gen(12).toLowerCase()}`)}`,
    `    HOST: ${v(`db-${gen(10).toLowerCase()}.internal`)}`,
    `CELERY_BROKER_PASSWORD: ${v(gen(28))}`,
    `BROKER_URL: redis://:${v(gen(26))}@redis.internal:6379/0`,
    'JWT_AUTH:',
    `  JWT_SECRET_KEY: ${v(gen(48))}`,
    `  JWT_PRIVATE_SIGNING_JWK: '${jwk}'`,
    `  JWT_ISSUER: https://lms.example.com/oauth2`,
    'JWT_PRIVATE_KEY: |',
    '  -----BEGIN RSA PRIVATE KEY-----',
    ...pemLines.map((l) => `  ${l}`),
    '  -----END RSA PRIVATE KEY-----',
    'SOCIAL_AUTH_OAUTH_SECRETS:',
    `  google-oauth2: ${v(gen(35))}`,
    `  azuread-oauth2: ${v(gen(40))}`,
    `FERNET_KEYS: [${v(gen(43, b64))}=, ${v(gen(43, b64))}=]`,
    // Secrets where they do not belong: a type error and an unknown key, whose messages quote values.
    `EMAIL_PORT: ${v(`port-${gen(20)}`)}`,
    `MY_PLUGIN_API_TOKEN: ${v(gen(36))}`,
    `SESSION_COOKIE_DOMAN: ${v(`${gen(14).toLowerCase()}.example.com`)}`,
    '',
  ].join('\n');
  return { text, values };
}

/** Every piece of a value that must not be logged: the value, and 16-character windows of long ones. */
function needles(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    out.add(value);
    if (value.length > 24) for (let i = 0; i + 16 <= value.length; i += 8) out.add(value.slice(i, i + 16));
  }
  return [...out];
}

test('a config file full of secrets never reaches the log, whatever is asked about it', { timeout: 60_000 }, async (t) => {
  const ws = tempWorkspace('robust-secrets');
  const client = await LspClient.start({ workspaceFolders: [ws], settings: { trace: { server: 'off' } } });
  try {
    await client.connection.sendNotification(SetTraceNotification.type, { value: 'off' });
    const { text, values } = secretsFile(20240611);
    const uri = await client.open(path.join(ws, 'deploy', 'lms.yml'), text);
    const published = await answered(client, 'diagnostics', client.diagnosticsFor(uri, 1));
    assert.ok(published.diagnostics.length > 0, 'the file has problems to report');

    // Every feature on every line: on the key, on the value, at the line end.
    const bounds = new TextBounds(text);
    const lines = text.split('\n');
    for (const [line, content] of lines.entries()) {
      for (const character of new Set([0, Math.max(0, content.indexOf(':') + 2), content.length])) {
        await askEverything(client, uri, bounds, { line, character }, published.diagnostics);
      }
    }
    await answered(client, 'documentSchemaInfo', client.connection.sendRequest(DocumentSchemaRequest, { uri }));

    // Edits: each secret replaced by a new one, lines with new secrets typed character by character.
    const fresh = secretsFile(777);
    let current = text;
    let version = 1;
    for (const [i, value] of values.entries()) {
      const at = current.indexOf(value);
      const replacement = fresh.values[i % fresh.values.length];
      version = await client.change(uri, [{ range: { start: positionOf(current, at), end: positionOf(current, at + value.length) }, text: replacement }]);
      current = current.slice(0, at) + replacement + current.slice(at + value.length);
    }
    const typed = `EMAIL_HOST_PASSWORD: ${fresh.values[3]}x\n`;
    for (const ch of typed) {
      const end = positionOf(current, current.length);
      version = await client.change(uri, [{ range: { start: end, end }, text: ch }]);
      current += ch;
    }
    await answered(client, 'diagnostics after the edits', client.diagnosticsFor(uri, version));
    const after = new TextBounds(current);
    await askEverything(client, uri, after, positionOf(current, current.length - 3), []);

    // Requests that make the handlers fail: the failure is logged, the document is not.
    await answered(client, 'hover without a position', client.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position: null }));
    await answered(client, 'completion past the end', client.completion(uri, 10_000, 10_000));
    const count = client.publicationCount(uri);
    await client.changeConfiguration({ trace: { server: 'off' }, rules: { 'no-such-rule': 'off', 'unknown-key': 'loud' } });
    await answered(client, 'diagnostics after the configuration change', client.nextPublication(uri, count));
    await client.close(uri);
    await client.stop();

    const logged = [...client.logs, ...client.telemetry.map((e) => JSON.stringify(e))];
    for (const line of logged) t.diagnostic(`logged: ${line}`);
    t.diagnostic(`${logged.length} log lines and telemetry events searched for ${values.length + fresh.values.length} secret values`);
    assert.ok(client.logs.some((l) => l.startsWith('hover failed:')), 'the failing request was logged');
    for (const needle of needles([...values, ...fresh.values])) {
      const leak = logged.find((l) => l.includes(needle));
      assert.equal(leak, undefined, `a secret reached the log: ${leak}`);
    }
  } finally {
    if (client.child.exitCode === null) await client.stop();
    removeWorkspace(ws);
  }
});

test('a secret of the wrong type: the message names the type, never the value, and the quick fix does not quote it', async () => {
  const ws = tempWorkspace('secrets-types');
  const client = await LspClient.start({ workspaceFolders: [ws] });
  try {
    const text = ['LMS_ROOT_URL: https://lms.example.com', 'SECRET_KEY: 987654321', 'EMAIL_HOST_PASSWORD: 12345678', 'EMAIL_PORT: port-twenty-five', ''].join('\n');
    const uri = await client.open(path.join(ws, 'types', 'lms.yml'), text);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.code, d.message]), [
      [1, 'type-mismatch', 'Expected string, found integer (PyYAML reads this value as an integer; quote it for a string).'],
      [2, 'type-mismatch', 'Expected string, found integer (PyYAML reads this value as an integer; quote it for a string).'],
      // Not a secret: its value is quoted, shortened.
      [3, 'type-mismatch', 'Expected integer, found string "port-twenty-five".'],
    ]);
    const actions = await client.codeActions(uri, published.diagnostics[0].range, [published.diagnostics[0]]);
    assert.deepEqual((actions ?? []).map((a) => a.title), ['Quote as a string']);
  } finally {
    await client.stop();
    removeWorkspace(ws);
  }
});

test('a schema file that is not JSON (a system file, say): its text never reaches the log, its error position does', async () => {
  const ws = tempWorkspace('secrets-schema');
  const file = path.join(ws, 'shadow');
  const secret = 'root:$6$Zq0Jw1AKIAIOSFODNN7EXAMPLE:19000:0:99999:7:::';
  fs.writeFileSync(file, `${secret}\n`);
  const missingColon = path.join(ws, 'colon.json');
  fs.writeFileSync(missingColon, `{\n  "secret" "${secret}"\n}\n`);
  const client = await LspClient.start({ workspaceFolders: [ws], settings: { schemas: { lms: file, credentials: missingColon } } });
  try {
    for (const name of ['lms.yml', 'credentials.yml']) {
      const uri = await client.open(path.join(ws, 'x', name), 'PLATFORM_NAME: x\n');
      await client.diagnosticsFor(uri, 1);
    }
    const lines = client.logs.filter((l) => l.includes('not valid JSON'));
    assert.deepEqual(lines.map((l) => l.slice(l.indexOf('not valid JSON'))).sort(), ['not valid JSON', 'not valid JSON at line 2, column 12']);
    assert.ok(!client.logs.some((l) => l.includes('AKIA') || l.includes('$6$') || l.includes('root:')), client.logs.join('\n'));
  } finally {
    await client.stop();
    removeWorkspace(ws);
  }
});

test('a settings module with a syntax error right after a secret: problems, hovers and the log give positions, never the text', { timeout: 60_000 }, async () => {
  const ws = tempWorkspace('secrets-python');
  const root = copyExample('demo-ida', ws);
  const gen = secretGenerator(4242);
  const secret = `AKIAFAKE${gen(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  const defaults = path.join(root, 'demo', 'settings', 'defaults.py');
  const before = fs.readFileSync(defaults, 'utf8').split('\n').length;
  // The value's statement is cut short by a stray operator, then a line that is not Python at all.
  fs.appendFileSync(defaults, `\nAWS_SECRET_ACCESS_KEY = "${secret}" +\nDB_PASSWORD = '${secret}' ]\nAFTER_THE_DAMAGE = 1\n`);
  const client = await LspClient.start({ workspaceFolders: [ws] });
  try {
    const text = `AWS_SECRET_ACCESS_KEY: x\nDB_PASSWORD: y\nAFTER_THE_DAMAGE: 2\n`;
    const uri = await client.open(path.join(root, 'demo', 'settings', 'production.yml'), text);
    await client.waitFor('the live schema', () => client.schemaInfos.find((i) => i.uri === uri && i.source === 'live'));
    const exported = await client.connection.sendRequest(ExportSchemaRequest, { ida: 'demo' });
    assert.ok('schema' in exported);
    const problems = (exported.schema as { 'x-openedx-schema': { problems: { code: string; message: string; line: number; column: number }[] } })['x-openedx-schema'].problems;
    assert.deepEqual(
      problems.filter((p) => p.code === 'syntax-error').map((p) => [p.line, p.column, p.message]),
      // One damaged region: the operator left dangling swallows the next line.
      [[before + 1, 24, `Python syntax error at line ${before + 1}, column 25 (unexpected binary operator); settings here were re-read line by line`]],
    );
    const hovers = await Promise.all([0, 1, 2].map((line) => client.hover(uri, line, 2)));
    const shown = [JSON.stringify(problems), ...hovers.map((h) => JSON.stringify(h)), ...client.logs];
    assert.deepEqual(shown.filter((l) => l.includes('AKIAFAKE')), []);
  } finally {
    await client.stop();
    removeWorkspace(ws);
  }
});

test('a handler failure whose error quotes a secret: the log names the error class and where, never the message', async () => {
  const secret = 'AKIAFAKEFAKEFAKE0123';
  const logged: string[] = [];
  const log = (line: string): void => void logged.push(line);
  // What libraries and the runtime put in messages: the YAML source line, JSON text, a property key.
  const yamlError: unknown = parseDocument(`KEY: "${secret}\n`).errors[0];
  let jsonError: unknown;
  try {
    JSON.parse(`{"k": ${secret}}`);
  } catch (e) {
    jsonError = e;
  }
  const result = await answer(log, 'hover', undefined, null, () => {
    throw new Error(`value ${secret} is wrong`);
  });
  assert.equal(result, null);
  guard(log, 'didChange', () => {
    throw yamlError;
  });
  guard(log, 'configuration', () => {
    throw jsonError;
  });
  guard(log, 'watched files', () => {
    throw secret;
  });
  guard(log, 'ours', () => {
    throw new ServerError('the extraction worker stopped (exit code 1)');
  });
  const heads = logged.map((l) => l.replace(/ \(at .*\)$/, ''));
  assert.deepEqual(heads, [
    'hover failed: Error (message not logged)',
    'didChange failed: YAMLParseError [MISSING_CHAR] (message not logged)',
    'configuration failed: SyntaxError (message not logged)',
    'watched files failed: non-error thrown (string)',
    'ours failed: the extraction worker stopped (exit code 1)',
  ]);
  assert.match(logged[0], /^hover failed: Error \(message not logged\) \(at .*secrets\.test\.js:\d+:\d+\)/);
  assert.deepEqual(logged.filter((l) => l.includes('AKIAFAKE')), []);
  assert.equal(describeError(new RangeError(secret)).startsWith('RangeError (message not logged)'), true);
});

test("vscode-jsonrpc's failure lines are logged up to their first colon", () => {
  assert.equal(errorWithoutDetails('Notification handler \'textDocument/didChange\' failed with message: value AKIAFAKE is wrong'), "Notification handler 'textDocument/didChange' failed with message: (details not logged)");
  assert.equal(errorWithoutDetails('Received message which is neither a response nor a notification message:\n{"params":"AKIAFAKE"}'), 'Received message which is neither a response nor a notification message: (details not logged)');
  assert.equal(errorWithoutDetails('Notification x defines 2 params but received none.'), 'Notification x defines 2 params but received none.');
});

/**
 * Pathological config files, each on a fresh server process (shipped LMS schema), each within
 * 2 s and 300 MB from didOpen to the last answer (every feature asked about the start, middle and
 * end, then an edit and its undo), each with its exact diagnostics: a clear problem, or the calm
 * degraded mode, never a crash or a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { corpusFiles } from '../helpers/corpus';
import { brief } from '../helpers/diagnostics';
import { sleep, type LspClient } from '../protocol/harness';
import { withPathological } from './freshServer';
import { randomBytes } from './pythonPackages';

const ROOT_URL = 'LMS_ROOT_URL: https://lms.example.com';
const MISSING_ROOT_URL = 'Missing required setting: `LMS_ROOT_URL`.';

/** `[rule, range, severity, message]` of each diagnostic. */
function briefs(diagnostics: readonly Diagnostic[]): Array<[string, string, string, string]> {
  return diagnostics.map(brief);
}

/** A text of exactly `size` characters: `PLUGIN_SETTING_n: …` lines after the required key, then a comment filling up. */
function hugeYaml(size: number): string {
  const lines = [ROOT_URL];
  let length = ROOT_URL.length + 1;
  for (let i = 0; ; i++) {
    const line = `PLUGIN_SETTING_${i}: plugin value number ${i}`;
    if (length + line.length + 1 > size - 100) break;
    lines.push(line);
    length += line.length + 1;
  }
  const text = `${lines.join('\n')}\n`;
  return `${text}# ${'x'.repeat(size - text.length - 3)}\n`;
}

test('a 10 MB lms.yml: the degraded mode, one information, every feature still answers', async (t) => {
  const size = 10 * 1024 * 1024;
  const text = hugeYaml(size);
  assert.equal(text.length, size);
  await withPathological(t, text, { document: 'big/lms.yml' }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['file-too-large', `0:0-0:${ROOT_URL.length}`, 'information', 'File too large (10.0 MB, limit 1.0 MB): YAML syntax is not checked (only characters PyYAML refuses are), and settings are not validated.'],
    ]);
  });
});

test('a 1.1 MB lms.yml with an unclosed `[`: the degraded mode says plainly that YAML syntax was not checked', async (t) => {
  const text = `${ROOT_URL}\nALLOWED_HOSTS: [a, b\n${hugeYaml(1_150_000).slice(ROOT_URL.length + 1)}`;
  await withPathological(t, text, { document: 'big-unclosed/lms.yml' }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['file-too-large', `0:0-0:${ROOT_URL.length}`, 'information', 'File too large (1.1 MB, limit 1.0 MB): YAML syntax is not checked (only characters PyYAML refuses are), and settings are not validated.'],
    ]);
  });
});

test('10,000-deep nesting: "nesting is too deep" on each nested value, the keys after it still checked', async (t) => {
  const depth = 10_000;
  const text = [
    ROOT_URL,
    `PLATFORM_NAME: ${'['.repeat(depth)}${']'.repeat(depth)}`,
    `JWT_AUTH: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`,
    `ALLOWED_HOSTS:\n${'- '.repeat(depth)}x`,
    'GRADEBOOK_FREEZE_DAYS: ten',
    '',
  ].join('\n');
  await withPathological(t, text, { document: 'deep/lms.yml' }, ({ diagnostics }) => {
    const deep = diagnostics.filter((d) => d.message === 'Nesting is too deep to parse.');
    assert.deepEqual([...new Set(deep.map((d) => d.range.start.line))], [1, 2, 4]);
    assert.ok(deep.every((d) => d.code === 'yaml-syntax' && d.range.start.line === d.range.end.line));
    assert.deepEqual(briefs(diagnostics.filter((d) => !deep.includes(d))), [['type-mismatch', '5:23-5:26', 'warning', 'Expected integer, found string "ten".']]);
  });
});

test('an alias bomb ("billion laughs"): checked without expanding it, a plain type mismatch still found', async (t) => {
  let text = `${ROOT_URL}\nL0: &a0 [${Array(9).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i <= 9; i++) text += `L${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  text += 'PLATFORM_NAME: *a9\nALLOWED_HOSTS: *a9\n';
  await withPathological(t, text, { document: 'bomb/lms.yml' }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      ...Array.from({ length: 10 }, (_, i): [string, string, string, string] => ['unknown-key', `${i + 1}:0-${i + 1}:2`, 'information', `\`L${i}\` is not defined by lms settings; only a plugin could read it.`]),
      // A string expected, a list found: no expansion needed to say so.
      ['type-mismatch', '11:15-11:18', 'information', 'Expected string, found a list: the default is a string, and the code may accept a list too.'],
      // A list of strings expected: checking its items would expand 9^10 of them, so they are left unchecked.
    ]);
  });
});

test('binary garbage decoded as text: at most 100 syntax errors and a count of the rest', async (t) => {
  const text = randomBytes(200_000, 7).toString('utf8');
  await withPathological(t, text, { document: 'garbage/lms.yml' }, ({ diagnostics }) => {
    const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.equal(syntax.length, 101);
    const summary = syntax.filter((d) => /^\d+ more syntax errors are not shown \(only the first 100 are\)\.$/.test(String(d.message)));
    assert.equal(summary.length, 1, 'one diagnostic counts the syntax errors not shown');
    assert.deepEqual(diagnostics.filter((d) => d.code === 'missing-required').map((d) => d.message), [MISSING_ROOT_URL]);
    // Whatever else is reported: garbage that happens to read as a key is a key no settings module defines, or one set twice.
    for (const d of diagnostics.filter((x) => x.code !== 'yaml-syntax' && x.code !== 'missing-required')) {
      const expected = d.code === 'duplicate-key' ? /^Duplicate key `[^]*` \(first set on line \d+\): PyYAML keeps only this last value\.$/ : /^`[^]*` is not defined by lms settings; only a plugin could read it\.$/;
      assert.ok(d.code === 'unknown-key' || d.code === 'duplicate-key', String(d.code));
      assert.match(String(d.message), expected);
    }
  });
});

test('invalid UTF-8 bytes on the wire: decoded as U+FFFD, positions count them as one character each', async (t) => {
  const before = `${ROOT_URL}\nPLATFORM_NAME: caf`;
  const middle = '\nGRADEBOOK_FREEZE_DAYS: ';
  const after = '\n';
  const open = async (client: LspClient, uri: string): Promise<string> => {
    // Let the start-up exchange (configuration, registrations) finish: nothing else may write meanwhile.
    await client.waitFor('the start-up exchange', () => (client.registrations.length >= 2 ? true : undefined));
    await sleep(50);
    const marker = (n: number): string => `\u0001INVALID${n}\u0001`;
    const params = { textDocument: { uri, languageId: 'yaml', version: 1, text: `${before}${marker(1)}${middle}${marker(2)}${after}` } };
    let body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params }), 'utf8');
    const swap = (from: string, to: number[]): void => {
      const at = body.indexOf(JSON.stringify(from).slice(1, -1));
      body = Buffer.concat([body.subarray(0, at), Buffer.from(to), body.subarray(at + JSON.stringify(from).length - 2)]);
    };
    swap(marker(1), [0xc3, 0x28, 0xe9]); // a cut two-byte sequence, then a Latin-1 é
    swap(marker(2), [0xff, 0xfe, 0xed, 0xa0, 0x80]); // never valid in UTF-8; an encoded surrogate
    client.child.stdin?.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    return new TextDecoder().decode(Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xe9]), Buffer.from(middle), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(after)]));
  };
  await withPathological(t, undefined, { document: 'utf8/lms.yml', open }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      // The first replacement character: a warning, since the server cannot tell it from a real U+FFFD.
      [
        'yaml-syntax',
        '1:18-1:19',
        'warning',
        "U+FFFD (replacement character): the editor shows it for bytes that are not valid UTF-8, which PyYAML refuses to load; check the file's encoding (a real U+FFFD character is accepted).",
      ],
      ['type-mismatch', '2:23-2:28', 'warning', 'Expected integer, found string "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD".'],
    ]);
  });
});

test('a byte order mark: not a character of the first key', async (t) => {
  const text = `\uFEFF${ROOT_URL}\nGRADEBOOK_FREEZE_DAYS: ten\n`;
  await withPathological(t, text, { document: 'bom/lms.yml' }, async ({ diagnostics, client, uri }) => {
    assert.deepEqual(briefs(diagnostics), [['type-mismatch', '1:23-1:26', 'warning', 'Expected integer, found string "ten".']]);
    // The key starts after the mark: character 1 of line 0.
    const hover = await client.hover(uri, 0, 1);
    assert.match(JSON.stringify(hover?.contents), /\*\*`LMS_ROOT_URL`\*\*/);
    assert.deepEqual(hover?.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 13 } });
  });
});

test('CRLF and lone CR line ends: the same diagnostics at the same positions as LF, errors at line ends included', async (t) => {
  const mock = corpusFiles(false).find(([name]) => name.endsWith('lms/mock.yml'));
  assert.ok(mock, 'the corpus has lms/mock.yml');
  const lf = `${mock[1].replace(/\r\n?/g, '\n')}BROKEN_FLOW: {a: 1\nPLATFORM_NAME: "unclosed\nALLOWED_HOSTS:\n  - a\n - b\nGRADEBOOK_FREEZE_DAYS: ten\n`;
  let reference: Diagnostic[] = [];
  await withPathological(t, lf, { document: 'lf/lms.yml' }, ({ diagnostics }) => {
    reference = diagnostics;
    // At least one error covers a line break: the case where CRLF ranges used to end between `\r` and `\n`.
    assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax' && d.range.end.line > d.range.start.line && d.range.end.character === 0), 'an error ending after a line break');
  });
  for (const [name, eol] of [['crlf', '\r\n'], ['cr', '\r']] as const) {
    await withPathological(t, lf.replace(/\n/g, eol), { document: `${name}/lms.yml` }, ({ diagnostics }) => {
      assert.deepEqual(briefs(diagnostics), briefs(reference), `${name} differs from LF`);
    });
  }
});

test('U+2028 and U+2029 inside lines (no line breaks to LSP): every feature answers on them', async (t) => {
  const text = `${ROOT_URL}\nPLATFORM_NAME: one\u2028two\nGRADEBOOK_FREEZE_DAYS: ten\u2029\n\u2028KEY: 1\n`;
  await withPathological(t, text, { document: 'separators/lms.yml' }, async ({ diagnostics, client, uri }) => {
    assert.deepEqual(briefs(diagnostics).map((d) => d[0]), ['type-mismatch', 'unknown-key']);
    for (const [line, character] of [[1, 19], [2, 27], [3, 0], [3, 1]]) assert.notEqual(await client.completion(uri, line, character), null);
  });
});

test('tabs for indentation: a syntax error on each tab, nothing else', async (t) => {
  const text = `${ROOT_URL}\nJWT_AUTH:\n\tJWT_ISSUER: x\nFEATURES:\n  \tENABLE_COURSEWARE_SEARCH: true\nPLATFORM_NAME: x\n`;
  await withPathological(t, text, { document: 'tabs/lms.yml' }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['yaml-syntax', '2:0-2:1', 'error', 'Tabs are not allowed as indentation.'],
      ['deprecated', '3:0-3:8', 'information', '`FEATURES` is deprecated. FEATURES entries now set top-level settings; set them at the top level.'],
      ['yaml-syntax', '4:2-4:3', 'error', 'Tabs are not allowed as indentation.'],
    ]);
  });
});

test('a thousand `---` documents: one syntax error for the second, each later document still checked', async (t) => {
  const docs = [ROOT_URL];
  for (let i = 1; i < 1000; i++) docs.push(`PLUGIN_KEY_${i}: ${i}`);
  const text = `${docs.join('\n---\n')}\n...\n`;
  await withPathological(t, text, { document: 'documents/lms.yml' }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['yaml-syntax', '1:0-1:3', 'error', 'This file holds more than one YAML document; PyYAML\'s safe_load reads exactly one ("expected a single document in the stream").'],
      ...Array.from({ length: 999 }, (_, i): [string, string, string, string] => {
        const key = `PLUGIN_KEY_${i + 1}`;
        return ['unknown-key', `${2 * i + 2}:0-${2 * i + 2}:${key.length}`, 'information', `\`${key}\` is not defined by lms settings; only a plugin could read it.`];
      }),
    ]);
  });
});

test('a templated Tutor-style file: template expressions are never errors; an unclosed `{{` is one syntax error, an unclosed `{%` is calm', async (t) => {
  const lines = ['{{ patch("lms-env-features") }}', 'LMS_ROOT_URL: "{{ "https" if ENABLE_HTTPS else "http" }}://{{ LMS_HOST }}"'];
  const unknown: Array<[string, string, string, string]> = [];
  // 900 keys: all listed, under the 1,000 diagnostics the server publishes per file.
  for (let i = 0; i < 450; i++) {
    lines.push(`{% if PLUGIN_${i}_ENABLED %}`, `PLUGIN_${i}_URL: "{{ PLUGIN_${i}_URL }}"`, `PLUGIN_${i}_PORT: {{ PLUGIN_${i}_PORT }}`, '{% endif %}');
    for (const [offset, key] of [[1, `PLUGIN_${i}_URL`], [2, `PLUGIN_${i}_PORT`]] as const) {
      const line = 2 + 4 * i + offset;
      unknown.push(['unknown-key', `${line}:0-${line}:${key.length}`, 'information', `\`${key}\` is not defined by lms settings; only a plugin could read it.`]);
    }
  }
  // A template where an integer is expected: not a type error, whatever it renders to.
  lines.push('GRADEBOOK_FREEZE_DAYS: {{ FREEZE_DAYS }}', 'PLATFORM_NAME: {{ PLATFORM_NAME', '{% if UNCLOSED', '');
  await withPathological(t, lines.join('\n'), { document: 'tutor/lms.env.yml.jinja' }, ({ diagnostics }) => {
    assert.deepEqual(briefs(diagnostics), [
      ...unknown,
      // `{{` without `}}` is no template span: YAML sees a flow mapping that never ends.
      ['yaml-syntax', '1803:30-1803:31', 'error', 'Flow map in block collection must be sufficiently indented and end with a }.'],
    ]);
  });
});

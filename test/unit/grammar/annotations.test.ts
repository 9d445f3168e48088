/**
 * The injection grammar syntaxes/openedx-settings-annotations.tmLanguage.json, tokenized by
 * vscode-textmate over a stub Python grammar: exact scopes for code-annotations blocks and
 * OEP-45 `#:` comments, and no effect outside comments or on ordinary comments.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { GRAMMAR_PATH, INJECTION_SCOPE, repoRoot, tokenizeLines, type Token } from './tokenize';

const C = 'comment.line.number-sign.python';
const HASH: Token = ['#', `${C} punctuation.definition.comment.python`];
const SPACE: Token = [' ', C];

/** The tokens every annotation line starts with: `# .. <token>: `. */
function head(token: string, indent = ' '): Token[] {
  return [
    HASH,
    [indent, C],
    ['..', `${C} punctuation.definition.annotation.openedx`],
    SPACE,
    [token, `${C} keyword.other.annotation.openedx`],
    [':', `${C} punctuation.separator.key-value.annotation.openedx`],
    SPACE,
  ];
}

const FIXTURE = path.join(repoRoot(), 'test', 'unit', 'grammar', 'fixtures', 'annotated_settings.py');
let lines: string[];
let tokens: Token[][];

/** The tokens of the fixture line that starts with `prefix` (exactly one must). */
function lineTokens(prefix: string): Token[] {
  const found = lines.flatMap((l, i) => (l.startsWith(prefix) ? [i] : []));
  assert.equal(found.length, 1, `exactly one fixture line starts with ${JSON.stringify(prefix)}`);
  return tokens[found[0]];
}

before(async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  lines = text.split(/\r?\n/);
  tokens = await tokenizeLines(text);
});

describe('grammar file', () => {
  it('is an injection into Python comments with the scope name package.json contributes', () => {
    const raw = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, INJECTION_SCOPE);
    assert.equal(raw.injectionSelector, 'L:comment.line.number-sign.python');
    const pkg = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
    };
    assert.deepEqual(pkg.contributes.grammars, [
      { scopeName: INJECTION_SCOPE, path: './syntaxes/openedx-settings-annotations.tmLanguage.json', injectTo: ['source.python'] },
    ]);
  });
});

describe('code-annotations tokens', () => {
  it('scopes a setting name', () => {
    assert.deepEqual(lineTokens('# .. setting_name: SUPPORT_SITE_LINK'), [
      ...head('setting_name'),
      ['SUPPORT_SITE_LINK', `${C} variable.other.constant.setting-name.openedx`],
    ]);
  });

  it('scopes a toggle name with a subscript as one name', () => {
    assert.deepEqual(lineTokens('# .. toggle_name:'), [
      ...head('toggle_name'),
      ["FEATURES['ENABLE_DISCUSSION_SERVICE']", `${C} variable.other.constant.setting-name.openedx`],
    ]);
  });

  it('scopes Python literals in defaults', () => {
    assert.deepEqual(lineTokens("# .. setting_default: ''"), [
      ...head('setting_default'),
      ["''", `${C} meta.default-value.openedx string.quoted.single.openedx`],
    ]);
    assert.deepEqual(lineTokens('# .. toggle_default: True'), [
      ...head('toggle_default'),
      ['True', `${C} meta.default-value.openedx constant.language.openedx`],
    ]);
  });

  it('scopes numbers in an indented default expression, and leaves the operator plain', () => {
    assert.deepEqual(lineTokens('#   .. setting_default: 30 * 60'), [
      ...head('setting_default', '   '),
      ['30', `${C} meta.default-value.openedx constant.numeric.openedx`],
      [' * ', `${C} meta.default-value.openedx`],
      ['60', `${C} meta.default-value.openedx constant.numeric.openedx`],
    ]);
  });

  it('scopes reStructuredText literals in descriptions', () => {
    const M = `${C} meta.annotation-text.openedx`;
    assert.deepEqual(lineTokens('# .. setting_description:'), [
      ...head('setting_description'),
      ['Link to the help center, shown in the header. Use ', M],
      ['``', `${M} punctuation.definition.raw.begin.openedx`],
      ['None', `${M} markup.inline.raw.string.openedx`],
      ['``', `${M} punctuation.definition.raw.end.openedx`],
    ]);
  });

  it('scopes links in descriptions without their final full stop', () => {
    const M = `${C} meta.annotation-text.openedx`;
    assert.deepEqual(lineTokens('# .. toggle_description:'), [
      ...head('toggle_description'),
      ['Turns the discussion tab on. See ', M],
      ['https://example.org/docs/discussions', `${M} markup.underline.link.openedx`],
      ['.', M],
    ]);
  });

  it('scopes warnings like other prose tokens', () => {
    const M = `${C} meta.annotation-text.openedx`;
    assert.deepEqual(lineTokens('# .. toggle_warning:'), [
      ...head('toggle_warning'),
      ['Also set ', M],
      ['``', `${M} punctuation.definition.raw.begin.openedx`],
      ['DISCUSSION_URL', `${M} markup.inline.raw.string.openedx`],
      ['``', `${M} punctuation.definition.raw.end.openedx`],
      ['.', M],
    ]);
  });

  it('scopes the implementation class', () => {
    assert.deepEqual(lineTokens('# .. toggle_implementation:'), [
      ...head('toggle_implementation'),
      ['DjangoSetting', `${C} meta.implementation.openedx support.class.implementation.openedx`],
    ]);
  });

  it('scopes each use case and the commas between them', () => {
    const M = `${C} meta.use-cases.openedx`;
    assert.deepEqual(lineTokens('# .. toggle_use_cases:'), [
      ...head('toggle_use_cases'),
      ['open_edx', `${M} support.constant.use-case.openedx`],
      [',', `${M} punctuation.separator.comma.openedx`],
      [' ', M],
      ['temporary', `${M} support.constant.use-case.openedx`],
    ]);
  });

  it('scopes creation and removal dates', () => {
    assert.deepEqual(lineTokens('# .. toggle_creation_date:'), [
      ...head('toggle_creation_date'),
      ['2012-08-14', `${C} meta.date.openedx constant.numeric.date.openedx`],
    ]);
    assert.deepEqual(lineTokens('# .. toggle_target_removal_date:'), [
      ...head('toggle_target_removal_date'),
      ['2026-01-01', `${C} meta.date.openedx constant.numeric.date.openedx`],
    ]);
  });

  it('scopes ticket links', () => {
    assert.deepEqual(lineTokens('# .. toggle_tickets:'), [
      ...head('toggle_tickets'),
      ['https://example.org/browse/TNL-1234', `${C} meta.tickets.openedx markup.underline.link.openedx`],
    ]);
  });

  it('leaves continuation lines as plain comment text', () => {
    assert.deepEqual(lineTokens('#   to hide it.'), [HASH, ['   to hide it.', C]]);
  });
});

describe('OEP-45 doc comments', () => {
  const D = `${C} comment.line.documentation.oep45.openedx`;
  const MARK: Token = [':', `${C} punctuation.definition.comment.documentation.openedx`];

  it('scopes a #: line above a setting', () => {
    assert.deepEqual(lineTokens('#: Maximum number'), [HASH, MARK, [' Maximum number of retries of a failed task.', D]]);
  });

  it('scopes a trailing #: comment, with its literals, and leaves the code alone', () => {
    assert.deepEqual(lineTokens('MAX_RETRIES = 3'), [
      ['MAX_RETRIES = 3  ', ''],
      HASH,
      MARK,
      [' Trailing doc with ', D],
      ['``', `${D} punctuation.definition.raw.begin.openedx`],
      ['code', `${D} markup.inline.raw.string.openedx`],
      ['``', `${D} punctuation.definition.raw.end.openedx`],
      ['.', D],
    ]);
  });

  it('accepts #: without a following space, as Sphinx and the extractor do', () => {
    assert.deepEqual(lineTokens('#:No space'), [HASH, MARK, ['No space after the marker is still OEP-45 (Sphinx accepts it).', D]]);
  });
});

describe('what the grammar leaves alone', () => {
  it('ignores ".." that does not start the comment', () => {
    assert.deepEqual(lineTokens('# TODO: not an annotation'), [
      HASH,
      SPACE,
      ['TODO', `${C} keyword.codetag.notation.python`],
      [': not an annotation .. setting_name: X', C],
    ]);
  });

  it('ignores a token without a space after the dots, and reStructuredText directives', () => {
    assert.deepEqual(lineTokens('# ..setting_name'), [HASH, [' ..setting_name: NO_SPACE_IS_NOT_A_TOKEN', C]]);
    assert.deepEqual(lineTokens('# .. note::'), [HASH, [' .. note:: reStructuredText directives are not tokens', C]]);
  });

  it('ignores plain comments with colons, and a colon after a space', () => {
    assert.deepEqual(lineTokens('# Plain comment'), [HASH, [' Plain comment: with a colon', C]]);
    assert.deepEqual(lineTokens('# : a space'), [HASH, [' : a space before the colon is a plain comment', C]]);
  });

  it('does not reach into strings or docstrings', () => {
    assert.deepEqual(lineTokens('text = '), [
      ['text = ', ''],
      ["'", 'string.quoted.single.python'],
      ['# .. setting_name: IN_A_STRING', 'string.quoted.single.python'],
      ["'", 'string.quoted.single.python'],
    ]);
    assert.deepEqual(lineTokens('# .. setting_name: NOT_A_COMMENT'), [['# .. setting_name: NOT_A_COMMENT_BUT_A_DOCSTRING', 'string.quoted.docstring.multi.python']]);
  });
});

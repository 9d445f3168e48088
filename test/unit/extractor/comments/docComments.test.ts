import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Documentation } from '../../../../server/src/catalog/types';
import type { CommentLine } from '../../../../server/src/extractor/comments/commentLines';
import { parseAnnotationBlocks } from '../../../../server/src/extractor/comments/annotations';
import {
  annotationDoc,
  chooseDocumentation,
  oep45Doc,
  plainDoc,
} from '../../../../server/src/extractor/comments/docComments';

/** A comment block whose first line is `first`; each string is a source line holding one own-line comment. */
function block(first: number, ...lines: string[]): CommentLine[] {
  return lines.map((raw, i) => {
    const column = raw.indexOf('#');
    return { line: first + i, column, text: raw.slice(column), trailing: false };
  });
}

/** A trailing comment on `line`, after some code. */
const trailing = (line: number, text: string): CommentLine => ({ line, column: 20, text, trailing: true });

test('oep45Doc: #: lines above, without #: and one space, joined with newlines', () => {
  assert.deepStrictEqual(
    oep45Doc(block(4, '#: Base URL of the gadget factory.', '#:', '#:   Indented detail stays indented.', '#:no space after the colon'), undefined),
    { text: 'Base URL of the gadget factory.\n\n  Indented detail stays indented.\nno space after the colon', line: 4 },
  );
});

test('oep45Doc: a trailing #: wins over the lines above; a plain trailing comment does not count', () => {
  const above = block(7, '#: Seconds between gadget polls.');
  assert.deepStrictEqual(oep45Doc(above, trailing(8, '#: Poll period, in seconds.')), { text: 'Poll period, in seconds.', line: 8 });
  assert.deepStrictEqual(oep45Doc(above, trailing(8, '# seconds')), { text: 'Seconds between gadget polls.', line: 7 });
  assert.deepStrictEqual(oep45Doc(undefined, trailing(3, '#:  Two spaces keep one.')), { text: ' Two spaces keep one.', line: 3 });
});

test('oep45Doc: only the #: run that ends the block counts', () => {
  // A section header directly above the #: run does not void it (as in Sphinx autodoc).
  assert.deepStrictEqual(oep45Doc(block(1, '# ---- Gadgets ----', '#: Gadgets per shelf.'), undefined), {
    text: 'Gadgets per shelf.',
    line: 2,
  });
  // #: lines followed by a plain line are not "immediately before" the assignment.
  assert.equal(oep45Doc(block(1, '#: Gadgets per shelf.', '# TODO: raise this'), undefined), undefined);
});

test('oep45Doc: nothing to read gives undefined', () => {
  assert.equal(oep45Doc(undefined, undefined), undefined);
  assert.equal(oep45Doc([], undefined), undefined);
  assert.equal(oep45Doc(block(1, '# plain'), trailing(2, '# plain too')), undefined);
  assert.equal(oep45Doc(block(1, '#:', '#:   '), undefined), undefined);
});

test('plainDoc: banners are dropped, paragraphs and relative indentation kept', () => {
  const above = block(
    1,
    '###### GADGETS ######',
    '# ====================',
    '# How many gadgets a page shows.',
    '#',
    '#',
    '# ---- Details ----',
    '#   Extra indented detail.',
    '#####',
  );
  assert.deepStrictEqual(plainDoc(above), { text: 'How many gadgets a page shows.\n\n  Extra indented detail.', line: 1 });
});

test('plainDoc: tool directives are dropped; prose that merely looks like one is kept', () => {
  const above = block(
    10,
    '# pylint: disable=line-too-long',
    '# The gadget shelf path.   ',
    '# noqa: E501',
    '# NOQA',
    '# type: ignore',
    '# fmt: off',
    '# -*- coding: utf-8 -*-',
    '# Type: a filesystem path.',
    '# Use --shelf to override it.',
    '# A dash - or two -- inside is fine.',
  );
  assert.deepStrictEqual(plainDoc(above), {
    text: 'The gadget shelf path.\nType: a filesystem path.\nUse --shelf to override it.\nA dash - or two -- inside is fine.',
    line: 10,
  });
  // A shebang only on the first line of a file.
  assert.deepStrictEqual(plainDoc(block(1, '#!/usr/bin/env python', '# Gadget tool settings.')), { text: 'Gadget tool settings.', line: 1 });
  assert.deepStrictEqual(plainDoc(block(5, '#! surprising')), { text: '! surprising', line: 5 });
});

test('plainDoc: annotation blocks, banner-only and empty blocks give undefined', () => {
  assert.equal(plainDoc(block(1, '# Gadget notes.', '# .. setting_name: GADGET_X')), undefined);
  assert.equal(plainDoc(block(1, '##########', '# ==== GADGETS ====', '#', '# pylint: disable=invalid-name')), undefined);
  assert.equal(plainDoc([]), undefined);
  assert.equal(plainDoc(undefined), undefined);
});

test('annotationDoc: a setting block and a toggle block become Documentation', () => {
  const [setting, toggle] = parseAnnotationBlocks(
    block(
      3,
      '# .. setting_name: GADGET_SHELF_SIZE',
      '# .. setting_default: 8',
      '# .. setting_description: Gadgets per shelf.',
      '# .. toggle_name: settings.ENABLE_GADGET_DUST',
      '# .. toggle_implementation: DjangoSetting',
      '# .. toggle_default: False',
      '# .. toggle_use_cases: open_edx',
      '# .. toggle_creation_date: 2031-09-10',
    ),
  );
  assert.ok(setting !== undefined && toggle !== undefined);
  const settingDoc = annotationDoc(setting);
  assert.deepStrictEqual(settingDoc, {
    source: 'annotation',
    description: 'Gadgets per shelf.',
    annotationKind: 'setting',
    fields: { name: 'GADGET_SHELF_SIZE', default: '8', description: 'Gadgets per shelf.' },
    line: 3,
  } satisfies Documentation);
  // The Documentation owns its fields: editing them leaves the block alone.
  assert.notEqual(settingDoc.fields, setting.fields);
  // A toggle without a description still gets one: empty.
  assert.deepStrictEqual(annotationDoc(toggle), {
    source: 'annotation',
    description: '',
    annotationKind: 'toggle',
    fields: {
      name: 'settings.ENABLE_GADGET_DUST',
      implementation: 'DjangoSetting',
      default: 'False',
      use_cases: 'open_edx',
      creation_date: '2031-09-10',
    },
    line: 6,
  } satisfies Documentation);
});

test('chooseDocumentation: annotation, then #:, then the plain comment above', () => {
  const above = block(1, '# Plain words about gadgets.', '#: The OEP-45 words.');
  const [annotation] = parseAnnotationBlocks(block(1, '# .. setting_name: GADGET_Y', '# .. setting_description: Annotated.'));
  assert.ok(annotation !== undefined);
  assert.deepStrictEqual(chooseDocumentation({ annotation, blockAbove: above }), {
    source: 'annotation',
    description: 'Annotated.',
    annotationKind: 'setting',
    fields: { name: 'GADGET_Y', description: 'Annotated.' },
    line: 1,
  } satisfies Documentation);
  assert.deepStrictEqual(chooseDocumentation({ blockAbove: above, trailing: trailing(3, '#: Trailing words.') }), {
    source: 'oep45',
    description: 'Trailing words.',
    fields: {},
    line: 3,
  } satisfies Documentation);
  assert.deepStrictEqual(chooseDocumentation({ blockAbove: above }), {
    source: 'oep45',
    description: 'The OEP-45 words.',
    fields: {},
    line: 2,
  } satisfies Documentation);
  assert.deepStrictEqual(chooseDocumentation({ blockAbove: block(1, '# Plain words about gadgets.'), trailing: trailing(2, '# noqa') }), {
    source: 'comment',
    description: 'Plain words about gadgets.',
    fields: {},
    line: 1,
  } satisfies Documentation);
  // An annotation block above that was not matched to this assignment is not its documentation.
  assert.equal(chooseDocumentation({ blockAbove: block(1, '# .. setting_name: OTHER') }), undefined);
  assert.equal(chooseDocumentation({}), undefined);
});

test('garbage never throws', () => {
  const long = `# ${'='.repeat(500_000)} x ${'-'.repeat(500_000)}`;
  const blocks: CommentLine[][] = [
    block(1, '#'),
    block(1, '#:'),
    block(1, '#\u0000\u0001\uFFFD\uD800'),
    block(1, long),
    block(1, `#: ${'y'.repeat(1_000_000)}`),
    [{ line: Number.NaN, column: -1, text: '', trailing: false }],
    [{ line: 1, column: 0, text: 'no hash at all', trailing: false }],
  ];
  for (const b of blocks) {
    assert.doesNotThrow(() => oep45Doc(b, b[0]));
    assert.doesNotThrow(() => plainDoc(b));
    assert.doesNotThrow(() => chooseDocumentation({ blockAbove: b, trailing: b[0] }));
  }
  assert.equal(plainDoc(blocks[0]), undefined);
  assert.deepStrictEqual(plainDoc(blocks[2]), { text: '\u0000\u0001\uFFFD\uD800', line: 1 });
  assert.equal(plainDoc(blocks[3]), undefined);
  assert.deepStrictEqual(plainDoc(blocks[6]), { text: 'no hash at all', line: 1 });
});

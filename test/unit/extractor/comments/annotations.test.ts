import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommentLine } from '../../../../server/src/extractor/comments/commentLines';
import {
  documentsSetting,
  parseAnnotationBlocks,
  type AnnotationBlock,
  type AnnotationToken,
} from '../../../../server/src/extractor/comments/annotations';

/** A comment block whose first line is `first`; each string is a source line holding one own-line comment. */
function block(first: number, ...lines: string[]): CommentLine[] {
  return lines.map((raw, i) => {
    const column = raw.indexOf('#');
    return { line: first + i, column, text: raw.slice(column), trailing: false };
  });
}

const tok = (token: string, value: string, line: number, column = 2): AnnotationToken => ({ token, value, line, column });

/** A comment block and the annotation blocks parsed from it, exactly. */
interface Case {
  name: string;
  input: CommentLine[];
  expected: AnnotationBlock[];
}

const GIZMO_NAME = "GIZMO_BUS_CONFIG['org.example.gizmo.created.v1']\n['topic']['enabled']";
const NOTE_LIMIT_DESCRIPTION = [
  'Upper bound on notes per gadget.',
  'Older gadgets ignore this limit.',
  'See the gadget guide:',
  'https://gadgets.example.com/guide',
  'note:: kept as text too.',
].join('\n');
const MOTTO_DESCRIPTION = 'First paragraph\nof the motto description.\n\nSecond paragraph.';

const CASES: Case[] = [
  {
    name: 'a regular setting block: tokens, fields, continuation joined, no notes',
    input: block(
      10,
      '# .. setting_name: WIDGET_CACHE_SECONDS',
      '# .. setting_default: 300',
      '# .. setting_description: How long rendered widgets stay cached, in seconds.',
      '#   Zero turns the cache off.',
      '# .. setting_warning: Long times delay widget edits.',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'WIDGET_CACHE_SECONDS',
        rawName: 'WIDGET_CACHE_SECONDS',
        subscript: [],
        tokens: [
          tok('setting_name', 'WIDGET_CACHE_SECONDS', 10),
          tok('setting_default', '300', 11),
          tok('setting_description', 'How long rendered widgets stay cached, in seconds.\nZero turns the cache off.', 12),
          tok('setting_warning', 'Long times delay widget edits.', 14),
        ],
        fields: {
          name: 'WIDGET_CACHE_SECONDS',
          default: '300',
          description: 'How long rendered widgets stay cached, in seconds.\nZero turns the cache off.',
          warning: 'Long times delay widget edits.',
        },
        startLine: 10,
        endLine: 14,
        notes: [],
      },
    ],
  },
  {
    name: 'plain text before the first block is skipped; one comment block holds several annotation blocks',
    input: block(
      1,
      '# Gadget settings. This paragraph is plain text,',
      '# and .. dots inside it mean nothing.',
      '# .. setting_name: GADGET_COLOUR',
      "# .. setting_default: 'teal'",
      '# .. setting_description: Colour of every gadget.',
      '# .. toggle_name: ENABLE_GADGET_SPIN',
      '# .. toggle_implementation: DjangoSetting',
      '# .. toggle_default: False',
      '# .. toggle_description: Makes gadgets spin.',
      '# .. toggle_use_cases: open_edx',
      '# .. toggle_creation_date: 2031-02-03',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GADGET_COLOUR',
        rawName: 'GADGET_COLOUR',
        subscript: [],
        tokens: [
          tok('setting_name', 'GADGET_COLOUR', 3),
          tok('setting_default', "'teal'", 4),
          tok('setting_description', 'Colour of every gadget.', 5),
        ],
        fields: { name: 'GADGET_COLOUR', default: "'teal'", description: 'Colour of every gadget.' },
        startLine: 3,
        endLine: 5,
        notes: [],
      },
      {
        kind: 'toggle',
        name: 'ENABLE_GADGET_SPIN',
        rawName: 'ENABLE_GADGET_SPIN',
        subscript: [],
        tokens: [
          tok('toggle_name', 'ENABLE_GADGET_SPIN', 6),
          tok('toggle_implementation', 'DjangoSetting', 7),
          tok('toggle_default', 'False', 8),
          tok('toggle_description', 'Makes gadgets spin.', 9),
          tok('toggle_use_cases', 'open_edx', 10),
          tok('toggle_creation_date', '2031-02-03', 11),
        ],
        fields: {
          name: 'ENABLE_GADGET_SPIN',
          implementation: 'DjangoSetting',
          default: 'False',
          description: 'Makes gadgets spin.',
          use_cases: 'open_edx',
          creation_date: '2031-02-03',
        },
        startLine: 6,
        endLine: 11,
        notes: [],
      },
    ],
  },
  {
    name: 'a settings. prefix is stripped from the name and noted at the name',
    input: block(
      20,
      '# .. toggle_name: settings.ENABLE_PONY_MODE',
      '# .. toggle_implementation: SettingToggle',
      '# .. toggle_default: False',
      '# .. toggle_description: Replaces every avatar with a pony.',
      '# .. toggle_use_cases: opt_in, temporary',
      '# .. toggle_creation_date: 2031-07-08',
      '# .. toggle_target_removal_date: 2032-01-01',
    ),
    expected: [
      {
        kind: 'toggle',
        name: 'ENABLE_PONY_MODE',
        rawName: 'settings.ENABLE_PONY_MODE',
        subscript: [],
        tokens: [
          tok('toggle_name', 'settings.ENABLE_PONY_MODE', 20),
          tok('toggle_implementation', 'SettingToggle', 21),
          tok('toggle_default', 'False', 22),
          tok('toggle_description', 'Replaces every avatar with a pony.', 23),
          tok('toggle_use_cases', 'opt_in, temporary', 24),
          tok('toggle_creation_date', '2031-07-08', 25),
          tok('toggle_target_removal_date', '2032-01-01', 26),
        ],
        fields: {
          name: 'settings.ENABLE_PONY_MODE',
          implementation: 'SettingToggle',
          default: 'False',
          description: 'Replaces every avatar with a pony.',
          use_cases: 'opt_in, temporary',
          creation_date: '2031-07-08',
          target_removal_date: '2032-01-01',
        },
        startLine: 20,
        endLine: 26,
        notes: [{ message: "name has a 'settings.' prefix", line: 20, column: 18 }],
      },
    ],
  },
  {
    name: 'subscript names: keys in any quoting, inside an indented dict',
    input: block(
      5,
      "    # .. setting_name: settings.GADGET_FLAGS['shiny']",
      '    # .. setting_default: True',
      '    # .. setting_description: Whether gadgets shine.',
      '    # .. setting_name: GADGET_TABLE[ "rows" ] [3]',
      '    # .. setting_default: 0',
      '    # .. setting_description: Rows of the third table.',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GADGET_FLAGS',
        rawName: "settings.GADGET_FLAGS['shiny']",
        subscript: ['shiny'],
        tokens: [
          tok('setting_name', "settings.GADGET_FLAGS['shiny']", 5, 6),
          tok('setting_default', 'True', 6, 6),
          tok('setting_description', 'Whether gadgets shine.', 7, 6),
        ],
        fields: { name: "settings.GADGET_FLAGS['shiny']", default: 'True', description: 'Whether gadgets shine.' },
        startLine: 5,
        endLine: 7,
        notes: [{ message: "name has a 'settings.' prefix", line: 5, column: 23 }],
      },
      {
        kind: 'setting',
        name: 'GADGET_TABLE',
        rawName: 'GADGET_TABLE[ "rows" ] [3]',
        subscript: ['rows', '3'],
        tokens: [
          tok('setting_name', 'GADGET_TABLE[ "rows" ] [3]', 8, 6),
          tok('setting_default', '0', 9, 6),
          tok('setting_description', 'Rows of the third table.', 10, 6),
        ],
        fields: { name: 'GADGET_TABLE[ "rows" ] [3]', default: '0', description: 'Rows of the third table.' },
        startLine: 8,
        endLine: 10,
        notes: [],
      },
    ],
  },
  {
    name: 'a subscript name continued on the next comment line is joined and noted',
    input: block(
      30,
      "# .. setting_name: GIZMO_BUS_CONFIG['org.example.gizmo.created.v1']",
      "#    ['topic']['enabled']",
      '# .. setting_default: True',
      '# .. setting_description: Whether the gizmo-created event is sent.',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GIZMO_BUS_CONFIG',
        rawName: "GIZMO_BUS_CONFIG['org.example.gizmo.created.v1']['topic']['enabled']",
        subscript: ['org.example.gizmo.created.v1', 'topic', 'enabled'],
        tokens: [
          tok('setting_name', GIZMO_NAME, 30),
          tok('setting_default', 'True', 32),
          tok('setting_description', 'Whether the gizmo-created event is sent.', 33),
        ],
        fields: { name: GIZMO_NAME, default: 'True', description: 'Whether the gizmo-created event is sent.' },
        startLine: 30,
        endLine: 33,
        notes: [{ message: 'name continues over several comment lines', line: 30, column: 19 }],
      },
    ],
  },
  {
    name: '`# .. text` lines continue the value, with a note each; `.. url` and `.. note::` are not tokens',
    input: block(
      1,
      '# .. setting_name: GADGET_NOTE_LIMIT',
      '# .. setting_default: 12',
      '# .. setting_description: Upper bound on notes per gadget.',
      '# .. Older gadgets ignore this limit.',
      '#    See the gadget guide:',
      '# .. https://gadgets.example.com/guide',
      '# .. note:: kept as text too.',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GADGET_NOTE_LIMIT',
        rawName: 'GADGET_NOTE_LIMIT',
        subscript: [],
        tokens: [tok('setting_name', 'GADGET_NOTE_LIMIT', 1), tok('setting_default', '12', 2), tok('setting_description', NOTE_LIMIT_DESCRIPTION, 3)],
        fields: { name: 'GADGET_NOTE_LIMIT', default: '12', description: NOTE_LIMIT_DESCRIPTION },
        startLine: 1,
        endLine: 7,
        notes: [
          { message: "continuation line written as '.. text'", line: 4, column: 2 },
          { message: "continuation line written as '.. text'", line: 6, column: 2 },
          { message: "continuation line written as '.. text'", line: 7, column: 2 },
        ],
      },
    ],
  },
  {
    name: 'multi-line literal defaults keep their layout, even when the closing line is not indented',
    input: block(
      1,
      '# .. setting_name: GADGET_LIMITS',
      '# .. setting_default: {',
      "#       'small': [1, 2],",
      "#       'large': {'max': 9},",
      '#   }',
      '# .. setting_description: Limits by gadget size.',
      '# .. setting_name: GADGET_ALIASES',
      '# .. setting_default: [',
      "#     'cog',  # a ']' in a string does not close it",
      '# ]',
      '# .. setting_description: Other names for gadgets.',
      '# .. setting_name: GADGET_PAIR',
      '# .. setting_default:',
      '#   (',
      "#     'left',",
      '# )',
      '# .. setting_description: Starts on the line after its token.',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GADGET_LIMITS',
        rawName: 'GADGET_LIMITS',
        subscript: [],
        tokens: [
          tok('setting_name', 'GADGET_LIMITS', 1),
          tok('setting_default', "{\n    'small': [1, 2],\n    'large': {'max': 9},\n}", 2),
          tok('setting_description', 'Limits by gadget size.', 6),
        ],
        fields: {
          name: 'GADGET_LIMITS',
          default: "{\n    'small': [1, 2],\n    'large': {'max': 9},\n}",
          description: 'Limits by gadget size.',
        },
        startLine: 1,
        endLine: 6,
        notes: [],
      },
      {
        kind: 'setting',
        name: 'GADGET_ALIASES',
        rawName: 'GADGET_ALIASES',
        subscript: [],
        tokens: [
          tok('setting_name', 'GADGET_ALIASES', 7),
          tok('setting_default', "[\n    'cog',  # a ']' in a string does not close it\n]", 8),
          tok('setting_description', 'Other names for gadgets.', 11),
        ],
        fields: {
          name: 'GADGET_ALIASES',
          default: "[\n    'cog',  # a ']' in a string does not close it\n]",
          description: 'Other names for gadgets.',
        },
        startLine: 7,
        endLine: 11,
        notes: [{ message: 'literal continues on a line that is not indented', line: 10, column: 2 }],
      },
      {
        kind: 'setting',
        name: 'GADGET_PAIR',
        rawName: 'GADGET_PAIR',
        subscript: [],
        tokens: [
          tok('setting_name', 'GADGET_PAIR', 12),
          tok('setting_default', "(\n    'left',\n)", 13),
          tok('setting_description', 'Starts on the line after its token.', 17),
        ],
        fields: {
          name: 'GADGET_PAIR',
          default: "(\n    'left',\n)",
          description: 'Starts on the line after its token.',
        },
        startLine: 12,
        endLine: 17,
        notes: [{ message: 'literal continues on a line that is not indented', line: 16, column: 2 }],
      },
    ],
  },
  {
    name: 'empty values are kept and noted; free-text values are kept as written',
    input: block(
      1,
      '# .. setting_name: GADGET_REFRESH',
      '# .. setting_default: every 6 months',
      '# .. setting_description:',
      '# .. setting_warning:   ',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GADGET_REFRESH',
        rawName: 'GADGET_REFRESH',
        subscript: [],
        tokens: [
          tok('setting_name', 'GADGET_REFRESH', 1),
          tok('setting_default', 'every 6 months', 2),
          tok('setting_description', '', 3),
          tok('setting_warning', '', 4),
        ],
        fields: { name: 'GADGET_REFRESH', default: 'every 6 months', description: '', warning: '' },
        startLine: 1,
        endLine: 4,
        notes: [
          { message: "empty value for token 'setting_description'", line: 3, column: 2 },
          { message: "empty value for token 'setting_warning'", line: 4, column: 2 },
        ],
      },
    ],
  },
  {
    name: 'unknown and duplicate tokens are kept and noted; the first duplicate wins in fields',
    input: block(
      1,
      '# .. toggle_name: ENABLE_GADGET_GLOW',
      '# .. toggle_implementation: DjangoSetting',
      '# .. toggle_default: True',
      '# .. toggle_description: Gadgets glow.',
      '# .. toggle_use_cases: opt_out',
      '# .. toggle_creation_date: 2031-05-06',
      '# .. toggle_colour: amber',
      '# .. setting_warning: mixes the two kinds',
      '# .. toggle_default: False',
    ),
    expected: [
      {
        kind: 'toggle',
        name: 'ENABLE_GADGET_GLOW',
        rawName: 'ENABLE_GADGET_GLOW',
        subscript: [],
        tokens: [
          tok('toggle_name', 'ENABLE_GADGET_GLOW', 1),
          tok('toggle_implementation', 'DjangoSetting', 2),
          tok('toggle_default', 'True', 3),
          tok('toggle_description', 'Gadgets glow.', 4),
          tok('toggle_use_cases', 'opt_out', 5),
          tok('toggle_creation_date', '2031-05-06', 6),
          tok('toggle_colour', 'amber', 7),
          tok('setting_warning', 'mixes the two kinds', 8),
          tok('toggle_default', 'False', 9),
        ],
        fields: {
          name: 'ENABLE_GADGET_GLOW',
          implementation: 'DjangoSetting',
          default: 'True',
          description: 'Gadgets glow.',
          use_cases: 'opt_out',
          creation_date: '2031-05-06',
          colour: 'amber',
          warning: 'mixes the two kinds',
        },
        startLine: 1,
        endLine: 9,
        notes: [
          { message: "unknown token 'toggle_colour' in a toggle annotation", line: 7, column: 2 },
          { message: "unknown token 'setting_warning' in a toggle annotation", line: 8, column: 2 },
          { message: "duplicate token 'toggle_default'; the first value is kept", line: 9, column: 2 },
        ],
      },
    ],
  },
  {
    name: 'missing required tokens are noted, including a block that lacks its name token',
    input: block(
      1,
      '# .. setting_default: 5',
      '# .. setting_description: Nobody named this one.',
      '# .. toggle_name: ENABLE_GADGET_SOUND',
      '# .. toggle_default: False',
    ),
    expected: [
      {
        kind: 'setting',
        name: '',
        rawName: '',
        subscript: [],
        tokens: [tok('setting_default', '5', 1), tok('setting_description', 'Nobody named this one.', 2)],
        fields: { default: '5', description: 'Nobody named this one.' },
        startLine: 1,
        endLine: 2,
        notes: [{ message: "missing required token 'setting_name'", line: 1, column: 2 }],
      },
      {
        kind: 'toggle',
        name: 'ENABLE_GADGET_SOUND',
        rawName: 'ENABLE_GADGET_SOUND',
        subscript: [],
        tokens: [tok('toggle_name', 'ENABLE_GADGET_SOUND', 3), tok('toggle_default', 'False', 4)],
        fields: { name: 'ENABLE_GADGET_SOUND', default: 'False' },
        startLine: 3,
        endLine: 4,
        notes: [
          { message: "missing required token 'toggle_implementation'", line: 3, column: 2 },
          { message: "missing required token 'toggle_description'", line: 3, column: 2 },
          { message: "missing required token 'toggle_use_cases'", line: 3, column: 2 },
          { message: "missing required token 'toggle_creation_date'", line: 3, column: 2 },
        ],
      },
    ],
  },
  {
    name: 'paragraphs survive blank comment lines; unindented text after a block is noted, not absorbed',
    input: block(
      1,
      '# .. setting_name: GADGET_MOTTO',
      "# .. setting_default: 'Gadgets!'",
      '# .. setting_description: First paragraph',
      '#   of the motto description.',
      '#',
      '#   Second paragraph.',
      '#',
      '# Remember the sprockets.',
    ),
    expected: [
      {
        kind: 'setting',
        name: 'GADGET_MOTTO',
        rawName: 'GADGET_MOTTO',
        subscript: [],
        tokens: [tok('setting_name', 'GADGET_MOTTO', 1), tok('setting_default', "'Gadgets!'", 2), tok('setting_description', MOTTO_DESCRIPTION, 3)],
        fields: { name: 'GADGET_MOTTO', default: "'Gadgets!'", description: MOTTO_DESCRIPTION },
        startLine: 1,
        endLine: 6,
        notes: [{ message: 'comment text outside any token value is ignored', line: 8, column: 2 }],
      },
    ],
  },
  {
    name: 'a comment block with no annotation tokens yields no blocks',
    input: block(1, '# Just prose.', '# .. seealso: other gadgets', '# .. https://example.com', '# .. note:: none'),
    expected: [],
  },
  {
    name: 'an empty comment block yields no blocks',
    input: [],
    expected: [],
  },
];

for (const { name, input, expected } of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseAnnotationBlocks(input), expected);
  });
}

test('only setting-like names must be identifiers: waffle flag names are not noted', () => {
  const [flag, setting] = parseAnnotationBlocks(
    block(
      1,
      '# .. toggle_name: gadgets.new_dial',
      '# .. toggle_implementation: WaffleFlag',
      '# .. setting_name: gadgets.new_dial',
      "# .. setting_name: GADGET_MAP['unclosed'",
    ),
  );
  assert.deepStrictEqual(
    { name: flag?.name, subscript: flag?.subscript, notes: flag?.notes.map((n) => n.message) },
    {
      name: 'gadgets.new_dial',
      subscript: [],
      notes: [
        "missing required token 'toggle_default'",
        "missing required token 'toggle_description'",
        "missing required token 'toggle_use_cases'",
        "missing required token 'toggle_creation_date'",
      ],
    },
  );
  assert.deepStrictEqual(setting?.notes.at(-1), {
    message: "name 'gadgets.new_dial' is not a setting name or subscript",
    line: 3,
    column: 19,
  });
  const unclosed = parseAnnotationBlocks(block(4, "# .. setting_name: GADGET_MAP['unclosed'"))[0];
  assert.deepStrictEqual(
    { name: unclosed?.name, subscript: unclosed?.subscript, last: unclosed?.notes.at(-1) },
    {
      name: 'GADGET_MAP',
      subscript: [],
      last: { message: "name 'GADGET_MAP['unclosed'' is not a setting name or subscript", line: 4, column: 19 },
    },
  );
});

test('documentsSetting: settings always; toggles only when implemented as a Django setting', () => {
  const toggle = (implementation: string | undefined): boolean => {
    const lines = ['# .. toggle_name: ENABLE_GADGET_X'];
    if (implementation !== undefined) lines.push(`# .. toggle_implementation: ${implementation}`);
    const parsed = parseAnnotationBlocks(block(1, ...lines))[0];
    assert.ok(parsed !== undefined);
    return documentsSetting(parsed);
  };
  assert.deepStrictEqual(
    {
      DjangoSetting: toggle('DjangoSetting'),
      SettingToggle: toggle('SettingToggle'),
      absent: toggle(undefined),
      empty: toggle(''),
      lowercase: toggle('djangosetting'),
      WaffleFlag: toggle('WaffleFlag'),
      CourseWaffleFlag: toggle('CourseWaffleFlag'),
      WaffleSwitch: toggle('WaffleSwitch'),
      SettingDictToggle: toggle('SettingDictToggle'),
      ConfigurationModel: toggle('ConfigurationModel'),
    },
    {
      DjangoSetting: true,
      SettingToggle: true,
      absent: true,
      empty: true,
      lowercase: true,
      WaffleFlag: false,
      CourseWaffleFlag: false,
      WaffleSwitch: false,
      SettingDictToggle: false,
      ConfigurationModel: false,
    },
  );
  const setting = parseAnnotationBlocks(block(1, '# .. setting_name: GADGET_X', '# .. setting_implementation: WaffleFlag'))[0];
  assert.ok(setting !== undefined);
  assert.equal(documentsSetting(setting), true);
});

test('garbage never throws and still gives best-effort blocks', () => {
  const long = 'A'.repeat(1_000_000);
  const garbage: CommentLine[][] = [
    block(1, '#'),
    block(1, '#\u0000\u0001\u0002\uFFFD\uD800 .. :'),
    block(1, `# ${'.. '.repeat(100_000)}`),
    block(1, `# .. setting_name: ${long}`, `#   ${'['.repeat(100_000)}`, '# ]]]'),
    block(1, '# .. setting_default: [', ...Array.from({ length: 5000 }, () => '# ((((')),
    block(1, '# .. toggle_name: X', ...Array.from({ length: 5000 }, () => '# .. toggle_default: y')),
    [{ line: Number.NaN, column: Number.POSITIVE_INFINITY, text: '.. setting_name: NO_HASH', trailing: true }],
    [{ line: -1, column: -1, text: '', trailing: false }],
  ];
  for (const comments of garbage) assert.doesNotThrow(() => parseAnnotationBlocks(comments));

  assert.deepStrictEqual(parseAnnotationBlocks(garbage[0] ?? []), []);
  assert.deepStrictEqual(parseAnnotationBlocks(garbage[1] ?? []), []);
  const longName = parseAnnotationBlocks(garbage[3] ?? [])[0];
  assert.deepStrictEqual(
    { name: longName?.name.length, subscript: longName?.subscript, endLine: longName?.endLine },
    { name: 1_000_000, subscript: [], endLine: 2 },
  );
  const noHash = parseAnnotationBlocks(garbage[6] ?? [])[0];
  assert.deepStrictEqual({ name: noHash?.name, column: noHash?.tokens[0]?.column }, { name: 'NO_HASH', column: Number.POSITIVE_INFINITY });
  const duplicates = parseAnnotationBlocks(garbage[5] ?? [])[0];
  assert.deepStrictEqual({ tokens: duplicates?.tokens.length, default: duplicates?.fields.default }, { tokens: 5001, default: 'y' });
});

/**
 * code-annotations blocks (`# .. setting_name: X`, `# .. toggle_name: X`, …) read from
 * comment lines. The grammar is the one code-annotations applies, widened to accept the
 * irregular blocks found in real settings files: every irregularity becomes a note.
 */
import { commentBody, type CommentLine } from './commentLines';

/** One `.. token: value` of an annotation block. */
export interface AnnotationToken {
  /** The token as written, e.g. `setting_name`, `toggle_default`. */
  token: string;
  /**
   * The value, trimmed. Continuation lines are joined by `\n` with the `#` and their common
   * indentation removed, so paragraphs and the layout of multi-line literals survive.
   */
  value: string;
  /** 1-based line of the token. */
  line: number;
  /** 0-based column of the token's `..`. */
  column: number;
}

/** An irregularity noticed while parsing an annotation block. */
export interface AnnotationNote {
  message: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

/** One annotation block: the tokens from a `.. setting_name:`/`.. toggle_name:` up to the next one. */
export interface AnnotationBlock {
  kind: 'setting' | 'toggle';
  /** Top-level setting name, normalised: `settings.` prefix stripped, subscripts removed. `''` when the block has no name. */
  name: string;
  /** The name exactly as written, its continuation lines joined without separator. */
  rawName: string;
  /** Keys for subscript names: `FEATURES['X']` → `['X']`; `[]` otherwise. */
  subscript: string[];
  /** Every token of the block in source order, unknown ones included as written. */
  tokens: AnnotationToken[];
  /** Token (without its `setting_`/`toggle_` prefix) → value. The first of duplicate tokens wins. */
  fields: Record<string, string>;
  /** 1-based line of the block's first token. */
  startLine: number;
  /** 1-based line of the block's last token or continuation line. */
  endLine: number;
  /** Irregularities, sorted by position. Reported, never dropped. */
  notes: AnnotationNote[];
}

const KNOWN_TOKENS: Record<AnnotationBlock['kind'], ReadonlySet<string>> = {
  setting: new Set([
    'setting_name', 'setting_default', 'setting_description', 'setting_warning',
    // Not in code-annotations' configuration, but used in real settings files.
    'setting_use_cases', 'setting_creation_date', 'setting_tickets', 'setting_implementation',
  ]),
  toggle: new Set([
    'toggle_name', 'toggle_implementation', 'toggle_default', 'toggle_description', 'toggle_use_cases',
    'toggle_creation_date', 'toggle_warning', 'toggle_tickets', 'toggle_target_removal_date', 'toggle_removal_ticket',
  ]),
};

const REQUIRED_TOKENS: Record<AnnotationBlock['kind'], readonly string[]> = {
  setting: ['setting_name', 'setting_default', 'setting_description'],
  toggle: [
    'toggle_name', 'toggle_implementation', 'toggle_default',
    'toggle_description', 'toggle_use_cases', 'toggle_creation_date',
  ],
};

/** Toggle implementations that are plain Django settings (the others are waffle flags, models, …). */
const SETTING_IMPLEMENTATIONS: ReadonlySet<string> = new Set(['djangosetting', 'settingtoggle']);

/** `.. token: value`. The colon must end the word, so `.. http://…` and `.. note::` stay text. */
const TOKEN_LINE = /^([ \t]*)\.\.[ \t]+([A-Za-z_]\w*):(?=\s|$)(.*)$/s;
/** A line written `.. text` that is not a token: real files use it to continue a value. */
const DOTS_LINE = /^([ \t]*)\.\.(?=\s|$)\s*(.*)$/s;
/** A value that opens a Python literal or call, whose closing lines are often not indented. */
const LITERAL_START = /^(?:[[{(]|[A-Za-z_][\w.]*\()/;

/** Whether a comment body (the text after `#`) is an annotation token line. */
export function isAnnotationTokenLine(body: string): boolean {
  return TOKEN_LINE.test(body);
}

/** A value line after the token line; `indent` is undefined when it must not be dedented. */
interface ValueLine {
  indent: number | undefined;
  text: string;
}

/** A token whose value may still continue on the following lines. */
interface OpenToken {
  token: AnnotationToken;
  valueColumn: number;
  lines: ValueLine[];
  pendingBlanks: number;
  /** Bracket depth of a value that started as a literal; undefined for other values. */
  depth: number | undefined;
}

interface OpenBlock {
  kind: AnnotationBlock['kind'];
  tokens: AnnotationToken[];
  valueColumns: Map<AnnotationToken, number>;
  /** Token names already in the block, to spot duplicates without rescanning. */
  seen: Set<string>;
  endLine: number;
  notes: AnnotationNote[];
}

/**
 * Parses every annotation block in a comment block. One comment block can hold several
 * annotation blocks (each starts at a `.. setting_name:`/`.. toggle_name:` token) and plain
 * text before them. Never throws: malformed input yields best-effort blocks with notes.
 */
export function parseAnnotationBlocks(block: CommentLine[]): AnnotationBlock[] {
  const blocks: AnnotationBlock[] = [];
  let current: OpenBlock | undefined;
  let open: OpenToken | undefined;

  const closeToken = (): void => {
    if (open === undefined || current === undefined) return;
    open.token.value = joinValue(open.lines);
    if (open.token.value === '') note(current, `empty value for token '${open.token.token}'`, open.token);
    open = undefined;
  };
  const closeBlock = (): void => {
    closeToken();
    if (current !== undefined) blocks.push(finishBlock(current));
    current = undefined;
  };

  for (const comment of block) {
    const body = commentBody(comment);
    const token = TOKEN_LINE.exec(body.text);
    if (token !== null) {
      const [, indent = '', name = '', rest = ''] = token;
      const kind = name.startsWith('setting_') ? 'setting' : name.startsWith('toggle_') ? 'toggle' : undefined;
      // A name token starts a block; so does a prefixed token with no block open, so that a
      // block missing its name is still reported instead of read as plain text.
      if (kind !== undefined && (name === `${kind}_name` || current === undefined)) {
        closeBlock();
        current = { kind, tokens: [], valueColumns: new Map(), seen: new Set(), endLine: comment.line, notes: [] };
      }
      if (current === undefined) continue; // `.. word:` in plain text before any block
      closeToken();
      // Where the value's text starts, for notes about the name.
      const valueColumn = body.column + body.text.length - rest.length + leadingWhitespace(rest);
      open = addToken(current, comment, body.column + indent.length, valueColumn, name, rest);
      continue;
    }
    const trimmed = body.text.trim();
    if (current === undefined) continue;
    if (trimmed === '') {
      // A blank comment line ends the value unless an indented continuation follows it.
      if (open !== undefined) open.pendingBlanks++;
      continue;
    }
    if (open !== undefined && continueValue(current, open, comment, body.text, body.column)) continue;
    closeToken();
    note(current, 'comment text outside any token value is ignored', {
      line: comment.line,
      column: body.column + leadingWhitespace(body.text),
    });
  }
  closeBlock();
  return blocks;
}

/** Whether a toggle documents a Django setting (implementation DjangoSetting or SettingToggle, or absent) rather than a waffle flag etc. */
export function documentsSetting(block: AnnotationBlock): boolean {
  if (block.kind === 'setting') return true;
  const implementation = block.fields.implementation?.trim() ?? '';
  if (implementation === '') return true;
  return implementation.split(/\W+/).some((word) => SETTING_IMPLEMENTATIONS.has(word.toLowerCase()));
}

function addToken(block: OpenBlock, comment: CommentLine, column: number, valueColumn: number, name: string, rest: string): OpenToken {
  const token: AnnotationToken = { token: name, value: '', line: comment.line, column };
  const first = rest.trim();
  if (!KNOWN_TOKENS[block.kind].has(name)) note(block, `unknown token '${name}' in a ${block.kind} annotation`, token);
  if (block.seen.has(name)) note(block, `duplicate token '${name}'; the first value is kept`, token);
  block.seen.add(name);
  block.tokens.push(token);
  block.valueColumns.set(token, valueColumn);
  block.endLine = comment.line;
  return {
    token,
    valueColumn,
    lines: [{ indent: undefined, text: first }],
    pendingBlanks: 0,
    depth: LITERAL_START.test(first) ? bracketDepth(first, 0) : undefined,
  };
}

/** Appends the line to the open token's value if it continues it; says whether it did. */
function continueValue(block: OpenBlock, open: OpenToken, comment: CommentLine, body: string, bodyColumn: number): boolean {
  const indent = leadingWhitespace(body);
  const position = { line: comment.line, column: bodyColumn + indent };
  const dots = DOTS_LINE.exec(body);
  let line: ValueLine;
  if (dots !== null) {
    note(block, "continuation line written as '.. text'", position);
    line = { indent: undefined, text: (dots[2] ?? '').trimEnd() };
  } else if (bodyColumn + indent >= open.token.column + 2) {
    line = { indent, text: body.trim() };
  } else if (open.depth !== undefined && open.depth > 0) {
    note(block, 'literal continues on a line that is not indented', position);
    line = { indent, text: body.trim() };
  } else {
    return false;
  }
  // A value may start on the line after its token (`.. setting_default:` then `#   {`).
  const startsValue = open.lines.every((l) => l.text === '');
  for (; open.pendingBlanks > 0; open.pendingBlanks--) open.lines.push({ indent: undefined, text: '' });
  open.lines.push(line);
  if (startsValue) open.depth = LITERAL_START.test(line.text) ? bracketDepth(line.text, 0) : undefined;
  else if (open.depth !== undefined) open.depth = bracketDepth(line.text, open.depth);
  block.endLine = comment.line;
  return true;
}

/** Joins value lines, removing the continuation lines' common indentation and the outer whitespace. */
function joinValue(lines: ValueLine[]): string {
  // A loop, not Math.min(...list): a huge garbage block must not overflow the call stack.
  let common = Infinity;
  for (const l of lines) if (l.indent !== undefined && l.text !== '') common = Math.min(common, l.indent);
  if (common === Infinity) common = 0;
  const texts = lines.map((l) => (l.indent === undefined ? l.text : ' '.repeat(l.indent - common) + l.text));
  // Outer blank lines and the indentation of a value that starts on the line after its token go.
  return texts.join('\n').trim();
}

/** Bracket depth after `text`, skipping quoted strings (which end at the line's end at the latest). */
function bracketDepth(text: string, depth: number): number {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{' || ch === '(') depth++;
    else if (ch === ']' || ch === '}' || ch === ')') depth = Math.max(0, depth - 1);
  }
  return depth;
}

function finishBlock(open: OpenBlock): AnnotationBlock {
  const fields: Record<string, string> = {};
  for (const t of open.tokens) {
    const key = t.token.replace(/^(?:setting|toggle)_/, '');
    if (!Object.hasOwn(fields, key)) fields[key] = t.value;
  }
  const start = open.tokens[0];
  const startLine = start?.line ?? 0;
  const block: AnnotationBlock = {
    kind: open.kind,
    name: '',
    rawName: '',
    subscript: [],
    tokens: open.tokens,
    fields,
    startLine,
    endLine: open.endLine,
    notes: open.notes,
  };
  const nameToken = open.tokens.find((t) => t.token === `${open.kind}_name`);
  if (nameToken !== undefined) readName(block, nameToken, open.valueColumns.get(nameToken) ?? nameToken.column);
  for (const required of REQUIRED_TOKENS[open.kind]) {
    if (!open.seen.has(required)) {
      note(block, `missing required token '${required}'`, { line: startLine, column: start?.column ?? 0 });
    }
  }
  // Stable sort: notes at one position keep the order they were found in.
  block.notes.sort((a, b) => a.line - b.line || a.column - b.column);
  return block;
}

/** Fills `name`, `rawName` and `subscript` from the name token, noting irregular names. */
function readName(block: AnnotationBlock, token: AnnotationToken, valueColumn: number): void {
  const parts = token.value.split('\n');
  block.rawName = parts.map((p) => p.trim()).join('');
  const at = { line: token.line, column: valueColumn };
  if (parts.length > 1) note(block, 'name continues over several comment lines', at);
  let rest = block.rawName;
  if (rest.startsWith('settings.')) {
    note(block, "name has a 'settings.' prefix", at);
    rest = rest.slice('settings.'.length);
  }
  const parsed = parseSubscriptName(rest);
  block.subscript = parsed.subscript;
  block.name = parsed.name;
  // Waffle flags and the like are named `app.flag_name`; only setting names must be identifiers.
  if (!parsed.regular && block.rawName !== '' && documentsSetting(block)) {
    note(block, `name '${block.rawName}' is not a setting name or subscript`, at);
  }
}

/** Splits `NAME['a']["b"][c]` into its name and keys; `regular` is false for anything else. */
function parseSubscriptName(text: string): { name: string; subscript: string[]; regular: boolean } {
  const identifier = /^[A-Za-z_]\w*/.exec(text)?.[0];
  const bracket = text.indexOf('[');
  const fallback = (bracket >= 0 ? text.slice(0, bracket) : text).trim();
  if (identifier === undefined) return { name: fallback, subscript: [], regular: false };
  const subscript: string[] = [];
  let i = identifier.length;
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) return { name: identifier, subscript, regular: true };
    if (text[i] !== '[') break;
    const key = readKey(text, i + 1);
    if (key === undefined) break;
    subscript.push(key.key);
    i = key.end;
  }
  return { name: fallback, subscript, regular: false };
}

/** Reads one subscript key starting after `[`; returns it with the index after its `]`. */
function readKey(text: string, start: number): { key: string; end: number } | undefined {
  let i = start;
  while (/\s/.test(text[i] ?? '')) i++;
  const quote = text[i];
  let key: string;
  if (quote === "'" || quote === '"') {
    const close = text.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    key = text.slice(i + 1, close);
    i = close + 1;
    while (/\s/.test(text[i] ?? '')) i++;
  } else {
    const close = text.indexOf(']', i);
    if (close < 0) return undefined;
    key = text.slice(i, close).trim();
    i = close;
  }
  return text[i] === ']' ? { key, end: i + 1 } : undefined;
}

function note(block: { notes: AnnotationNote[] }, message: string, at: { line: number; column: number }): void {
  block.notes.push({ message, line: at.line, column: at.column });
}

function leadingWhitespace(text: string): number {
  return text.length - text.trimStart().length;
}

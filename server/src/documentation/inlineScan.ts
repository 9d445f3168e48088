/**
 * Inline markup of reStructuredText as tokens: literals, emphasis, roles, references and plain
 * text. One left-to-right pass; each kind of end-string is searched for at most once past a
 * point where it was not found, so unterminated markup costs linear time, not quadratic.
 */

/** A piece of a paragraph's text. */
export type InlineToken =
  | { kind: 'text'; text: string }
  | { kind: 'literal'; text: string }
  | { kind: 'emphasis'; text: string }
  | { kind: 'strong'; text: string }
  /** `:role:`content``, the role without its domain (`py:func` → `func`). */
  | { kind: 'role'; role: string; content: string }
  /** `` `content`_ `` or `` `content`__ ``; content may be `text <target>`. */
  | { kind: 'reference'; content: string }
  /** `` `content` `` with no role: a title reference. */
  | { kind: 'interpreted'; content: string };

/** Characters after which inline markup may start (docutils' rule, ASCII and common quotes). */
const BEFORE_START = /[\s\-:/'"<([{\u2018\u201c\u00ab\u2014\u2013]/;
/** Characters that may follow an end-string. */
const AFTER_END = /[\s\-.,:;!?\\/'")\]}>\u2019\u201d\u00bb\u2014\u2013]/;
/** A role prefix with an optional domain, right before its backtick; bounded so a long word costs little. */
const ROLE_PREFIX = /:((?:[A-Za-z][\w+.-]{0,40}:)?[A-Za-z][\w+.-]{0,40}):`/y;

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/** An end-string may close here: something before it that is not space, and an allowed character (or the end) after. */
function endsAt(text: string, at: number, length: number): boolean {
  if (isSpace(text[at - 1])) return false;
  const after = text[at + length];
  return after === undefined || AFTER_END.test(after);
}

/** Finds end-strings in one text, remembering where each kind was searched for in vain. */
class EndFinder {
  private readonly missingFrom = new Map<string, number>();

  constructor(private readonly text: string) {}

  /** The first valid `end` at or after `from`, or -1; `accept` may refine validity by position alone. */
  find(end: string, from: number, accept: (at: number) => boolean = (at) => endsAt(this.text, at, end.length)): number {
    const key = end;
    const missing = this.missingFrom.get(key);
    if (missing !== undefined && from >= missing) return -1;
    for (let at = this.text.indexOf(end, from); at !== -1; at = this.text.indexOf(end, at + 1)) {
      if (accept(at)) return at;
    }
    this.missingFrom.set(key, missing === undefined ? from : Math.min(missing, from));
    return -1;
  }
}

interface Match {
  token: InlineToken;
  end: number;
}

/** `` `…` `` closed by a backtick with an optional `_`, `__` or `:role:` suffix. */
function backtickEnd(text: string, at: number): { suffixEnd: number; suffix: string } | undefined {
  if (isSpace(text[at - 1]) || text[at + 1] === '`') return undefined;
  let end = at + 1;
  let suffix = '';
  if (text.startsWith('__', end)) suffix = '__';
  else if (text[end] === '_') suffix = '_';
  else if (text[end] === ':') {
    const m = /^:((?:[A-Za-z][\w+.-]{0,40}:)?[A-Za-z][\w+.-]{0,40}):/.exec(text.slice(end, end + 90));
    if (m !== null) suffix = m[0];
  }
  end += suffix.length;
  const after = text[end];
  if (after !== undefined && !AFTER_END.test(after)) return undefined;
  return { suffixEnd: end, suffix };
}

/** The markup starting at `i`, if it is complete. */
function markupAt(text: string, i: number, finder: EndFinder): Match | undefined {
  const c = text[i];
  if (c === '`') {
    if (text[i + 1] === '`') {
      if (isSpace(text[i + 2])) return undefined;
      const close = finder.find('``', i + 3);
      return close === -1 ? undefined : { token: { kind: 'literal', text: text.slice(i + 2, close) }, end: close + 2 };
    }
    return interpreted(text, i + 1, finder, undefined);
  }
  if (c === '*') {
    const strong = text[i + 1] === '*';
    const start = i + (strong ? 2 : 1);
    if (isSpace(text[start]) || text[start] === '*') return undefined;
    const close = strong ? finder.find('**', start + 1) : finder.find('*', start + 1, (at) => text[at + 1] !== '*' && text[at - 1] !== '*' && endsAt(text, at, 1));
    if (close === -1) return undefined;
    return { token: { kind: strong ? 'strong' : 'emphasis', text: text.slice(start, close) }, end: close + (strong ? 2 : 1) };
  }
  if (c === ':') {
    ROLE_PREFIX.lastIndex = i;
    const m = ROLE_PREFIX.exec(text);
    if (m === null) return undefined;
    return interpreted(text, i + m[0].length, finder, m[1]);
  }
  return undefined;
}

/** Interpreted text whose content starts at `start` (just past the opening backtick). */
function interpreted(text: string, start: number, finder: EndFinder, prefixRole: string | undefined): Match | undefined {
  if (isSpace(text[start]) || text[start] === '`') return undefined;
  const close = finder.find('`', start + 1, (at) => backtickEnd(text, at) !== undefined);
  if (close === -1) return undefined;
  const { suffixEnd, suffix } = backtickEnd(text, close) ?? { suffixEnd: close + 1, suffix: '' };
  const content = text.slice(start, close);
  const end = suffixEnd;
  if (prefixRole !== undefined) return { token: { kind: 'role', role: roleName(prefixRole), content }, end: close + 1 };
  if (suffix === '_' || suffix === '__') return { token: { kind: 'reference', content }, end };
  if (suffix !== '') return { token: { kind: 'role', role: roleName(suffix.slice(1, -1)), content }, end };
  return { token: { kind: 'interpreted', content }, end };
}

/** A role's name without its domain, lower-cased as docutils matches them. */
function roleName(role: string): string {
  return role.slice(role.lastIndexOf(':') + 1).toLowerCase();
}

/**
 * The inline tokens of `text` (a paragraph's lines joined). Backslash escapes are resolved in
 * plain text (`\*` is a star, `\ ` is nothing); markup that does not close stays plain text.
 */
export function scanInline(text: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  const finder = new EndFinder(text);
  // Plain text is kept as slices of `text` (escapes cut it), not built a character at a time.
  let plain = '';
  let from = 0;
  let i = 0;
  const flush = (to: number): void => {
    plain += text.slice(from, to);
    if (plain !== '') tokens.push({ kind: 'text', text: plain });
    plain = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      plain += text.slice(from, i) + (/\s/.test(next) ? '' : next);
      i += 2;
      from = i;
      continue;
    }
    if ((c === '`' || c === '*' || c === ':') && (i === 0 || BEFORE_START.test(text[i - 1]))) {
      const match = markupAt(text, i, finder);
      if (match !== undefined) {
        flush(i);
        tokens.push(match.token);
        i = match.end;
        from = i;
        continue;
      }
    }
    i++;
  }
  flush(text.length);
  return tokens;
}

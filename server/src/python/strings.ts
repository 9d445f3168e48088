/**
 * Decoding of Python string literals as written in source, without evaluating anything.
 */

/** A decoded string literal, or the names an f-string interpolates. */
export interface DecodedString {
  /** The literal value; absent when the string interpolates expressions (f-strings). */
  value?: string;
  /** True for f-strings that contain at least one `{expression}`. */
  interpolated: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

/** Splits `rb'''x'''` into its prefix, its quote and its body. Returns undefined if it is not a string literal. */
export function splitStringLiteral(text: string): { prefix: string; quote: string; body: string } | undefined {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  const quote = m[2];
  if (text.length < prefix.length + quote.length * 2 || !text.endsWith(quote)) return undefined;
  return { prefix, quote, body: text.slice(prefix.length + quote.length, text.length - quote.length) };
}

/**
 * Replaces Python escape sequences in a non-raw string body. Unknown escapes stay as written, as in
 * Python; so do the ones Python rejects (`\u` without four hex digits, `\U` beyond U+10FFFF).
 */
export function unescapePython(body: string): string {
  // Most bodies have no escape at all: skip the regular expression.
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (whole, esc: string) => {
    if (esc in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[esc];
    const c = esc[0];
    if ((c === 'x' || c === 'u' || c === 'U') && esc.length > 1) {
      const code = parseInt(esc.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    if (c >= '0' && c <= '7') return String.fromCodePoint(parseInt(esc, 8));
    return whole;
  });
}

/** Decodes one string literal's source text (a tree-sitter `string` node's text). */
export function decodeStringLiteral(text: string): DecodedString | undefined {
  const parts = splitStringLiteral(text);
  if (!parts) return undefined;
  const raw = parts.prefix.includes('r');
  if (parts.prefix.includes('f')) {
    // `{{` is an escaped brace; any other `{` starts an interpolation.
    const stripped = parts.body.replace(/\{\{|\}\}/g, '');
    if (stripped.includes('{')) return { interpolated: true };
    const body = parts.body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    return { value: raw ? body : unescapePython(body), interpolated: false };
  }
  return { value: raw ? parts.body : unescapePython(parts.body), interpolated: false };
}

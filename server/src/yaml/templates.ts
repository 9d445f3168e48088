/**
 * Jinja template regions (`{{ … }}`, `{% … %}`, `{# … #}`), as in Tutor's `*.env.yml`
 * templates. They are found before YAML parsing and masked with characters of the same
 * length, so the YAML parser never sees them (no cascade of syntax errors) and every
 * offset stays exact. Callers skip validation of values that touch a template span.
 */
import type { OffsetRange } from './types';

const CLOSERS: Readonly<Record<string, string>> = { '{': '}}', '%': '%}', '#': '#}' };

/** Whether `text` may contain a template (cheap pre-check). */
export function mayContainTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

/**
 * Spans of closed template expressions in `text`, in order. An opener with no closer is not a
 * template: a plain string such as `"{{"` stays YAML.
 */
export function findTemplateSpans(text: string): OffsetRange[] {
  const spans: OffsetRange[] = [];
  if (!mayContainTemplate(text)) return spans;
  let i = text.indexOf('{');
  while (i >= 0 && i < text.length - 1) {
    const closer = CLOSERS[text[i + 1]];
    if (closer !== undefined) {
      const close = text.indexOf(closer, i + 2);
      if (close >= 0) {
        spans.push({ start: i, end: close + 2 });
        i = text.indexOf('{', close + 2);
        continue;
      }
    }
    i = text.indexOf('{', i + 1);
  }
  return spans;
}

/**
 * The closing delimiter still missing at the end of `line` when it opens a template it does not
 * close (a multi-line `{% … %}`), or `undefined`.
 */
export function unclosedTemplateCloser(line: string): string | undefined {
  let i = line.indexOf('{');
  let pending: string | undefined;
  while (i >= 0 && i < line.length - 1) {
    const closer = CLOSERS[line[i + 1]];
    if (closer === undefined) {
      i = line.indexOf('{', i + 1);
      continue;
    }
    const close = line.indexOf(closer, i + 2);
    if (close < 0) {
      pending = closer;
      break;
    }
    i = line.indexOf('{', close + 2);
  }
  return pending;
}

/**
 * `text` with each template span replaced, keeping line breaks and length:
 * - a line whose only content is templates becomes a comment (`#` then spaces), which is valid
 *   at any indentation, so `{{ patch(…) }}` inside a mapping does not break it;
 * - a template inside a line becomes `_` characters, a plain scalar (or part of a quoted one).
 */
export function maskTemplates(text: string, spans: readonly OffsetRange[]): string {
  if (spans.length === 0) return text;
  const out = text.split('');
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) {
      const c = out[i];
      if (c !== '\n' && c !== '\r') out[i] = '_';
    }
  }
  // Lines made only of masked characters (and blanks) become comments.
  let lineStart = 0;
  while (lineStart <= out.length) {
    let lineEnd = lineStart;
    while (lineEnd < out.length && out[lineEnd] !== '\n' && out[lineEnd] !== '\r') lineEnd++;
    commentOutIfOnlyTemplate(out, text, lineStart, lineEnd, spans);
    if (lineEnd >= out.length) break;
    lineStart = out[lineEnd] === '\r' && out[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
  }
  return out.join('');
}

function commentOutIfOnlyTemplate(out: string[], text: string, start: number, end: number, spans: readonly OffsetRange[]): void {
  let first = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') continue;
    if (!insideSpan(i, spans)) return;
    if (first < 0) first = i;
  }
  if (first < 0) return;
  out[first] = '#';
  for (let i = first + 1; i < end; i++) if (out[i] === '_') out[i] = ' ';
}

function insideSpan(offset: number, spans: readonly OffsetRange[]): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Whether `[start, end)` overlaps any span (spans sorted, non-overlapping). */
export function touchesTemplate(start: number, end: number, spans: readonly OffsetRange[]): boolean {
  if (spans.length === 0) return false;
  for (const s of spans) {
    if (s.start >= end) return false;
    if (s.end > start) return true;
  }
  return false;
}

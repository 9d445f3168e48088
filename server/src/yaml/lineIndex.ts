/**
 * Offset ↔ position mapping for a text, with the line-break rules LSP clients use
 * (`\n`, `\r\n` and a lone `\r` each end a line) and UTF-16 columns, which are
 * JavaScript string offsets. An edit updates the index without rescanning the text.
 */
import type { Position } from 'vscode-languageserver-types';
import { lastAtOrBefore } from '../common/search';

/** Immutable table of line start offsets. */
export class LineIndex {
  private constructor(
    /** Offset at which each line starts; `starts[0]` is 0. */
    private readonly starts: readonly number[],
    /** Length of the text the index describes. */
    readonly length: number,
    private readonly text: string,
  ) {}

  /** Builds the index of `text`. */
  static of(text: string): LineIndex {
    const starts = [0];
    scanLineStarts(text, 0, text.length, starts);
    return new LineIndex(starts, text.length, text);
  }

  /** Number of lines; a text ending in a line break has a final empty line. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where `line` starts (clamped to the text). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.length;
    return this.starts[line];
  }

  /** Offset just before the line break that ends `line` (or the text end). */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length - 1) return this.length;
    let end = this.starts[line + 1] - 1;
    if (end > this.starts[line] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Text of `line` without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Line containing `offset` (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.starts;
    const last = starts.length - 1;
    if (offset >= starts[last]) return last;
    return Math.max(0, lastAtOrBefore(starts, offset));
  }

  /**
   * LSP position of `offset` (clamped to the text). An offset between the `\r` and the `\n` of a
   * line break, which no LSP position can name, maps to the end of its line.
   */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.length));
    if (this.splitsLineBreak(clamped)) clamped--;
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  /** Whether `offset` lies between the `\r` and the `\n` of a line break. */
  splitsLineBreak(offset: number): boolean {
    return offset > 0 && this.text.charCodeAt(offset) === 10 && this.text.charCodeAt(offset - 1) === 13;
  }

  /** Offset of an LSP position; columns past the line end clamp to the line end. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /**
   * The index of `newText`, which is this index's text with `[start, end)` replaced by `inserted`.
   * Line starts before the edit and after it are reused (shifted), so the cost is the edit's size
   * plus one array copy, not a scan of the text.
   */
  withEdit(start: number, end: number, inserted: string, newText: string): LineIndex {
    const delta = inserted.length - (end - start);
    // A start at `s` depends on the characters at s-1 and s (a `\r\n` pair is one break), so
    // recompute starts from the line holding `start - 1` up to one character past the edit.
    const from = this.starts[this.lineAt(Math.max(0, start - 1))];
    const oldUntil = Math.min(end + 1, this.length);
    const newUntil = oldUntil + delta;
    const head = this.starts.slice(0, this.lineAt(from) + 1);
    scanLineStarts(newText, from, newUntil, head);
    const firstKept = this.firstStartAfter(oldUntil);
    for (let i = firstKept; i < this.starts.length; i++) head.push(this.starts[i] + delta);
    return new LineIndex(head, newText.length, newText);
  }

  /** Index of the first line start strictly greater than `offset`. */
  private firstStartAfter(offset: number): number {
    return lastAtOrBefore(this.starts, offset) + 1;
  }
}

/** Appends to `out` every line start `s` with `from < s <= until` in `text`. */
function scanLineStarts(text: string, from: number, until: number, out: number[]): void {
  const limit = Math.min(until, text.length);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) out.push(i + 1);
  }
}

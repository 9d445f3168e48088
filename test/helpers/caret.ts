/**
 * Cursor and range markers for tests, as in yaml-language-server's tests:
 * `caretPosition('a|b: c')` gives the text without the marker and the position of the marker;
 * `markedRanges('A: [[ten]]')` gives the text without the brackets and each bracketed range.
 */
import type { Position, Range } from 'vscode-languageserver-types';

/** Position (and offset) of the first `marker` in `marked`, and the text without it. */
export function caretPosition(marked: string, marker = '|'): { text: string; offset: number; position: Position } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error(`no ${marker} marker in ${JSON.stringify(marked)}`);
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { text, offset, position: positionOf(text, offset) };
}

/** The text with every `[[…]]` marker removed, and the ranges they enclosed, in order. */
export function markedRanges(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  const opens: number[] = [];
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('[[', i)) {
      opens.push(text.length);
      i++;
    } else if (marked.startsWith(']]', i) && opens.length > 0) {
      const start = opens.pop() as number;
      ranges.push({ start: positionOf(text, start), end: positionOf(text, text.length) });
      i++;
    } else {
      text += marked[i];
    }
  }
  return { text, ranges };
}

/** LSP position of `offset` in `text` (`\n`, `\r\n` and `\r` end lines). */
export function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** A range from line/character numbers, as in `createExpectedError(msg, sl, sc, el, ec)`. */
export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

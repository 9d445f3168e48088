/**
 * Checks that every range in a server answer lies inside the document it is about: diagnostics,
 * completion edits, hover ranges, document symbols (whose selection range must also lie inside
 * their range, or VS Code drops the outline) and code-action edits.
 */
import assert from 'node:assert/strict';
import type { CodeAction, Command, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Position, Range, SymbolInformation } from 'vscode-languageserver-protocol';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The lines of a text (LSP line breaks: `\r\n`, `\r`, `\n`), split once for many range checks. */
export class TextBounds {
  private readonly lengths: number[];

  constructor(readonly text: string) {
    this.lengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
  }

  /** Whether `range` is well-formed (start before end) with both ends on real columns of real lines. */
  contains(range: Range): boolean {
    const onLine = (p: Position): boolean => p.line >= 0 && p.line < this.lengths.length && p.character >= 0 && p.character <= this.lengths[p.line];
    return onLine(range.start) && onLine(range.end) && before(range.start, range.end);
  }

  /** Asserts {@link contains}. */
  assertContains(range: Range, what: string): void {
    assert.ok(this.contains(range), `${what}: ${JSON.stringify(range)} is not inside the document (${this.lengths.length} lines)`);
  }
}

/** Asserts every diagnostic range is inside the text. */
export function assertDiagnosticsInside(diagnostics: readonly Diagnostic[], bounds: TextBounds, what: string): void {
  for (const d of diagnostics) bounds.assertContains(d.range, `${what} diagnostic ${String(d.code)}`);
}

/** Asserts a completion answer's edit ranges are inside the text. */
export function assertCompletionInside(answer: CompletionList | CompletionItem[] | null, bounds: TextBounds): void {
  if (answer === null) return;
  const items = Array.isArray(answer) ? answer : answer.items;
  const defaults = Array.isArray(answer) ? undefined : answer.itemDefaults?.editRange;
  if (defaults !== undefined) {
    for (const r of 'insert' in defaults ? [defaults.insert, defaults.replace] : [defaults]) bounds.assertContains(r, 'completion default edit range');
  }
  for (const item of items) {
    const edit = item.textEdit;
    if (edit === undefined) continue;
    for (const r of 'range' in edit ? [edit.range] : [edit.insert, edit.replace]) bounds.assertContains(r, `completion ${item.label}`);
  }
}

/** Asserts a hover's range, if any, is inside the text. */
export function assertHoverInside(hover: Hover | null, bounds: TextBounds): void {
  if (hover?.range !== undefined) bounds.assertContains(hover.range, 'hover');
}

/** Asserts document symbols lie inside the text, each selection range inside its range. */
export function assertSymbolsInside(symbols: Array<DocumentSymbol | SymbolInformation> | null, bounds: TextBounds): void {
  const visit = (s: DocumentSymbol | SymbolInformation): void => {
    if (!('selectionRange' in s)) {
      bounds.assertContains(s.location.range, `symbol ${s.name}`);
      return;
    }
    bounds.assertContains(s.range, `symbol ${s.name}`);
    bounds.assertContains(s.selectionRange, `symbol ${s.name} selection`);
    assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `symbol ${s.name}: selection range ${JSON.stringify(s.selectionRange)} outside its range ${JSON.stringify(s.range)}`);
    for (const c of s.children ?? []) visit(c);
  };
  for (const s of symbols ?? []) visit(s);
}

/** Asserts the edits of code actions on `uri` are inside the text. */
export function assertCodeActionsInside(actions: ReadonlyArray<CodeAction | Command> | null, uri: string, bounds: TextBounds): void {
  for (const action of actions ?? []) {
    if (!('edit' in action) || action.edit === undefined) continue;
    for (const [target, edits] of Object.entries(action.edit.changes ?? {})) {
      assert.equal(target, uri, `code action ${action.title} edits another document`);
      for (const e of edits) bounds.assertContains(e.range, `code action ${action.title}`);
    }
  }
}

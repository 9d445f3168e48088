/**
 * Finding the server's "Insert missing required settings" quick fix among the code actions it
 * returns. Pure (no `vscode` import): works on LSP protocol values.
 */
import type { CodeAction, Command } from 'vscode-languageserver-protocol';

/**
 * The start of the quick fix's title. The language service words it "Insert the missing required
 * settings `A`, `B`"; "Insert missing required …" is accepted too, so that a rewording of the
 * title's middle does not silently break the command.
 */
export const INSERT_REQUIRED_TITLE = /^Insert (?:the )?missing required\b/;

/** Whether a code action kind is `quickfix` or one of its sub-kinds (`quickfix.openedx`, …). */
export function isQuickFixKind(kind: string | undefined): boolean {
  return kind === 'quickfix' || (kind?.startsWith('quickfix.') ?? false);
}

/** Whether an entry of a code action result is a `CodeAction` rather than a bare `Command`. */
export function isCodeAction(item: Command | CodeAction): item is CodeAction {
  // A Command's `command` is a string; a CodeAction's is absent or an object.
  return typeof (item as Command).command !== 'string';
}

/** The "Insert the missing required settings" quick fix, or `undefined` when the server offers none. */
export function pickInsertRequired(items: readonly (Command | CodeAction)[] | null | undefined): CodeAction | undefined {
  for (const item of items ?? []) {
    if (isCodeAction(item) && isQuickFixKind(item.kind) && INSERT_REQUIRED_TITLE.test(item.title)) return item;
  }
  return undefined;
}

/** Whether the action must be resolved (`codeAction/resolve`) before it can be applied: it has neither an edit nor a command yet. */
export function needsResolve(action: CodeAction): boolean {
  return action.edit === undefined && action.command === undefined;
}

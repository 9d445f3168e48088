/**
 * Driving a real server process through the robustness tests: every request raced against a
 * timeout and against the process dying, so a crash or a hang fails the test at once instead of
 * stalling it; the log lines that say something went wrong inside the server; and one helper that
 * asks every feature about a position and checks the ranges in the answers.
 */
import assert from 'node:assert/strict';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import type { LspClient } from '../protocol/harness';
import { assertCodeActionsInside, assertCompletionInside, assertHoverInside, assertSymbolsInside, TextBounds } from './ranges';

/** Longest any single answer may take before the test calls it a hang. */
export const ANSWER_TIMEOUT_MS = 10_000;

/**
 * `promise`, unless the server process exits first (a crash) or `ms` pass (a hang): then a
 * rejection saying which request and what happened.
 */
export function answered<T>(client: LspClient, what: string, promise: Promise<T>, ms = ANSWER_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const failure = new Promise<never>((_resolve, reject) => {
    if (client.child.exitCode !== null || client.child.signalCode !== null) reject(new Error(`${what}: the server process is gone`));
    onExit = (code, signal) => reject(new Error(`${what}: the server exited (code ${code}, signal ${signal})`));
    client.child.once('exit', onExit);
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, failure]).finally(() => {
    clearTimeout(timer);
    if (onExit !== undefined) client.child.off('exit', onExit);
  });
}

/** Log lines that report a failure inside the server (a handler that threw, an escaped exception). */
export function failureLogs(client: LspClient): string[] {
  return client.logs.filter((l) => /\bfailed\b|uncaught|unhandled|\[stderr\]/i.test(l));
}

/** Asserts the server is alive and logged no failure. */
export function assertHealthy(client: LspClient, what: string): void {
  assert.equal(client.child.exitCode, null, `${what}: the server exited`);
  assert.equal(client.child.signalCode, null, `${what}: the server was killed`);
  assert.deepEqual(failureLogs(client), [], `${what}: the server logged failures`);
}

/** The answers of every feature at one position. */
export interface FeatureAnswers {
  completionLabels: string[];
  hover: string | null;
  symbols: unknown;
}

/**
 * Asks completion, hover, document symbols, definition and code actions (for `diagnostics` that
 * still fit the text, as an editor's markers would) about `position` in the document `uri` whose
 * text is `bounds.text`; checks every range in the answers lies inside the text.
 */
export async function askEverything(client: LspClient, uri: string, bounds: TextBounds, position: Position, diagnostics: readonly Diagnostic[]): Promise<FeatureAnswers> {
  const fitting = diagnostics.filter((d) => bounds.contains(d.range));
  const [completion, hover, symbols, definition, actions] = await Promise.all([
    answered(client, 'completion', client.completion(uri, position.line, position.character)),
    answered(client, 'hover', client.hover(uri, position.line, position.character)),
    answered(client, 'documentSymbol', client.documentSymbols(uri)),
    answered(client, 'definition', client.definition(uri, position.line, position.character)),
    answered(client, 'codeAction', client.codeActions(uri, { start: position, end: position }, fitting)),
  ]);
  assertCompletionInside(completion, bounds);
  assertHoverInside(hover, bounds);
  assertSymbolsInside(symbols, bounds);
  assertCodeActionsInside(actions, uri, bounds);
  assert.ok(definition === null || Array.isArray(definition) || typeof definition === 'object');
  const labels = completion === null ? [] : (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
  const contents = hover?.contents;
  return { completionLabels: labels, hover: contents === undefined ? null : JSON.stringify(contents), symbols };
}

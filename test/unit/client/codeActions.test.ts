import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Command } from 'vscode-languageserver-protocol';
import { isQuickFixKind, needsResolve, pickInsertRequired } from '../../../client/src/codeActions';

const insert: CodeAction = {
  title: 'Insert the missing required settings `SECRET_KEY`, `DATABASES`',
  kind: 'quickfix',
  edit: { changes: { 'file:///w/lms.yml': [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: 'SECRET_KEY: \n' }] } },
};
const bareCommand: Command = { title: 'Insert missing required settings', command: 'x.insert' };
const refactor: CodeAction = { title: 'Insert missing required settings', kind: 'refactor' };
const otherFix: CodeAction = { title: 'Replace with `PLATFORM_NAME`', kind: 'quickfix' };

describe('pickInsertRequired', () => {
  it('picks the quick fix whose title starts with "Insert the missing required"', () => {
    assert.equal(pickInsertRequired([otherFix, bareCommand, refactor, insert]), insert);
  });

  it('accepts the title without "the", and nothing that merely contains the words', () => {
    const short = { ...insert, title: 'Insert missing required settings' };
    assert.equal(pickInsertRequired([short]), short);
    assert.equal(pickInsertRequired([{ ...insert, title: 'Do not Insert missing required settings' }]), undefined);
    assert.equal(pickInsertRequired([{ ...insert, title: 'Insert missing requiredness' }]), undefined);
  });

  it('accepts quick fix sub-kinds', () => {
    const sub = { ...insert, kind: 'quickfix.openedx' };
    assert.equal(pickInsertRequired([sub]), sub);
  });

  it('finds nothing among other actions, or in an empty result', () => {
    assert.equal(pickInsertRequired([otherFix, bareCommand, refactor]), undefined);
    assert.equal(pickInsertRequired(null), undefined);
    assert.equal(pickInsertRequired([]), undefined);
  });
});

describe('isQuickFixKind / needsResolve', () => {
  it('recognises quickfix kinds only', () => {
    assert.equal(isQuickFixKind('quickfix'), true);
    assert.equal(isQuickFixKind('quickfix.x'), true);
    assert.equal(isQuickFixKind('quickfixes'), false);
    assert.equal(isQuickFixKind(undefined), false);
  });

  it('resolves an action that has neither an edit nor a command', () => {
    assert.equal(needsResolve(insert), false);
    assert.equal(needsResolve({ title: 'Insert missing required settings', kind: 'quickfix', data: { uri: 'u' } }), true);
  });
});

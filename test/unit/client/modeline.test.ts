import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isModelineIda, modelineEdit, type LineEdit } from '../../../client/src/modeline';

/** Applies an edit to a first line, to check the resulting text. */
function apply(firstLine: string, edit: LineEdit): string {
  return firstLine.slice(0, edit.start) + edit.text + firstLine.slice(edit.end);
}

describe('modelineEdit', () => {
  it('inserts a new first line, with the document line break', () => {
    assert.deepEqual(modelineEdit('PLATFORM_NAME: Demo', 'lms', '\n'), { line: 0, start: 0, end: 0, text: '# openedx-config: ida=lms\n' });
    assert.deepEqual(modelineEdit('', 'studio', '\r\n'), { line: 0, start: 0, end: 0, text: '# openedx-config: ida=studio\r\n' });
  });

  it('inserts above an ordinary first comment', () => {
    assert.equal(modelineEdit('# Deployed by Ansible', 'lms', '\n').start, 0);
    assert.equal(modelineEdit('# Deployed by Ansible', 'lms', '\n').text, '# openedx-config: ida=lms\n');
  });

  it('replaces the IDA of an existing modeline, keeping its other entries', () => {
    const line = '# openedx-config: ida=lms disable=unknown-key';
    const edit = modelineEdit(line, 'studio', '\n');
    assert.deepEqual(edit, { line: 0, start: 22, end: 25, text: 'studio' });
    assert.equal(apply(line, edit), '# openedx-config: ida=studio disable=unknown-key');
    assert.equal(apply('#openedx-config:disable=x;ida=lms', modelineEdit('#openedx-config:disable=x;ida=lms', 'xqueue', '\n')), '#openedx-config:disable=x;ida=xqueue');
  });

  it('adds the IDA to a modeline that has none', () => {
    const line = '# openedx-config: disable=unknown-key   ';
    assert.equal(apply(line, modelineEdit(line, 'lms', '\n')), '# openedx-config: disable=unknown-key ida=lms');
    assert.equal(apply('# openedx-config:', modelineEdit('# openedx-config:', 'lms', '\n')), '# openedx-config: ida=lms');
  });

  it('accepts only IDA names the server reads', () => {
    assert.equal(isModelineIda('license-manager'), true);
    assert.equal(isModelineIda('edx_notes_api.v2'), true);
    assert.equal(isModelineIda('has space'), false);
    assert.equal(isModelineIda('-lms'), false);
    assert.equal(isModelineIda(''), false);
  });
});

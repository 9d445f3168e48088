import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idaFromModeline } from '../../../server/src/registry/modeline';

test('a first-line modeline names the IDA', () => {
  assert.equal(idaFromModeline('# openedx-config: ida=lms\nA: 1\n'), 'lms');
  assert.equal(idaFromModeline('#openedx-config:ida=license-manager'), 'license-manager');
  assert.equal(idaFromModeline('\uFEFF  # openedx-config: disable=unknown-key ida=studio\r\n'), 'studio');
  assert.equal(idaFromModeline('# openedx-config: disable=unknown-key; ida=credentials\n'), 'credentials');
});

test('anything else is not a modeline', () => {
  assert.equal(idaFromModeline('A: 1\n# openedx-config: ida=lms\n'), undefined, 'second line');
  assert.equal(idaFromModeline('# openedx-config: disable=unknown-key\n'), undefined, 'no ida');
  assert.equal(idaFromModeline('# openedx-config: ida=\n'), undefined, 'empty');
  assert.equal(idaFromModeline('# openedx-config: ida=../x\n'), undefined, 'not a name');
  assert.equal(idaFromModeline('A: 1 # openedx-config: ida=lms\n'), undefined, 'trailing comment');
  assert.equal(idaFromModeline(''), undefined);
  assert.equal(idaFromModeline(`# ${'x'.repeat(5000)} openedx-config: ida=lms`), undefined, 'beyond the first-line limit');
});

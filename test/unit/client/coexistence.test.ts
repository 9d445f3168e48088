import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionForRedHat, redHatValidates, ruleOf, Severity } from '../../../client/src/coexistence';

const syntax = { code: 'yaml-syntax', severity: Severity.Error };
const duplicate = { code: { value: 'duplicate-key' }, severity: Severity.Warning };
const unknown = { code: 'unknown-key', severity: Severity.Warning };
const uncoded = { severity: Severity.Error };

describe('redHatValidates', () => {
  it('is true only for an active extension with validation on, on a yaml document', () => {
    assert.equal(redHatValidates({ active: true, validate: true, languageId: 'yaml' }), true);
    assert.equal(redHatValidates({ active: false, validate: true, languageId: 'yaml' }), false);
    assert.equal(redHatValidates({ active: true, validate: false, languageId: 'yaml' }), false);
    // A Tutor template opened as Jinja is not validated by Red Hat's extension.
    assert.equal(redHatValidates({ active: true, validate: true, languageId: 'jinja-yaml' }), false);
    assert.equal(redHatValidates({ active: true, validate: true, languageId: undefined }), false);
  });
});

describe('ruleOf', () => {
  it('reads string, number and linked codes', () => {
    assert.equal(ruleOf(syntax), 'yaml-syntax');
    assert.equal(ruleOf(duplicate), 'duplicate-key');
    assert.equal(ruleOf({ code: 7, severity: 0 }), '7');
    assert.equal(ruleOf(uncoded), undefined);
  });
});

describe('partitionForRedHat', () => {
  it('keeps everything when Red Hat YAML does not validate the document', () => {
    const all = [syntax, duplicate, unknown];
    assert.deepEqual(partitionForRedHat(all, false), { shown: all, hidden: { errors: 0, warnings: 0, infos: 0 } });
  });

  it('hides syntax errors and duplicate keys, and counts them by severity', () => {
    const hint = { code: 'yaml-syntax', severity: Severity.Hint };
    const info = { code: 'yaml-syntax', severity: Severity.Information };
    assert.deepEqual(partitionForRedHat([syntax, duplicate, unknown, uncoded, hint, info], true), {
      shown: [unknown, uncoded],
      hidden: { errors: 1, warnings: 1, infos: 1 },
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reextractMessage, schemaFileName, schemaSourceReport, serializeSchema } from '../../../client/src/reports';

describe('schemaSourceReport', () => {
  it('explains a file without an IDA and offers to choose one', () => {
    assert.deepEqual(schemaSourceReport({ uri: 'u' }, 'docker-compose.yml'), {
      message: 'docker-compose.yml is not an Open edX config file: no modeline, association setting, settings folder or file name names its IDA.',
      action: { label: 'Choose IDA…', kind: 'chooseIda' },
    });
  });

  it('names the live folder and offers to reveal it', () => {
    assert.deepEqual(schemaSourceReport({ uri: 'u', ida: 'demo', reason: 'folder', source: 'live', revision: '/w/demo' }, 'devstack.yml'), {
      message: 'devstack.yml is checked against the demo schema extracted live from /w/demo (IDA chosen by folder).',
      action: { label: 'Reveal Folder', kind: 'revealFolder', target: '/w/demo' },
    });
  });

  it('names the shipped revision and offers to open the shipped schema', () => {
    const report = schemaSourceReport({ uri: 'u', ida: 'lms', reason: 'file name', source: 'shipped', revision: 'openedx/openedx-platform@0191bfd (2026-11-25)' }, 'lms.yml');
    assert.equal(
      report.message,
      'lms.yml is checked against the lms schema shipped with the extension, extracted from openedx/openedx-platform@0191bfd (2026-11-25) (IDA chosen by file name). Set openedxConfig.sources to extract it live from your checkout.',
    );
    assert.deepEqual(report.action, { label: 'Open Schema', kind: 'openShippedSchema', target: 'lms' });
  });

  it('names a user schema file and offers to open it', () => {
    assert.deepEqual(schemaSourceReport({ uri: 'u', ida: 'lms', reason: 'modeline', source: 'user', revision: '/s/lms.json' }, 'a.yml').action, {
      label: 'Open File',
      kind: 'openFile',
      target: '/s/lms.json',
    });
  });

  it('says when an IDA has no schema at all', () => {
    const report = schemaSourceReport({ uri: 'u', ida: 'lms', reason: 'file name' }, 'lms.yml');
    assert.match(report.message, /no schema is available/);
    assert.deepEqual(report.action, { label: 'Open Settings', kind: 'openSettings' });
  });
});

describe('reextractMessage', () => {
  it('lists the IDAs and the time taken', () => {
    assert.equal(reextractMessage({ idas: ['demo', 'lms'], millis: 123.6 }), 'Re-extracted the settings of demo, lms in 124 ms.');
  });
  it('explains how to get live schemas when there are none', () => {
    assert.match(reextractMessage({ idas: [], millis: 1 }), /^No IDA has live settings sources to re-extract\. Set openedxConfig\.sources/);
  });
});

describe('export helpers', () => {
  it('names the file after the IDA, safely', () => {
    assert.equal(schemaFileName('lms'), 'lms.schema.json');
    assert.equal(schemaFileName('license-manager'), 'license-manager.schema.json');
    assert.equal(schemaFileName('../x y'), 'x-y.schema.json');
    assert.equal(schemaFileName('..'), 'openedx.schema.json');
  });
  it('writes two-space JSON with a final newline', () => {
    assert.equal(serializeSchema({ type: 'object', required: ['A'] }), '{\n  "type": "object",\n  "required": [\n    "A"\n  ]\n}\n');
  });
});

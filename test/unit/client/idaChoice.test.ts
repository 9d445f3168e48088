import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdaListing } from '../../../server/src/protocol/messages';
import { idaPickItems, persistenceItems } from '../../../client/src/idaChoice';

const LISTING: IdaListing[] = [
  { ida: 'studio', source: 'shipped', revision: 'openedx/openedx-platform@0191bfd216e9 (2026-11-25)' },
  { ida: 'demo', source: 'live', revision: '/w/demo' },
  { ida: 'lms', source: 'user', revision: '' },
];

describe('idaPickItems', () => {
  it('offers automatic first, then the IDAs by name with their sources', () => {
    assert.deepEqual(idaPickItems(LISTING, undefined), [
      {
        label: '$(wand) Automatic',
        description: 'current: no IDA',
        detail: 'Let the modeline, the openedxConfig.associations setting, the folder or the file name decide',
        ida: undefined,
      },
      { label: 'demo', description: 'live', detail: '/w/demo', ida: 'demo' },
      { label: 'lms', description: 'user schema', ida: 'lms' },
      { label: 'studio', description: 'shipped 0191bfd', detail: 'openedx/openedx-platform@0191bfd216e9 (2026-11-25)', ida: 'studio' },
    ]);
  });

  it('marks an automatic association and the IDA it chose', () => {
    const items = idaPickItems(LISTING, { uri: 'u', ida: 'studio', reason: 'file name' });
    assert.equal(items[0].description, 'current: studio by file name');
    assert.equal(items[3].description, 'shipped 0191bfd · current');
  });

  it('marks only the IDA when the user chose it', () => {
    const items = idaPickItems(LISTING, { uri: 'u', ida: 'demo', reason: 'user choice' });
    assert.equal(items[0].description, undefined);
    assert.equal(items[1].description, 'live · current');
  });
});

describe('persistenceItems', () => {
  it('offers the session, a modeline and an association setting', () => {
    assert.deepEqual(
      persistenceItems('lms', 'deploy/app.yml', true).map((i) => [i.persistence, i.detail]),
      [
        ['session', 'Until the window is reloaded; nothing is written'],
        ['modeline', 'Make line 1 of the file: # openedx-config: ida=lms'],
        ['association', 'openedxConfig.associations: "deploy/app.yml": "lms"'],
      ],
    );
  });

  it('leaves out what cannot be written', () => {
    assert.deepEqual(persistenceItems('lms', undefined, false).map((i) => i.persistence), ['session']);
  });
});

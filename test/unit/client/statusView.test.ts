import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSchemaInfo, LibrariesInfo } from '../../../server/src/protocol/messages';
import { countsText, environmentSentence, librariesLabel, librariesSentence, shortCommit, sourceLabel, sourceSentence, statusView, visibleCounts } from '../../../client/src/statusView';
import { withClientFacts } from '../../../client/src/documentationCache';

const LIVE: DocumentSchemaInfo = {
  uri: 'file:///w/lms.yml',
  ida: 'lms',
  reason: 'file name',
  source: 'live',
  revision: '/src/openedx-platform',
  counts: { errors: 1, warnings: 2, infos: 0 },
};
const SHIPPED: DocumentSchemaInfo = {
  uri: 'file:///w/lms.yml',
  ida: 'lms',
  reason: 'file name',
  source: 'shipped',
  revision: 'openedx/openedx-platform@0191bfd216e9bf220f9c5cdda34cef073d0718db (2026-11-25)',
  counts: { errors: 0, warnings: 0, infos: 0 },
};

describe('shortCommit', () => {
  it('takes 7 characters of the commit in `repo@commit (date)`', () => {
    assert.equal(shortCommit(SHIPPED.revision), '0191bfd');
  });
  it('accepts a bare commit, and refuses anything else', () => {
    assert.equal(shortCommit('0191BFD216E9'), '0191bfd');
    assert.equal(shortCommit('openedx/openedx-platform'), undefined);
    assert.equal(shortCommit('/home/me/src@work/settings'), undefined);
    assert.equal(shortCommit(undefined), undefined);
  });
});

describe('sourceLabel', () => {
  it('names each source in a few characters', () => {
    assert.equal(sourceLabel(LIVE), 'live');
    assert.equal(sourceLabel(SHIPPED), 'shipped 0191bfd');
    assert.equal(sourceLabel({ ...SHIPPED, revision: undefined }), 'shipped');
    assert.equal(sourceLabel({ uri: 'u', ida: 'lms', source: 'user', revision: '/s/lms.json' }), 'user schema');
    assert.equal(sourceLabel({ uri: 'u', ida: 'lms' }), 'no schema');
  });

  it('says `docs` once a shipped schema\'s documentation is downloaded, and the tooltip says what to do otherwise', () => {
    assert.equal(sourceLabel({ ...SHIPPED, documentation: 'downloaded' }), 'shipped 0191bfd · docs');
    assert.equal(sourceLabel({ ...SHIPPED, documentation: 'missing' }), 'shipped 0191bfd');
    assert.match(sourceSentence({ ...SHIPPED, documentation: 'missing' }), / Its setting documentation is not downloaded \(\*Open edX: Download Setting Documentation\*\)\.$/);
    assert.match(sourceSentence({ ...SHIPPED, documentation: 'downloaded' }), / Its setting documentation is downloaded\.$/);
    assert.match(sourceSentence({ ...SHIPPED, documentation: 'corrupt' }), /no longer matches its checksums: download it again\.$/);
  });
});

describe('withClientFacts', () => {
  const facts = { documentationFolder: '/g/documentation', librariesFolder: '/g/libraries' };
  it('fills both cache folders into the section the server pulls, unless the user named them', () => {
    assert.deepEqual(withClientFacts({ rules: {} }, facts), { rules: {}, documentation: { cacheFolder: '/g/documentation' }, libraries: { cacheFolder: '/g/libraries' } });
    assert.deepEqual(withClientFacts({ documentation: { cacheFolder: '' }, libraries: { cacheFolder: '/mine' } }, facts), { documentation: { cacheFolder: '/g/documentation' }, libraries: { cacheFolder: '/mine' } });
    assert.deepEqual(withClientFacts({ documentation: { cacheFolder: '/mine' } }, facts), { documentation: { cacheFolder: '/mine' }, libraries: { cacheFolder: '/g/libraries' } });
    assert.deepEqual(withClientFacts(null, facts), { documentation: { cacheFolder: '/g/documentation' }, libraries: { cacheFolder: '/g/libraries' } });
    assert.deepEqual(withClientFacts({ documentation: 'oops' }, facts), { documentation: { cacheFolder: '/g/documentation' }, libraries: { cacheFolder: '/g/libraries' } });
  });
  it("passes the Python extension's interpreter only where the user named no environment", () => {
    const withInterpreter = { ...facts, interpreter: '/venv/bin/python' };
    assert.equal((withClientFacts({}, withInterpreter) as { pythonEnvironment?: string }).pythonEnvironment, '/venv/bin/python');
    assert.equal((withClientFacts({ pythonEnvironment: ' ' }, withInterpreter) as { pythonEnvironment?: string }).pythonEnvironment, '/venv/bin/python');
    assert.equal((withClientFacts({ pythonEnvironment: 'off' }, withInterpreter) as { pythonEnvironment?: string }).pythonEnvironment, 'off');
    assert.equal((withClientFacts({ pythonEnvironment: '/other' }, withInterpreter) as { pythonEnvironment?: string }).pythonEnvironment, '/other');
    assert.equal((withClientFacts({}, facts) as { pythonEnvironment?: string }).pythonEnvironment, undefined);
  });
});

describe('libraries', () => {
  const scanning: LibrariesInfo = { source: 'environment', folder: '/venv/lib/python3.11/site-packages', state: 'scanning', packages: 0, keys: 0, progress: { done: 120, total: 400 } };
  it('shows the progress of a scan in the text, and nothing once it is over', () => {
    assert.equal(librariesLabel({ source: 'shipped', state: 'ready', packages: 25, keys: 700, environment: scanning }), ' · scanning 30%');
    assert.equal(librariesLabel({ ...scanning, progress: undefined }), ' · scanning');
    assert.equal(librariesLabel({ ...scanning, state: 'ready', packages: 40, keys: 900 }), '');
    assert.equal(librariesLabel(undefined), '');
  });
  it('says in the tooltip whose settings are known', () => {
    assert.equal(librariesSentence({ ...scanning, state: 'ready', packages: 40, keys: 900 }), 'Libraries: 900 settings read by 40 packages installed in `/venv/lib/python3.11/site-packages`.');
    assert.equal(librariesSentence({ source: 'shipped', state: 'ready', packages: 25, keys: 700 }), "Libraries: 700 settings read by 25 packages, shipped with the extension (set `openedxConfig.pythonEnvironment` to use your own environment's).");
    assert.equal(librariesSentence({ source: 'shipped', state: 'ready', packages: 25, keys: 700, environment: scanning }), 'Libraries: 700 settings read by 25 packages, shipped with the extension, until the scan of `/venv/lib/python3.11/site-packages` ends.');
    assert.equal(
      librariesSentence({ source: 'shipped', state: 'ready', packages: 1, keys: 1, environment: { ...scanning, state: 'failed', error: 'not a folder' } }),
      'Libraries: 1 setting read by 1 package, shipped with the extension: the Python environment `/venv/lib/python3.11/site-packages` could not be scanned (not a folder).',
    );
    assert.equal(librariesSentence(undefined), undefined);
  });
});

describe('counts', () => {
  it('shows errors and warnings, information only when present, and a check when clean', () => {
    assert.equal(countsText({ errors: 1, warnings: 0, infos: 0 }), '$(error) 1 $(warning) 0');
    assert.equal(countsText({ errors: 0, warnings: 2, infos: 3 }), '$(error) 0 $(warning) 2 $(info) 3');
    assert.equal(countsText({ errors: 0, warnings: 0, infos: 0 }), '$(check)');
  });
  it('subtracts hidden diagnostics without going below zero', () => {
    assert.deepEqual(visibleCounts({ errors: 3, warnings: 1, infos: 0 }, { errors: 2, warnings: 2, infos: 0 }), { errors: 1, warnings: 0, infos: 0 });
  });
});

describe('statusView', () => {
  it('is hidden on documents without an IDA', () => {
    assert.equal(statusView(undefined, 'running'), undefined);
    assert.equal(statusView({ uri: 'file:///w/docker-compose.yml' }, 'running'), undefined);
  });

  it('shows the IDA, a live source and the counts', () => {
    const view = statusView(LIVE, 'running');
    assert.equal(view?.text, '$(settings-gear) lms · live  $(error) 1 $(warning) 2');
    assert.equal(view?.command, 'openedxConfig.statusMenu');
    assert.equal(view?.alarming, false);
    assert.equal(
      view?.tooltip,
      [
        '**Open edX Config**: `lms` (chosen by file name)',
        'Schema extracted live from `/src/openedx-platform`.',
        'Problems: 1 error, 2 warnings, no information messages.',
        'Click for Open edX commands.',
      ].join('\n\n'),
    );
  });

  it('shows a shipped source with its short commit, and a check when clean', () => {
    const view = statusView(SHIPPED, 'running');
    assert.equal(view?.text, '$(settings-gear) lms · shipped 0191bfd  $(check)');
    assert.match(view?.tooltip ?? '', /Schema shipped with the extension, extracted from `openedx\/openedx-platform@0191bfd216e9bf220f9c5cdda34cef073d0718db \(2026-11-25\)`\./);
  });

  it('leaves the counts out until the server sends them', () => {
    assert.equal(statusView({ ...LIVE, counts: undefined }, 'running')?.text, '$(settings-gear) lms · live');
  });

  it('counts only what is shown, and says what Red Hat YAML reports instead', () => {
    const view = statusView(LIVE, 'running', { errors: 1, warnings: 0, infos: 0 });
    assert.equal(view?.text, '$(settings-gear) lms · live  $(error) 0 $(warning) 2');
    assert.match(view?.tooltip ?? '', /1 problem is left to the Red Hat YAML extension, which reports it too\./);
  });

  it('spins while the server starts', () => {
    assert.equal(statusView(LIVE, 'starting')?.text, '$(sync~spin) lms · live');
  });

  it('alarms and offers a restart when the server stopped', () => {
    const view = statusView(LIVE, 'stopped');
    assert.equal(view?.text, '$(error) lms · server stopped');
    assert.equal(view?.command, 'openedxConfig.restartServer');
    assert.equal(view?.alarming, true);
  });

  it('keeps backticks in paths from breaking the Markdown', () => {
    const view = statusView({ ...LIVE, revision: '/odd`path' }, 'running');
    assert.match(view?.tooltip ?? '', /`\/odd'path`/);
  });
});

describe('the environment line of the tooltip', () => {
  it('says production plainly, and what changes elsewhere', () => {
    assert.equal(environmentSentence('production'), 'Environment: production.');
    assert.equal(environmentSentence('devstack'), 'Environment: devstack (placeholder secrets are expected here: `insecure-secret` is off).');
  });
  it('is in the tooltip after the schema source when the server gives an environment', () => {
    const view = statusView({ ...LIVE, environment: 'test' }, 'running');
    const lines = (view?.tooltip ?? '').split('\n\n');
    assert.equal(lines[2], 'Environment: test (placeholder secrets are expected here: `insecure-secret` is off).');
    assert.equal(statusView(LIVE, 'running')?.tooltip.includes('Environment:'), false);
  });
});

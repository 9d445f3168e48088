/**
 * Celery's option table read into settings, on a table we write in Celery's shape: the names
 * under the `CELERY_` namespace and the old names, types from `type=` widened by the default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCeleryDefaults, scanCeleryDefaults } from '../../../server/src/libraries/celeryDefaults';
import type { ReadFact } from '../../../server/src/libraries/facts';
import { withPythonTree } from '../../../server/src/python/parser';
import { copyTree } from '../../../server/src/python/syntaxTree';

const TABLE = [
  "OLD_NS = {'celery_{0}'}",
  "OLD_NS_WORKER = {'celeryd_{0}'}",
  "DEFAULT_CONTENT = ['json']",
  'def Namespace(__old__=None, **options):',
  '    return options',
  'def old_ns(ns):',
  "    return {f'{ns}_{{0}}'}",
  'class Option:',
  '    pass',
  'NAMESPACES = Namespace(',
  "    accept_content=Option(DEFAULT_CONTENT, type='list', old=OLD_NS),",
  "    enable_utc=Option(True, type='bool'),",
  "    timezone=Option(type='string', old=OLD_NS),",
  '    broker=Namespace(',
  "        url=Option(None, type='string'),",
  "        heartbeat_checkrate=Option(3.0, type='int'),",
  '    ),',
  '    cache=Namespace(',
  "        __old__=old_ns('celery_cache'),",
  '        backend=Option(),',
  '    ),',
  '    task=Namespace(',
  '        __old__=OLD_NS,',
  "        always_eager=Option(False, type='bool'),",
  "        eager_propagates=Option(False, type='bool', old={'celery_eager_propagates_exceptions'}),",
  "        annotations=Option(type='any'),",
  "        expires=Option(timedelta(days=1), type='float'),",
  '    ),',
  '    worker=Namespace(',
  '        __old__=OLD_NS_WORKER,',
  "        prefetch_multiplier=Option(4, type='int'),",
  '    ),',
  ')',
  '',
].join('\n');

/** Name, line, types (`?` when nullable, the kind when not JSON) and default of each read. */
function brief(reads: readonly ReadFact[]): string[] {
  return reads.map((r) => {
    const t = r.default?.type;
    const types = t === undefined ? '-' : t.kind === 'json' ? `${t.types.join('|')}${t.nullable ? '?' : ''}` : `${t.kind}${t.nullable ? '?' : ''}`;
    const value = r.default?.value !== undefined ? JSON.stringify(r.default.value) : `~${r.default?.text}`;
    return `${r.path.join('.')} ${r.line} ${types} ${value}`;
  });
}

test('only Celery\'s own module is its table', () => {
  assert.deepEqual([isCeleryDefaults('celery/app/defaults.py'), isCeleryDefaults('other/app/defaults.py'), isCeleryDefaults('celery/app/utils.py')], [true, false, false]);
});

test('every option under the CELERY_ namespace and under its old names, with types and defaults', async () => {
  const reads = await withPythonTree(TABLE, (tree) => scanCeleryDefaults(copyTree(tree, TABLE), 'celery/app/defaults.py'));
  assert.deepEqual(brief(reads), [
    'CELERY_ACCEPT_CONTENT 11 array ["json"]',
    'CELERY_ENABLE_UTC 12 boolean true',
    'ENABLE_UTC 12 boolean true',
    'CELERY_TIMEZONE 13 string? null',
    'CELERY_BROKER_URL 15 string? null',
    'BROKER_URL 15 string? null',
    'CELERY_BROKER_HEARTBEAT_CHECKRATE 16 integer|number 3',
    'BROKER_HEARTBEAT_CHECKRATE 16 integer|number 3',
    'CELERY_CACHE_BACKEND 20 string? null',
    'CELERY_TASK_ALWAYS_EAGER 24 boolean false',
    'CELERY_ALWAYS_EAGER 24 boolean false',
    'CELERY_TASK_EAGER_PROPAGATES 25 boolean false',
    'CELERY_EAGER_PROPAGATES_EXCEPTIONS 25 boolean false',
    'CELERY_TASK_ANNOTATIONS 26 unknown? null',
    'CELERY_ANNOTATIONS 26 unknown? null',
    'CELERY_TASK_EXPIRES 27 number ~timedelta(days=1)',
    'CELERY_EXPIRES 27 number ~timedelta(days=1)',
    'CELERY_WORKER_PREFETCH_MULTIPLIER 31 integer 4',
    'CELERYD_PREFETCH_MULTIPLIER 31 integer 4',
  ]);
  assert.deepEqual(reads[0], {
    path: ['CELERY_ACCEPT_CONTENT'],
    file: 'celery/app/defaults.py',
    line: 11,
    column: 4,
    how: 'defaults',
    default: { type: { kind: 'json', types: ['array'], nullable: false, from: 'hint' }, value: ['json'], text: 'DEFAULT_CONTENT' },
  });
});

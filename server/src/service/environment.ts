/**
 * The environment a config file runs in, by its path alone (docs/settings.md, "Environments").
 * Pure. Outside `production`, placeholder secrets are expected and `insecure-secret` is quiet.
 */
import type { Environment } from '../protocol/types';

/** The environments, as the modeline (`env=`) and `openedxConfig.associations` name them. */
export const ENVIRONMENTS: readonly Environment[] = ['production', 'devstack', 'test', 'local'];

/** Whether a word names an {@link Environment}. */
export function isEnvironment(word: string): word is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(word);
}

/** YAML and template suffixes, stripped before the name's words are read. */
const SUFFIXES = /(\.env)?\.ya?ml(\.(jinja2?|j2|tmpl|tpl))?$/i;

/** Words of a file name (split at `.`, `_`, `-`) and the environment each gives, strongest first. */
const NAME_WORDS: ReadonlyArray<readonly [Environment, ReadonlySet<string>]> = [
  ['devstack', new Set(['dev', 'development'])],
  ['test', new Set(['test', 'tests', 'testing', 'mock', 'ci'])],
  ['local', new Set(['local', 'example', 'sample', 'minimal'])],
];

/** The file's own folder, when its name gives an environment. */
const FOLDERS: Readonly<Record<string, Environment>> = Object.freeze({ devstack: 'devstack', test: 'test', tests: 'test' });

/**
 * The environment of a config file by its path (a URI or a file path; `/` or `\`): its own folder
 * (`devstack/` → devstack; `test/`, `tests/` → test), else a name holding `devstack`, else the first
 * word of its name in {@link NAME_WORDS}; `production` when nothing says otherwise.
 */
export function environmentFromPath(uriOrPath: string): Environment {
  const parts = uriOrPath.split(/[\\/]+/).filter((p) => p !== '');
  const base = (parts.pop() ?? '').toLowerCase();
  const folder = (parts.pop() ?? '').toLowerCase();
  if (Object.hasOwn(FOLDERS, folder)) return FOLDERS[folder];
  const stem = base.replace(SUFFIXES, '');
  if (stem.includes('devstack')) return 'devstack';
  const words = stem.split(/[._-]+/);
  for (const [environment, names] of NAME_WORDS) if (words.some((w) => names.has(w))) return environment;
  return 'production';
}

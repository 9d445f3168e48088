/**
 * Association of a config file with an IDA by its name alone (OPENEDX-SETTINGS.md §3).
 * Pure: no file system access, so it runs on every document open at no cost.
 */
import { canonicalIda } from './idaAliases';

/** File-name stems that name an IDA (`notes.yml` or `django.yml` say too little to be associated by name). */
const FILE_STEMS: readonly string[] = ['lms', 'studio', 'cms', 'credentials', 'ecommerce', 'discovery', 'registrar', 'license_manager', 'enterprise_catalog', 'analytics_api', 'xqueue', 'edx_notes_api'];

/** File-name stem (before `.yml`, `.env.yml`, …) → IDA identifier as used by schemas/*.json, through the alias table. */
export const IDA_BY_FILE_STEM: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(FILE_STEMS.map((stem) => [stem, canonicalIda(stem)])));

/** Settings packages whose YAML files (`devstack.yml`, `test.yml`, …) belong to one IDA whatever their name. */
const IDA_BY_ENVS_FOLDER: Readonly<Record<string, string>> = Object.freeze({ lms: 'lms', cms: 'studio' });

/** `.yml`/`.yaml`, optionally preceded by `.env` (Tutor) and followed by a template suffix (`.jinja`, `.j2`). */
const CONFIG_NAME = /^(.+?)(?:\.env)?\.ya?ml(?:\.(?:jinja2?|j2|tmpl|tpl))?$/i;

/** A YAML file name, template suffixes included: `x.yml`, `x.yaml`, `x.env.yml.jinja`. */
const YAML_NAME = /\.ya?ml(?:\.(?:jinja2?|j2|tmpl|tpl))?$/i;

/**
 * The IDA a file belongs to by its path: `lms.yml`, `lms.env.yml(.jinja)`, `…/lms/envs/*.yml` → `lms`;
 * `studio.yml`, `cms.yml`, `cms.env.yml`, `…/cms/envs/*.yml` → `studio`; and so on for the other IDAs.
 * Accepts `/` and `\` separators. Undefined when the name says nothing (`devstack.yml`, `ecomworker.yml`).
 */
export function idaFromFileName(filePath: string): string | undefined {
  const parts = filePath.split(/[\\/]+/).filter((p) => p !== '');
  const base = parts[parts.length - 1];
  if (base === undefined) return undefined;
  const match = CONFIG_NAME.exec(base);
  if (match === null) return undefined;
  const stem = match[1].toLowerCase();
  if (Object.hasOwn(IDA_BY_FILE_STEM, stem)) return IDA_BY_FILE_STEM[stem];
  const app = parts[parts.length - 3]?.toLowerCase();
  if (parts[parts.length - 2]?.toLowerCase() === 'envs' && app !== undefined && Object.hasOwn(IDA_BY_ENVS_FOLDER, app)) return IDA_BY_ENVS_FOLDER[app];
  return undefined;
}

/** Whether a path names a YAML file (template suffixes included): only those are ever associated by folder. */
export function isYamlFileName(filePath: string): boolean {
  return YAML_NAME.test(filePath);
}

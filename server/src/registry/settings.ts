/**
 * The `openedxConfig.*` settings the server reads, and their normalisation from whatever the
 * client sends (the workspace configuration is user-edited JSON: anything may arrive).
 * Problems are reported by setting name only, never with the value (values may be private paths
 * or tokens pasted by mistake).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { isEnvironment } from '../service/environment';
import { MAX_GLOB_LENGTH } from './globs';
import { withCanonicalIdaKeys } from './idaAliases';

/** A rule severity override. `off` silences the rule. */
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The severities a rule may be set to, in the order documented in docs/settings.md. */
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];

/** The server-side settings (section `openedxConfig`). `trace.server` is read by the client only. */
export interface OpenedxConfigSettings {
  /** IDA → folder holding its settings sources (a checkout, or the settings package itself). */
  sources: Record<string, string>;
  /** IDA → schema file in our format; wins over live and shipped schemas. */
  schemas: Record<string, string>;
  /** Glob → IDA, or `IDA:ENV` to give the environment too (object values are read into this form). */
  associations: Record<string, string>;
  /** Whether the schemas shipped with the extension are used when nothing better is known. */
  shippedSchemas: boolean;
  /** Rule id → severity override. */
  rules: Record<string, RuleSeverity>;
  /** Keys never reported as unknown (plugin settings, site-specific keys). */
  knownKeys: string[];
  /**
   * The folder of downloaded documentation (`documentation.cacheFolder`): the VS Code client sets
   * it to its global storage; other clients may set it; default {@link defaultDocumentationCache}.
   */
  documentationCache: string;
  /**
   * The Python environment whose installed packages make the libraries layer
   * (`openedxConfig.pythonEnvironment`): a virtualenv, a `site-packages` folder or a Python
   * executable. Empty: `.venv`/`venv` in a workspace folder when there is one (the VS Code client
   * fills in the Python extension's selected interpreter first); `off`: none, the shipped
   * libraries layer applies.
   */
  pythonEnvironment: string;
  /** Where scans of Python environments are cached (`libraries.cacheFolder`): the VS Code client sets its global storage; default {@link defaultLibrariesCache}. */
  librariesCache: string;
}

/**
 * The name of each server setting under `openedxConfig` (as clients send it and VS Code declares
 * it); nested sections are dotted.
 */
export const SETTING_NAMES: Readonly<Record<keyof OpenedxConfigSettings, string>> = Object.freeze({
  sources: 'sources',
  schemas: 'schemas',
  associations: 'associations',
  shippedSchemas: 'shippedSchemas',
  rules: 'rules',
  knownKeys: 'knownKeys',
  documentationCache: 'documentation.cacheFolder',
  pythonEnvironment: 'pythonEnvironment',
  librariesCache: 'libraries.cacheFolder',
});

/** The documentation cache of clients that name none, shared with the CLI: `$XDG_CACHE_HOME/openedx-config/documentation`, else under `~/.cache`. */
export function defaultDocumentationCache(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME !== undefined && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'openedx-config', 'documentation');
}

/** The cache of Python environment scans for clients that name none: beside {@link defaultDocumentationCache}. */
export function defaultLibrariesCache(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultDocumentationCache(env)), 'libraries');
}

/** The defaults, as documented in docs/settings.md. */
export const DEFAULT_SETTINGS: Readonly<OpenedxConfigSettings> = Object.freeze({
  sources: {},
  schemas: {},
  associations: {},
  shippedSchemas: true,
  rules: {},
  knownKeys: [],
  documentationCache: defaultDocumentationCache(),
  pythonEnvironment: '',
  librariesCache: defaultLibrariesCache(),
});

/** Normalised settings and what was ignored. */
export interface SettingsResult {
  settings: OpenedxConfigSettings;
  /** One line per ignored entry, naming the setting (never its value). */
  problems: string[];
}

/**
 * Reads the `openedxConfig` section as sent by the client. Wrong-typed parts fall back to their
 * defaults (with a problem each); unknown extra fields are ignored. Never throws.
 */
export function readSettings(raw: unknown): SettingsResult {
  const problems: string[] = [];
  const section = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('openedxConfig: expected an object; using the defaults');
  return {
    settings: {
      sources: withCanonicalIdaKeys(stringMap(section.sources, 'openedxConfig.sources', problems)),
      schemas: withCanonicalIdaKeys(stringMap(section.schemas, 'openedxConfig.schemas', problems)),
      associations: boundedGlobs(stringMap(associationStrings(section.associations, problems), 'openedxConfig.associations', problems), problems),
      shippedSchemas: bool(section.shippedSchemas, 'openedxConfig.shippedSchemas', DEFAULT_SETTINGS.shippedSchemas, problems),
      rules: ruleMap(section.rules, problems),
      knownKeys: stringList(section.knownKeys, 'openedxConfig.knownKeys', problems),
      documentationCache: cacheFolder(section.documentation, 'openedxConfig.documentation.cacheFolder', DEFAULT_SETTINGS.documentationCache, problems),
      pythonEnvironment: optionalString(section.pythonEnvironment, 'openedxConfig.pythonEnvironment', problems),
      librariesCache: cacheFolder(section.libraries, 'openedxConfig.libraries.cacheFolder', DEFAULT_SETTINGS.librariesCache, problems),
    },
    problems,
  };
}

/** A section's `cacheFolder` (`documentation`, `libraries`): an absolute path, else the default. */
function cacheFolder(value: unknown, name: string, fallback: string, problems: string[]): string {
  const folder = isRecord(value) ? value.cacheFolder : undefined;
  if (folder === undefined || folder === null || folder === '') return fallback;
  if (typeof folder === 'string' && path.isAbsolute(folder)) return folder;
  problems.push(`${name}: expected an absolute path; using the default`);
  return fallback;
}

/** A string setting whose default is empty. */
function optionalString(value: unknown, name: string, problems: string[]): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  problems.push(`${name}: expected a string; ignored`);
  return '';
}

function stringMap(value: unknown, name: string, problems: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    problems.push(`${name}: expected an object; ignored`);
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && v.trim() !== '' && key.trim() !== '') out[key.trim()] = v.trim();
    else problems.push(`${name}.${key}: expected a non-empty string; ignored`);
  }
  return out;
}

/**
 * `openedxConfig.associations` with its object values (`{ "ida": "lms", "env": "devstack" }`)
 * written as the string form `lms:devstack` (`association.ts`'s `associationValue`); anything
 * else is left for {@link stringMap} to judge.
 */
function associationStrings(value: unknown, problems: string[]): unknown {
  if (!isRecord(value)) return value;
  // No prototype: a `__proto__` glob stays an ordinary key.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [glob, v] of Object.entries(value)) {
    if (!isRecord(v)) {
      out[glob] = v;
      continue;
    }
    const { ida, env } = v;
    if (typeof ida !== 'string' || ida.trim() === '') {
      problems.push(`openedxConfig.associations.${glob}: expected "ida" to be a non-empty string; ignored`);
      continue;
    }
    if (env !== undefined && (typeof env !== 'string' || !isEnvironment(env))) {
      problems.push(`openedxConfig.associations.${glob}: expected "env" to be production, devstack, test or local; ignored`);
      continue;
    }
    out[glob] = env === undefined ? ida : `${ida.trim()}:${env}`;
  }
  return out;
}

/** Drops globs over {@link MAX_GLOB_LENGTH} characters, with a problem that gives the length, not the glob. */
function boundedGlobs(associations: Record<string, string>, problems: string[]): Record<string, string> {
  for (const glob of Object.keys(associations)) {
    if (glob.length <= MAX_GLOB_LENGTH) continue;
    delete associations[glob];
    problems.push(`openedxConfig.associations: a glob of ${glob.length} characters is longer than ${MAX_GLOB_LENGTH}; ignored`);
  }
  return associations;
}

function ruleMap(value: unknown, problems: string[]): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = Object.create(null) as Record<string, RuleSeverity>;
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    problems.push('openedxConfig.rules: expected an object; ignored');
    return out;
  }
  for (const [rule, v] of Object.entries(value)) {
    const severity = typeof v === 'string' ? normaliseSeverity(v) : undefined;
    if (severity !== undefined) out[rule] = severity;
    else problems.push(`openedxConfig.rules.${rule}: expected one of ${RULE_SEVERITIES.join(', ')}; ignored`);
  }
  return out;
}

/** Accepts the documented names, plus the usual aliases (`info`, `warn`, `none`, `ignore`). */
export function normaliseSeverity(value: string): RuleSeverity | undefined {
  const v = value.trim().toLowerCase();
  if ((RULE_SEVERITIES as readonly string[]).includes(v)) return v as RuleSeverity;
  const aliases: Record<string, RuleSeverity> = { info: 'information', warn: 'warning', none: 'off', ignore: 'off', disabled: 'off' };
  return Object.hasOwn(aliases, v) ? aliases[v] : undefined;
}

function stringList(value: unknown, name: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`${name}: expected an array of strings; ignored`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v: unknown, i) => {
    if (typeof v === 'string' && v.trim() !== '') out.push(v.trim());
    else problems.push(`${name}[${i}]: expected a non-empty string; ignored`);
  });
  return out;
}

function bool(value: unknown, name: string, fallback: boolean, problems: string[]): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(`${name}: expected true or false; using ${String(fallback)}`);
  return fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

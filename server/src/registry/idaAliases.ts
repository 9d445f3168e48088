/**
 * The IDA names users type, and the IDA each stands for: the one table behind every place an IDA
 * is named (`--ida`, the modeline, `openedxConfig.associations` values, `openedxConfig.schemas`
 * and `sources` keys, the session choice). Pure: a lookup, no file system.
 */

/**
 * Alias → IDA identifier (as shipped schemas name them). The platform calls Studio `cms` in its
 * folders and file names; the other IDAs are known by their repository name as well as their own.
 */
export const IDA_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  lms: 'lms',
  studio: 'studio',
  cms: 'studio',
  credentials: 'credentials',
  ecommerce: 'ecommerce',
  discovery: 'discovery',
  'course-discovery': 'discovery',
  registrar: 'registrar',
  'license-manager': 'license-manager',
  license_manager: 'license-manager',
  'enterprise-catalog': 'enterprise-catalog',
  enterprise_catalog: 'enterprise-catalog',
  'analytics-api': 'analytics-api',
  analytics: 'analytics-api',
  analytics_api: 'analytics-api',
  'edx-analytics-data-api': 'analytics-api',
  'edx-notes-api': 'edx-notes-api',
  notes: 'edx-notes-api',
  edx_notes_api: 'edx-notes-api',
  xqueue: 'xqueue',
  django: 'django',
});

/**
 * The IDA a typed name stands for: an alias's IDA (case and surrounding spaces ignored), else the
 * name itself, unchanged (a user schema may serve an IDA of its own name).
 */
export function canonicalIda(name: string): string {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(IDA_ALIASES, key) ? IDA_ALIASES[key] : name;
}

/** The names other than itself that stand for an IDA, sorted (`studio` → `cms`). */
export function aliasesOf(ida: string): string[] {
  return Object.keys(IDA_ALIASES)
    .filter((alias) => alias !== ida && IDA_ALIASES[alias] === ida)
    .sort();
}

/** The table as `--help` lists it: one line per IDA, `studio (cms)`. */
export function aliasHelpLines(): string[] {
  const idas = [...new Set(Object.values(IDA_ALIASES))].sort();
  return idas.map((ida) => {
    const others = aliasesOf(ida);
    return others.length === 0 ? ida : `${ida} (${others.join(', ')})`;
  });
}

/** A record whose keys name IDAs, with each key replaced by its IDA (the first entry wins when two name the same IDA). */
export function withCanonicalIdaKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(record)) {
    const ida = canonicalIda(key);
    if (!Object.hasOwn(out, ida)) out[ida] = value;
  }
  return out;
}

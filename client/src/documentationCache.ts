/**
 * What the client fills into the `openedxConfig` section the server pulls, so the server never
 * guesses a folder of its own: where downloaded documentation and Python environment scans are
 * kept (the extension's global storage, unless the user named a folder), and the Python
 * extension's selected interpreter when the user named no environment. Pure (no `vscode` import).
 */

/** What the client knows that the server cannot: its storage folders and the Python extension's interpreter. */
export interface ClientFacts {
  /** Downloaded documentation (`<globalStorage>/documentation`). */
  documentationFolder: string;
  /** Scans of Python environments (`<globalStorage>/libraries`). */
  librariesFolder: string;
  /** The interpreter the Python extension has selected for the folder, when it is active and has one. */
  interpreter?: string;
}

/**
 * The section with every client fact filled in where the user set nothing: both cache folders, and
 * `pythonEnvironment` from the Python extension's interpreter (an explicit setting, `off`
 * included, is kept).
 */
export function withClientFacts(section: unknown, facts: ClientFacts): unknown {
  const value = withSubsectionFolder(withSubsectionFolder(section, 'documentation', facts.documentationFolder), 'libraries', facts.librariesFolder) as Record<string, unknown>;
  const given = value.pythonEnvironment;
  if (facts.interpreter !== undefined && facts.interpreter !== '' && (given === undefined || given === null || (typeof given === 'string' && given.trim() === ''))) {
    value.pythonEnvironment = facts.interpreter;
  }
  return value;
}

/** `section` with `<name>.cacheFolder` set to `folder` unless it holds a non-empty string. */
function withSubsectionFolder(section: unknown, name: string, folder: string): unknown {
  const value: Record<string, unknown> = isObject(section) ? { ...section } : {};
  const sub = value[name];
  const copy: Record<string, unknown> = isObject(sub) ? { ...sub } : {};
  if (typeof copy.cacheFolder === 'string' && copy.cacheFolder.trim() !== '') return value;
  copy.cacheFolder = folder;
  value[name] = copy;
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

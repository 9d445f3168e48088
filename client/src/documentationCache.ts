/**
 * Where the server reads downloaded documentation: the extension's global storage, unless the
 * user named a folder (`openedxConfig.documentation.cacheFolder`). The client fills it into the
 * `openedxConfig` section the server pulls, so the server never guesses a folder of its own.
 * Pure (no `vscode` import).
 */

/** The `openedxConfig` section with `documentation.cacheFolder` set to `folder` when the user set none. */
export function withCacheFolder(section: unknown, folder: string): unknown {
  const value: Record<string, unknown> = typeof section === 'object' && section !== null && !Array.isArray(section) ? { ...(section as Record<string, unknown>) } : {};
  const documentation = value.documentation;
  const docs: Record<string, unknown> = typeof documentation === 'object' && documentation !== null && !Array.isArray(documentation) ? { ...(documentation as Record<string, unknown>) } : {};
  if (typeof docs.cacheFolder === 'string' && docs.cacheFolder.trim() !== '') return value;
  docs.cacheFolder = folder;
  value.documentation = docs;
  return value;
}

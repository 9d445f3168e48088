/**
 * The documents the client hands to the server. Pure (no `vscode` import).
 *
 * Deliberately wider than "IDA config files": which YAML file belongs to which IDA depends on
 * the server's association rules (file name, folder, modeline, settings), and duplicating them
 * here would let the two drift. The server answers every other document with no diagnostics
 * and no completions, so unrelated YAML is left alone.
 */
import type { DocumentSelector } from 'vscode-languageserver-protocol';

/**
 * File name patterns of config files that may not carry the `yaml` language id: templates such as
 * Tutor's `lms.env.yml.jinja` (the template suffixes the server's association accepts).
 */
export const CONFIG_FILE_PATTERNS: readonly string[] = ['**/*.yml', '**/*.yaml', '**/*.{yml,yaml}.{jinja,jinja2,j2,tmpl,tpl}'];

/**
 * YAML by language id, plus the file patterns above. No scheme is given, so documents of
 * virtual workspaces (`vscode-vfs:` and the like) and untitled files are included; only live
 * extraction of settings needs `file:` URIs, and the server falls back to shipped schemas.
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'yaml' },
  ...CONFIG_FILE_PATTERNS.map((pattern) => ({ pattern })),
];

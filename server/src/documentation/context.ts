/**
 * What rendering reStructuredText to Markdown needs to know beyond the text itself.
 */

/** The caller's choices: where links point. */
export interface RstOptions {
  /** The link for a `:setting:` role's setting name; undefined → a plain code span. */
  settingUrl?: (name: string) => string | undefined;
  /** The documentation root that absolute `:doc:` paths are appended to, e.g. `https://docs.djangoproject.com/en/5.2/`. */
  docBaseUrl?: string;
}

/** The options plus what the document itself defines. */
export interface RenderContext extends RstOptions {
  /** Hyperlink targets (`.. _name: url`) by normalized name (see `targets.ts`). */
  targets: ReadonlyMap<string, string>;
}

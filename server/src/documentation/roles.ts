/**
 * What an interpreted-text role shows and where it links: Sphinx's and Django's roles, reduced to
 * a label, a style and an optional URL.
 */
import type { RenderContext } from './context';
import { isSafeUrl } from './targets';

/** How a role's label is set. */
export type RoleStyle = 'code' | 'text' | 'emphasis' | 'strong';

/** A role as shown: `label` is plain text, `url` a safe link or absent. */
export interface RoleView {
  label: string;
  style: RoleStyle;
  url?: string;
}

/** Python object roles: the target is a dotted path, `~` shows its last component. */
const PYTHON_ROLES: ReadonlySet<string> = new Set(['class', 'func', 'meth', 'attr', 'mod', 'data', 'exc', 'obj', 'const', 'type', 'function', 'method', 'attribute', 'module', 'exception']);
/** Roles Sphinx calls with parentheses appended (its `add_function_parentheses` default). */
const CALLABLE_ROLES: ReadonlySet<string> = new Set(['func', 'meth', 'function', 'method']);
/** Other roles whose text is code: Django's commands, template tags, lookups; Sphinx's files and options. */
const CODE_ROLES: ReadonlySet<string> = new Set([
  'setting', 'djadmin', 'djadminopt', 'ttag', 'tfilter', 'lookup', 'fieldlookup', 'templatetag', 'templatefilter',
  'option', 'envvar', 'file', 'samp', 'kbd', 'program', 'command', 'code', 'literal', 'mimetype', 'makevar', 'regexp', 'source',
]);

/** `text <target>` → its two parts; a bare `target` has no title. */
function splitTitle(content: string): { title?: string; target: string } {
  const flat = content.replace(/\s+/g, ' ').trim();
  if (flat.endsWith('>')) {
    const open = flat.lastIndexOf('<');
    if (open > 0 && flat[open - 1] === ' ') return { title: flat.slice(0, open - 1).trim(), target: flat.slice(open + 1, -1).trim() };
  }
  return { target: flat };
}

/** The shown name of a Python object: `~` keeps the last dotted component, `!` only suppresses the link. */
function pythonLabel(role: string, target: string): string {
  let name = target.replace(/^!/, '');
  if (name.startsWith('~')) name = name.slice(name.lastIndexOf('.') + 1).replace(/^~/, '');
  return CALLABLE_ROLES.has(role) && !name.endsWith(')') ? `${name}()` : name;
}

/** `docBaseUrl` + an absolute document path, as Sphinx's directory builder names pages (`/topics/cache` → `…/topics/cache/`). */
function docUrl(base: string | undefined, path: string): string | undefined {
  if (base === undefined || !path.startsWith('/') || !isSafeUrl(base)) return undefined;
  // Trimmed by hand: an end-anchored regex over a run of slashes is quadratic.
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start++;
  while (end > start && path[end - 1] === '/') end--;
  const page = start === end ? '' : `${path.slice(start, end)}/`;
  return `${base.endsWith('/') ? base : `${base}/`}${page}`;
}

/** `7231` or `7231#section-4` → the RFC's page. */
function rfcView(title: string | undefined, target: string): RoleView {
  const m = /^(\d{1,5})(#[\w.-]*)?$/.exec(target);
  if (m === null) return { label: title ?? target, style: 'text' };
  return { label: title ?? `RFC ${m[1]}`, style: 'text', url: `https://datatracker.ietf.org/doc/html/rfc${m[1]}${m[2] ?? ''}` };
}

/** `8` → PEP 8's page. */
function pepView(title: string | undefined, target: string): RoleView {
  const m = /^(\d{1,5})(#[\w.-]*)?$/.exec(target);
  if (m === null) return { label: title ?? target, style: 'text' };
  return { label: title ?? `PEP ${m[1]}`, style: 'text', url: `https://peps.python.org/pep-${m[1].padStart(4, '0')}/${m[2] ?? ''}` };
}

/** The caller's link for a setting, kept only when it is a web address. */
function settingLink(ctx: RenderContext, name: string): string | undefined {
  let url: string | undefined;
  try {
    url = ctx.settingUrl?.(name);
  } catch {
    // The caller's function failing costs the link, not the whole rendering (the parser never throws).
    return undefined;
  }
  return typeof url === 'string' && isSafeUrl(url) ? url : undefined;
}

/**
 * How `:role:`content`` is shown. Unknown roles show their text plainly, as docutils' generic
 * fallback would, without the role name.
 */
export function viewRole(role: string, content: string, ctx: RenderContext): RoleView {
  const { title, target } = splitTitle(content);
  if (role === 'setting') {
    const url = settingLink(ctx, target);
    return url === undefined ? { label: title ?? target, style: 'code' } : { label: title ?? target, style: 'code', url };
  }
  if (PYTHON_ROLES.has(role)) return { label: title ?? pythonLabel(role, target), style: 'code' };
  if (CODE_ROLES.has(role)) return { label: title ?? target, style: 'code' };
  if (role === 'doc') {
    const url = docUrl(ctx.docBaseUrl, target);
    return url === undefined ? { label: title ?? target, style: 'text' } : { label: title ?? target, style: 'text', url };
  }
  if (role === 'rfc') return rfcView(title, target);
  if (role === 'pep') return pepView(title, target);
  if (role === 'emphasis' || role === 'title-reference' || role === 'dfn') return { label: content.replace(/\s+/g, ' ').trim(), style: 'emphasis' };
  if (role === 'strong') return { label: content.replace(/\s+/g, ' ').trim(), style: 'strong' };
  if (role === 'abbr') return { label: content.replace(/\s+/g, ' ').trim(), style: 'text' };
  return { label: title ?? target, style: 'text' };
}

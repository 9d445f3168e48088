/**
 * What the status bar item shows for the active document: text, tooltip and click command.
 * Pure (no `vscode` import), so the formatting is unit-tested in plain Node.
 */
import type { DocumentSchemaInfo, Environment, LibrariesInfo, ProblemCounts } from '../../server/src/protocol/messages';
import { Commands, type CommandId } from './commandIds';

/** The language server's state as the status bar cares about it. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** The rendered status bar item. */
export interface StatusView {
  /** Text with `$(codicon)` references. */
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Run on click. */
  command: CommandId;
  /** Draw the item on the error background (the server is down). */
  alarming: boolean;
}

/** The codicon of the item on IDA config files. */
export const STATUS_ICON = '$(settings-gear)';

const NO_COUNTS: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };

/**
 * The short commit of a shipped schema's revision, which the server writes `repo@commit (date)`;
 * a bare commit is accepted too. `undefined` when no commit can be found.
 */
export function shortCommit(revision: string | undefined): string | undefined {
  if (revision === undefined) return undefined;
  const match = /(?:^|@)([0-9a-f]{7,40})(?=\s|$)/i.exec(revision.trim());
  return match?.[1]?.slice(0, 7).toLowerCase();
}

/** `live`, `shipped 0191bfd`, `user schema` or `no schema`: the schema source in a few characters. */
export function sourceLabel(info: DocumentSchemaInfo): string {
  switch (info.source) {
    case 'live':
      return 'live';
    case 'shipped': {
      const commit = shortCommit(info.revision);
      const docs = info.documentation === 'downloaded' ? ' · docs' : '';
      return `${commit === undefined ? 'shipped' : `shipped ${commit}`}${docs}`;
    }
    case 'user':
      return 'user schema';
    default:
      return 'no schema';
  }
}

/**
 * Counts minus the diagnostics the client hides (those Red Hat YAML already reports, see
 * `coexistence.ts`), never below zero: the server counts what it published, the user sees
 * what is left.
 */
export function visibleCounts(counts: ProblemCounts, hidden: ProblemCounts = NO_COUNTS): ProblemCounts {
  return {
    errors: Math.max(0, counts.errors - hidden.errors),
    warnings: Math.max(0, counts.warnings - hidden.warnings),
    infos: Math.max(0, counts.infos - hidden.infos),
  };
}

/** `$(error) 1 $(warning) 2` (information messages only when there are some), or `$(check)` when clean. */
export function countsText(counts: ProblemCounts): string {
  if (counts.errors === 0 && counts.warnings === 0 && counts.infos === 0) return '$(check)';
  const parts = [`$(error) ${counts.errors}`, `$(warning) ${counts.warnings}`];
  if (counts.infos > 0) parts.push(`$(info) ${counts.infos}`);
  return parts.join(' ');
}

function plural(n: number, one: string, many: string): string {
  return `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;
}

/** Inline code in Markdown; a backtick inside would end the span early. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** What the status tooltip adds about a shipped schema's documentation. */
function documentationSentence(info: DocumentSchemaInfo): string {
  switch (info.documentation) {
    case 'downloaded':
      return ' Its setting documentation is downloaded.';
    case 'missing':
      return ' Its setting documentation is not downloaded (*Open edX: Download Setting Documentation*).';
    case 'corrupt':
      return ' Its downloaded setting documentation no longer matches its checksums: download it again.';
    default:
      return '';
  }
}

/** One Markdown line saying where the schema comes from. */
export function sourceSentence(info: DocumentSchemaInfo): string {
  const revision = info.revision ?? '';
  switch (info.source) {
    case 'live':
      return revision === '' ? 'Schema extracted live from the IDA’s settings.' : `Schema extracted live from ${code(revision)}.`;
    case 'shipped':
      return `${revision === '' ? 'Schema shipped with the extension.' : `Schema shipped with the extension, extracted from ${code(revision)}.`}${documentationSentence(info)}`;
    case 'user':
      return revision === '' ? 'Schema from your settings.' : `Schema from your file ${code(revision)}.`;
    default:
      return 'No schema is available for this IDA.';
  }
}

/**
 * The status bar item for a document, or `undefined` to hide it (not an IDA config file).
 *
 * @param info - what the server last said about the document; `undefined` when nothing yet.
 * @param server - the server's state; a stopped server is shown on any document the server had
 *   claimed, so that the user learns why completions stopped and can restart it with one click.
 * @param hidden - diagnostics of the document that the client hides.
 */
export function statusView(info: DocumentSchemaInfo | undefined, server: ServerState, hidden?: ProblemCounts): StatusView | undefined {
  if (info?.ida === undefined) return undefined;
  if (server === 'stopped') {
    return {
      text: `$(error) ${info.ida} · server stopped`,
      tooltip: '**Open edX Config**: the language server is not running.\n\nClick to restart it.',
      command: Commands.restartServer,
      alarming: true,
    };
  }
  const head = `${STATUS_ICON} ${info.ida} · ${sourceLabel(info)}${librariesLabel(info.libraries)}`;
  const lines = [`**Open edX Config**: ${code(info.ida)}${info.reason === undefined ? '' : ` (chosen by ${info.reason})`}`, sourceSentence(info)];
  if (info.environment !== undefined) lines.push(environmentSentence(info.environment));
  const libraries = librariesSentence(info.libraries);
  if (libraries !== undefined) lines.push(libraries);
  let text = head;
  if (server === 'starting') {
    text = `$(sync~spin) ${info.ida} · ${sourceLabel(info)}`;
    lines.push('The language server is starting.');
  } else if (info.counts !== undefined) {
    const shown = visibleCounts(info.counts, hidden);
    text = `${head}  ${countsText(shown)}`;
    lines.push(`Problems: ${plural(shown.errors, 'error', 'errors')}, ${plural(shown.warnings, 'warning', 'warnings')}, ${plural(shown.infos, 'information message', 'information messages')}.`);
    const hiddenTotal = hidden === undefined ? 0 : hidden.errors + hidden.warnings + hidden.infos;
    if (hiddenTotal > 0) lines.push(`${plural(hiddenTotal, 'problem is', 'problems are')} left to the Red Hat YAML extension, which reports ${hiddenTotal === 1 ? 'it' : 'them'} too.`);
  }
  lines.push('Click for Open edX commands.');
  return { text, tooltip: lines.join('\n\n'), command: Commands.statusMenu, alarming: false };
}

/** The scan of the Python environment, where one runs: ` · scanning 40%`; else nothing (the tooltip says the rest). */
export function librariesLabel(libraries: LibrariesInfo | undefined): string {
  const scan = libraries?.source === 'environment' ? libraries : libraries?.environment;
  if (scan?.state !== 'scanning') return '';
  const p = scan.progress;
  return p !== undefined && p.total > 0 ? ` · scanning ${Math.floor((100 * p.done) / p.total)}%` : ' · scanning';
}

/** The tooltip line about the libraries layer: whose packages' settings are known. */
export function librariesSentence(libraries: LibrariesInfo | undefined): string | undefined {
  if (libraries === undefined) return undefined;
  const known = `${plural(libraries.keys, 'setting', 'settings')} read by ${plural(libraries.packages, 'package', 'packages')}`;
  if (libraries.source === 'environment') {
    if (libraries.state === 'ready') return `Libraries: ${known} installed in ${code(libraries.folder ?? '')}.`;
    return `Libraries: the Python environment ${code(libraries.folder ?? '')} ${libraries.state === 'scanning' ? 'is being scanned' : `could not be scanned${libraries.error !== undefined ? ` (${libraries.error})` : ''}`}.`;
  }
  const scan = libraries.environment;
  const shipped = `Libraries: ${known}, shipped with the extension`;
  if (scan === undefined) return `${shipped} (set \`openedxConfig.pythonEnvironment\` to use your own environment's).`;
  if (scan.state === 'scanning') return `${shipped}, until the scan of ${code(scan.folder ?? '')} ends.`;
  return `${shipped}: the Python environment ${code(scan.folder ?? '')} could not be scanned${scan.error !== undefined ? ` (${scan.error})` : ''}.`;
}

/** The tooltip line about where the file runs, and what that changes. */
export function environmentSentence(environment: Environment): string {
  return environment === 'production'
    ? 'Environment: production.'
    : `Environment: ${environment} (placeholder secrets are expected here: \`insecure-secret\` is off).`;
}

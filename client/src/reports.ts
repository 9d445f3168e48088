/**
 * The messages of "Show schema source", "Re-extract settings now" and "Export JSON Schema".
 * Pure (no `vscode` import).
 */
import type { DocumentSchemaInfo, ReextractResult } from '../../server/src/protocol/messages';

/** What the action button of a report does. */
export type ReportActionKind = 'revealFolder' | 'openFile' | 'openShippedSchema' | 'chooseIda' | 'openSettings';

/** A message with at most one action button. */
export interface Report {
  message: string;
  action?: { label: string; kind: ReportActionKind; target?: string };
}

/** The message of "Show schema source" for a document named `fileName`. */
export function schemaSourceReport(info: DocumentSchemaInfo, fileName: string): Report {
  if (info.ida === undefined) {
    return {
      message: `${fileName} is not an Open edX config file: no modeline, association setting, settings folder or file name names its IDA.`,
      action: { label: 'Choose IDA…', kind: 'chooseIda' },
    };
  }
  const why = info.reason === undefined ? '' : ` (IDA chosen by ${info.reason})`;
  const revision = info.revision ?? '';
  switch (info.source) {
    case 'live':
      return {
        message: `${fileName} is checked against the ${info.ida} schema extracted live from ${revision === '' ? 'its settings sources' : revision}${why}.`,
        ...(revision === '' ? {} : { action: { label: 'Reveal Folder', kind: 'revealFolder' as const, target: revision } }),
      };
    case 'shipped':
      return {
        message: `${fileName} is checked against the ${info.ida} schema shipped with the extension${revision === '' ? '' : `, extracted from ${revision}`}${why}. Set openedxConfig.sources to extract it live from your checkout.`,
        action: { label: 'Open Schema', kind: 'openShippedSchema', target: info.ida },
      };
    case 'user':
      return {
        message: `${fileName} is checked against your ${info.ida} schema file ${revision}${why}.`,
        ...(revision === '' ? {} : { action: { label: 'Open File', kind: 'openFile' as const, target: revision } }),
      };
    default:
      return {
        message: `${fileName} belongs to ${info.ida}${why}, but no schema is available: configure openedxConfig.sources or openedxConfig.schemas, or turn openedxConfig.shippedSchemas on.`,
        action: { label: 'Open Settings', kind: 'openSettings' },
      };
  }
}

/** The message after "Re-extract settings now". */
export function reextractMessage(result: ReextractResult): string {
  if (result.idas.length === 0) {
    return 'No IDA has live settings sources to re-extract. Set openedxConfig.sources (IDA → settings folder) to use live schemas.';
  }
  return `Re-extracted the settings of ${result.idas.join(', ')} in ${Math.round(result.millis)} ms.`;
}

/** The default file name of an exported schema: `lms.schema.json`. */
export function schemaFileName(ida: string): string {
  const safe = ida.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return `${safe === '' ? 'openedx' : safe}.schema.json`;
}

/** The bytes written by "Export JSON Schema": two-space JSON with a final newline, as editors and formatters expect. */
export function serializeSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

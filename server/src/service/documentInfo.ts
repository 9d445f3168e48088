/**
 * What the client is told about a document (`openedxConfig/documentSchema`): its IDA and why,
 * where its schema comes from, and the problems published for it.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentationState, DocumentSchemaInfo, Environment, ProblemCounts, SchemaSourceKind } from '../protocol/types';

/**
 * The info of a document: nothing but its URI when it is not an IDA config file; its IDA and
 * reason and environment; the schema's source and revision when one is known; the counts when given.
 */
export function describeDocument(
  uri: string,
  association: { readonly ida: string; readonly reason: string; readonly environment?: Environment } | undefined,
  schema: { readonly source: SchemaSourceKind; readonly revision: string; readonly documentation?: DocumentationState } | undefined,
  counts?: ProblemCounts,
): DocumentSchemaInfo {
  if (association === undefined) return { uri };
  return {
    uri,
    ida: association.ida,
    reason: association.reason,
    ...(association.environment !== undefined ? { environment: association.environment } : {}),
    ...(schema !== undefined ? { source: schema.source, revision: schema.revision } : {}),
    ...(schema?.documentation !== undefined ? { documentation: schema.documentation } : {}),
    ...(counts !== undefined ? { counts } : {}),
  };
}

/** Errors, warnings and the rest (information and hints), as the status bar shows them. */
export function countProblems(diagnostics: readonly Diagnostic[]): ProblemCounts {
  const counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

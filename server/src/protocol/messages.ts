/**
 * Custom LSP messages between the VS Code client and the server, typed once and imported by both
 * (the client bundle includes this file), with their data in `types.ts`. Method names are
 * namespaced `openedxConfig/`. Only `server.ts`, `lsp/` and the client import this module.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { DocumentationFilesResult, DocumentSchemaInfo, ExportSchemaResult, IdaListing, ReextractResult } from './types';

export type { DocumentationFilesResult, DocumentationState, DocumentSchemaInfo, Environment, ExportSchemaResult, IdaListing, LibrariesInfo, PinnedFileInfo, ProblemCounts, ReextractResult, SchemaSourceKind } from './types';

/** Server → client, whenever a document's IDA, schema or problem counts change. */
export const DocumentSchemaNotification = new NotificationType<DocumentSchemaInfo>('openedxConfig/documentSchema');

/** Client → server: the schema info of a document (for the status bar and "show schema source"). */
export const DocumentSchemaRequest = new RequestType<{ uri: string }, DocumentSchemaInfo, void>('openedxConfig/documentSchemaInfo');

/** Client → server: use this IDA for this document for the rest of the session (`undefined` restores automatic choice). */
export const SetDocumentIdaRequest = new RequestType<{ uri: string; ida?: string }, DocumentSchemaInfo, void>('openedxConfig/setDocumentIda');

/** Client → server: the IDAs a document can be associated with. */
export const ListIdasRequest = new RequestType<Record<string, never>, IdaListing[], void>('openedxConfig/listIdas');

/** Client → server: the JSON Schema of an IDA, as applied now (live, user or shipped). */
export const ExportSchemaRequest = new RequestType<{ ida: string }, ExportSchemaResult, void>('openedxConfig/exportSchema');

/** Client → server: drop cached live schemas and extract again; resolves to the IDAs re-extracted. */
export const ReextractRequest = new RequestType<Record<string, never>, ReextractResult, void>('openedxConfig/reextract');

/** What to download for an IDA's shipped schema, and where the server reads it from. */
export const DocumentationFilesRequest = new RequestType<{ ida: string }, DocumentationFilesResult, void>('openedxConfig/documentationFiles');

/** The client changed the documentation cache (a download ended): the server reads it again. */
export const DocumentationChangedNotification = new NotificationType<Record<string, never>>('openedxConfig/documentationChanged');

/**
 * Custom LSP messages between the VS Code client and the server, typed once and imported by both
 * (the client bundle includes this file). Method names are namespaced `openedxConfig/`.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Where the schema applied to a document comes from. */
export type SchemaSourceKind = 'live' | 'shipped' | 'user';

/** What the server decided for one document. */
export interface DocumentSchemaInfo {
  uri: string;
  /** The IDA the document belongs to; absent when the document is not an IDA config file. */
  ida?: string;
  /** Why that IDA: `file name`, `folder`, `modeline`, `setting`, `user choice`. */
  reason?: string;
  source?: SchemaSourceKind;
  /** Live: the settings folder; shipped: `repo@commit (date)`; user: the schema file. */
  revision?: string;
  /** Problem counts currently published for the document. */
  counts?: { errors: number; warnings: number; infos: number };
}

/** Server → client, whenever a document's IDA, schema or problem counts change. */
export const DocumentSchemaNotification = new NotificationType<DocumentSchemaInfo>('openedxConfig/documentSchema');

/** Client → server: the schema info of a document (for the status bar and "show schema source"). */
export const DocumentSchemaRequest = new RequestType<{ uri: string }, DocumentSchemaInfo, void>('openedxConfig/documentSchemaInfo');

/** Client → server: use this IDA for this document for the rest of the session (`undefined` restores automatic choice). */
export const SetDocumentIdaRequest = new RequestType<{ uri: string; ida?: string }, DocumentSchemaInfo, void>('openedxConfig/setDocumentIda');

/** Client → server: the IDAs a document can be associated with. */
export const ListIdasRequest = new RequestType<Record<string, never>, { ida: string; source: SchemaSourceKind; revision: string }[], void>('openedxConfig/listIdas');

/** Client → server: the JSON Schema of an IDA, as applied now (live, user or shipped). */
export const ExportSchemaRequest = new RequestType<{ ida: string }, { schema?: unknown; error?: string }, void>('openedxConfig/exportSchema');

/** Client → server: drop cached live schemas and extract again; resolves to the IDAs re-extracted. */
export const ReextractRequest = new RequestType<Record<string, never>, { idas: string[]; millis: number }, void>('openedxConfig/reextract');

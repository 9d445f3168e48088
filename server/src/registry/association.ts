/**
 * Which IDA a document belongs to, and why. Precedence, strongest first:
 * the user's choice for this session > the first-line modeline > the `openedxConfig.associations`
 * setting > the folder (settings package beside or above) > the file name.
 * A document that matches nothing gets no IDA, and then nothing at all from the server.
 */
import { idaFromFileName, isYamlFileName } from './fileNames';
import type { FolderDetector } from './folders';
import { idaFromAssociations } from './globs';
import { idaFromModeline } from './modeline';

/** Why a document got its IDA; the strings are shown to users (DocumentSchemaInfo.reason). `option`: the CLI's `--ida`. */
export type AssociationReason = 'user choice' | 'modeline' | 'setting' | 'folder' | 'file name' | 'option';

/** A document's IDA and the rule that decided it. */
export interface Association {
  ida: string;
  reason: AssociationReason;
}

/** What association looks at for one document. */
export interface AssociationInput {
  /** The document's file path, when it is a file (untitled buffers have none). */
  filePath?: string;
  /** The document's text (only its first line is read). */
  text: string;
  /** The session choice for this document, if any. */
  sessionIda?: string;
  associations: Readonly<Record<string, string>>;
  workspaceFolders: readonly string[];
  folders: FolderDetector;
}

/** Decides a document's IDA (see the module comment for the precedence). Never throws. */
export function associate(input: AssociationInput): Association | undefined {
  if (input.sessionIda !== undefined) return { ida: input.sessionIda, reason: 'user choice' };
  const fromModeline = idaFromModeline(input.text);
  if (fromModeline !== undefined) return { ida: fromModeline, reason: 'modeline' };
  const file = input.filePath;
  if (file === undefined) return undefined;
  const fromSetting = idaFromAssociations(input.associations, file, input.workspaceFolders);
  if (fromSetting !== undefined) return { ida: fromSetting, reason: 'setting' };
  // Folder detection reads the disk: only YAML files are worth it (and worth associating).
  if (!isYamlFileName(file)) return undefined;
  const fromFolder = input.folders.idaForFile(file, input.workspaceFolders);
  if (fromFolder !== undefined) return { ida: fromFolder.ida, reason: 'folder' };
  const fromName = idaFromFileName(file);
  return fromName !== undefined ? { ida: fromName, reason: 'file name' } : undefined;
}

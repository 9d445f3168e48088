/**
 * Which IDA a document belongs to, and why. Precedence, strongest first:
 * the user's choice for this session > the first-line modeline > the `openedxConfig.associations`
 * setting > the folder (settings package beside or above) > the file name.
 * A document that matches nothing gets no IDA, and then nothing at all from the server.
 */
import type { Environment } from '../protocol/types';
import { environmentFromPath, isEnvironment } from '../service/environment';
import { idaFromFileName, isYamlFileName } from './fileNames';
import type { FolderDetector } from './folders';
import { idaFromAssociations } from './globs';
import { canonicalIda } from './idaAliases';
import { environmentFromModeline, idaFromModeline } from './modeline';

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
  if (input.sessionIda !== undefined) return { ida: canonicalIda(input.sessionIda), reason: 'user choice' };
  const fromModeline = idaFromModeline(input.text);
  if (fromModeline !== undefined) return { ida: canonicalIda(fromModeline), reason: 'modeline' };
  const file = input.filePath;
  if (file === undefined) return undefined;
  const fromSetting = idaFromAssociations(input.associations, file, input.workspaceFolders);
  if (fromSetting !== undefined) return { ida: canonicalIda(associationValue(fromSetting).ida), reason: 'setting' };
  // Folder detection reads the disk: only YAML files are worth it (and worth associating).
  if (!isYamlFileName(file)) return undefined;
  const fromFolder = input.folders.idaForFile(file, input.workspaceFolders);
  if (fromFolder !== undefined) return { ida: fromFolder.ida, reason: 'folder' };
  const fromName = idaFromFileName(file);
  return fromName !== undefined ? { ida: fromName, reason: 'file name' } : undefined;
}

/**
 * An `openedxConfig.associations` value: `IDA`, or `IDA:ENV` to give the environment too
 * (`lms:devstack`); the object form `{ "ida": "lms", "env": "devstack" }` is read into the second
 * by `settings.ts`. An unknown environment word is ignored (the IDA still applies).
 */
export function associationValue(value: string): { ida: string; environment?: Environment } {
  const colon = value.lastIndexOf(':');
  if (colon <= 0) return { ida: value };
  const word = value.slice(colon + 1).trim().toLowerCase();
  const ida = value.slice(0, colon).trim();
  return isEnvironment(word) ? { ida, environment: word } : { ida };
}

/** What decides a document's environment (docs/settings.md, "Environments"). */
export interface EnvironmentInput {
  filePath?: string;
  /** The document's text (only its first line is read). */
  text: string;
  associations: Readonly<Record<string, string>>;
  workspaceFolders: readonly string[];
}

/**
 * The environment of a document, strongest first: the modeline's `env=`, the first
 * `openedxConfig.associations` entry matching the file that gives one, the file's name and folder
 * (`environmentFromPath`); `production` when nothing says otherwise. Never throws.
 */
export function documentEnvironment(input: EnvironmentInput): Environment {
  const fromModeline = environmentFromModeline(input.text);
  if (fromModeline !== undefined) return fromModeline;
  const file = input.filePath;
  if (file === undefined) return 'production';
  const withEnvironment = Object.fromEntries(Object.entries(input.associations).filter(([, v]) => associationValue(v).environment !== undefined));
  const fromSetting = idaFromAssociations(withEnvironment, file, input.workspaceFolders);
  const environment = fromSetting === undefined ? undefined : associationValue(fromSetting).environment;
  return environment ?? environmentFromPath(file);
}

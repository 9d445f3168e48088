/**
 * The quick picks of "Choose the IDA for this file": which IDA, then how to remember the
 * choice. Pure (no `vscode` import); the items are structurally `vscode.QuickPickItem`s.
 */
import type { DocumentSchemaInfo, IdaListing } from '../../server/src/protocol/messages';
import { sourceLabel } from './statusView';

/** An item of the IDA quick pick; `ida` undefined is "automatic". */
export interface IdaPickItem {
  label: string;
  description?: string;
  detail?: string;
  ida: string | undefined;
}

/**
 * The IDA quick pick: "Automatic" first (the server decides again, by modeline, setting,
 * folder or file name), then the IDAs by name, each with its schema source; the document's
 * current IDA is marked.
 */
export function idaPickItems(listing: readonly IdaListing[], current: DocumentSchemaInfo | undefined): IdaPickItem[] {
  const automatic: IdaPickItem = {
    label: '$(wand) Automatic',
    detail: 'Let the modeline, the openedxConfig.associations setting, the folder or the file name decide',
    ida: undefined,
  };
  if (current?.reason !== 'user choice') {
    automatic.description = current?.ida === undefined ? 'current: no IDA' : `current: ${current.ida}${current.reason === undefined ? '' : ` by ${current.reason}`}`;
  }
  const sorted = [...listing].sort((a, b) => a.ida.localeCompare(b.ida));
  const items = sorted.map((entry): IdaPickItem => {
    const isCurrent = current?.ida === entry.ida;
    const label = sourceLabel({ uri: '', ida: entry.ida, source: entry.source, revision: entry.revision });
    const aliases = entry.aliases !== undefined && entry.aliases.length > 0 ? ` · also ${entry.aliases.join(', ')}` : '';
    const item: IdaPickItem = { label: entry.ida, description: `${label}${aliases}${isCurrent ? ' · current' : ''}`, ida: entry.ida };
    if (entry.revision !== '') item.detail = entry.revision;
    return item;
  });
  return [automatic, ...items];
}

/** How a choice is remembered. */
export type Persistence = 'session' | 'modeline' | 'association';

/** An item of the "remember" quick pick. */
export interface PersistenceItem {
  label: string;
  detail: string;
  persistence: Persistence;
}

/**
 * The "how long" quick pick after an IDA is chosen.
 *
 * @param ida - the chosen IDA.
 * @param glob - the association glob that would be written, when the file has a path.
 * @param modelineAllowed - whether the IDA can be written in a modeline and the document can be edited.
 */
export function persistenceItems(ida: string, glob: string | undefined, modelineAllowed: boolean): PersistenceItem[] {
  const items: PersistenceItem[] = [
    { label: '$(clock) This session only', detail: 'Until the window is reloaded; nothing is written', persistence: 'session' },
  ];
  if (modelineAllowed) {
    items.push({ label: '$(edit) Insert a modeline', detail: `Make line 1 of the file: # openedx-config: ida=${ida}`, persistence: 'modeline' });
  }
  if (glob !== undefined) {
    items.push({ label: '$(settings) Add an association setting', detail: `openedxConfig.associations: "${glob}": "${ida}"`, persistence: 'association' });
  }
  return items;
}

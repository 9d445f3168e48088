/**
 * Downloading the documentation of shipped schemas (docs/documentation.md): the offer when a
 * config file first gets a shipped schema without it (*Download*, *Not now*, *Never*, or
 * `openedxConfig.documentation.download` = `always` | `never`), the command, and the download
 * itself, run here in the extension host so that VS Code's proxy support (`http.proxy`,
 * `http.proxyStrictSSL`) applies. The engine (`documentation/download.ts`) fetches exactly the
 * files the server names, checks each SHA-256 and writes atomically; the server is then told to
 * read the cache again.
 */
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, downloadFiles } from '../../server/src/documentation/download';
import { formatBytes } from '../../server/src/common/files';
import { DocumentationChangedNotification, DocumentationFilesRequest, DocumentSchemaRequest, ListIdasRequest, type DocumentSchemaInfo } from '../../server/src/protocol/messages';
import { serverReady, workingEditor, type Host } from './host';

/** `openedxConfig.documentation.download`. */
export type DownloadPolicy = 'ask' | 'always' | 'never';

const DOWNLOAD = 'Download';
const NOT_NOW = 'Not now';
const NEVER = 'Never';

function policy(): DownloadPolicy {
  const value = vscode.workspace.getConfiguration('openedxConfig').get<string>('documentation.download');
  return value === 'always' || value === 'never' ? value : 'ask';
}

/** See the module comment. */
export class DocumentationDownloads {
  /** IDAs offered (or downloaded automatically) in this window: asked once per session. */
  private readonly offered = new Set<string>();
  /** The download running per IDA: a second request joins it. */
  private readonly running = new Map<string, Promise<boolean>>();

  constructor(private readonly host: Host) {}

  /** A document's info arrived: offer the download when its shipped schema has no documentation yet. */
  onInfo(info: DocumentSchemaInfo): void {
    const ida = info.ida;
    if (ida === undefined || info.source !== 'shipped' || (info.documentation !== 'missing' && info.documentation !== 'corrupt')) return;
    const chosen = policy();
    if (chosen === 'never' || this.offered.has(ida)) return;
    this.offered.add(ida);
    if (chosen === 'always') void this.download(ida);
    else void this.offer(ida, info.documentation);
  }

  private async offer(ida: string, state: 'missing' | 'corrupt'): Promise<void> {
    const message =
      state === 'corrupt'
        ? `The downloaded setting documentation of ${ida} no longer matches its checksums. Download it again?`
        : `Download the setting documentation of ${ida}? Hovers now show types, defaults and links only.`;
    const choice = await vscode.window.showInformationMessage(message, DOWNLOAD, NOT_NOW, NEVER);
    if (choice === DOWNLOAD) await this.download(ida);
    else if (choice === NEVER) await vscode.workspace.getConfiguration('openedxConfig').update('documentation.download', 'never', vscode.ConfigurationTarget.Global);
  }

  /** Downloads the documentation of an IDA's shipped schema; true when it is in the cache afterwards. */
  download(ida: string): Promise<boolean> {
    let run = this.running.get(ida);
    if (run === undefined) {
      run = this.run(ida).finally(() => this.running.delete(ida));
      this.running.set(ida, run);
    }
    return run;
  }

  private async run(ida: string): Promise<boolean> {
    const answer = await this.host.client.sendRequest(DocumentationFilesRequest, { ida });
    if ('error' in answer) {
      void vscode.window.showInformationMessage(answer.error);
      return false;
    }
    if (answer.state === 'downloaded') {
      void vscode.window.showInformationMessage(`The setting documentation of ${ida} is already downloaded.`);
      return true;
    }
    const config = vscode.workspace.getConfiguration('openedxConfig');
    const baseUrl = config.get<string>('documentation.baseUrl')?.trim() || DEFAULT_BASE_URL;
    const strictSSL = vscode.workspace.getConfiguration('http').get<boolean>('proxyStrictSSL', true);
    const total = answer.files.reduce((sum, f) => sum + f.bytes, 0);
    const host = hostOf(baseUrl);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading the ${ida} setting documentation (${formatBytes(total)} from ${host})`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          return await downloadFiles(answer.files, {
            baseUrl,
            cacheDir: answer.cacheFolder,
            signal: controller.signal,
            strictSSL,
            onProgress: ({ done, total: count, file }) => progress.report({ message: `${done} of ${count}: ${file}`, increment: count === 0 ? 100 : 100 / (count + 1) }),
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    // The log names files and sizes only (a documentation file holds no secret, but a URL may hold a mirror's token).
    if (result.ok) {
      this.host.output.info(`documentation of ${ida}: ${result.value.downloaded} downloaded, ${result.value.alreadyCached} already cached, ${formatBytes(result.value.bytes)}`);
      await this.host.client.sendNotification(DocumentationChangedNotification, {});
      return true;
    }
    this.host.output.warn(`documentation of ${ida}: download failed (${result.code})`);
    if (result.code === 'cancelled') {
      void vscode.window.showInformationMessage(`Download of the ${ida} setting documentation cancelled; nothing changed.`);
      return false;
    }
    const retry = 'Retry';
    const choice = await vscode.window.showErrorMessage(`Downloading the ${ida} setting documentation failed: ${result.error}`, retry);
    return choice === retry ? this.run(ida) : false;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** *Open edX: Download Setting Documentation*: for the active config file's IDA, else one picked among the shipped schemas. */
export async function downloadDocumentation(host: Host, downloads: DocumentationDownloads): Promise<void> {
  if (!(await serverReady(host))) return;
  const editor = workingEditor();
  let ida: string | undefined;
  if (editor !== undefined) {
    const info = await host.client.sendRequest(DocumentSchemaRequest, { uri: editor.document.uri.toString() });
    if (info.source === 'shipped') ida = info.ida;
  }
  if (ida === undefined) {
    const shipped = (await host.client.sendRequest(ListIdasRequest, {})).filter((l) => l.source === 'shipped');
    const picked = await vscode.window.showQuickPick(
      shipped.map((l) => ({ label: l.ida, description: l.revision })),
      { title: 'Download the setting documentation of', placeHolder: 'An IDA with a shipped schema' },
    );
    ida = picked?.label;
  }
  if (ida !== undefined) await downloads.download(ida);
}

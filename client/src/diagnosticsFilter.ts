/**
 * Client middleware that hides our copies of problems Red Hat's YAML extension reports too
 * (see coexistence.ts for why), and remembers how many it hid so the status bar counts match
 * what the user sees.
 */
import * as vscode from 'vscode';
import type { Middleware, ProvideDiagnosticSignature, vsdiag } from 'vscode-languageclient/node';
import { REDHAT_YAML_EXTENSION_ID, partitionForRedHat, redHatValidates } from './coexistence';
import type { ProblemCounts } from '../../server/src/protocol/messages';

/** Filters diagnostics on their way from the server to VS Code. */
export class DiagnosticsFilter implements vscode.Disposable {
  private readonly hidden = new Map<string, ProblemCounts>();
  private readonly changed = new vscode.EventEmitter<string>();

  /** Fires with a document URI (string) when its hidden counts change. */
  readonly onDidChange: vscode.Event<string> = this.changed.event;

  /** The counts hidden for a document, `undefined` when none. */
  hiddenCounts(uri: string): ProblemCounts | undefined {
    return this.hidden.get(uri);
  }

  /** The middleware hooks: pushed diagnostics and pulled reports go through the same filter. */
  middleware(): Pick<Middleware, 'handleDiagnostics' | 'provideDiagnostics'> {
    return {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, this.filter(uri, diagnostics)),
      provideDiagnostics: async (document, previousResultId, token, next: ProvideDiagnosticSignature) => {
        const report = await next(document, previousResultId, token);
        if (report === undefined || report === null || report.kind !== 'full') return report;
        const uri = document instanceof vscode.Uri ? document : document.uri;
        const full: vsdiag.FullDocumentDiagnosticReport = report;
        return { ...full, items: this.filter(uri, full.items) };
      },
    };
  }

  private filter(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    const key = uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    // Asked at every publish: Red Hat's extension may activate, or `yaml.validate` change, at any time.
    const validating = redHatValidates({
      active: vscode.extensions.getExtension(REDHAT_YAML_EXTENSION_ID)?.isActive ?? false,
      validate: vscode.workspace.getConfiguration('yaml', uri).get<boolean>('validate', true),
      languageId: document?.languageId,
    });
    const { shown, hidden } = partitionForRedHat(diagnostics, validating);
    const before = this.hidden.get(key);
    const none = hidden.errors + hidden.warnings + hidden.infos === 0;
    if (none) this.hidden.delete(key);
    else this.hidden.set(key, hidden);
    if (!sameCounts(before, none ? undefined : hidden)) this.changed.fire(key);
    return shown;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function sameCounts(a: ProblemCounts | undefined, b: ProblemCounts | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos;
}

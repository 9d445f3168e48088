/**
 * An open document as the server keeps it: the LSP text (for positions and edits) plus, once the
 * document is known to be an IDA config file, its incremental YAML model, kept current edit by
 * edit so that no keystroke costs a whole-document parse.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver';
import { applyEdit, parseFromScratch, type YamlModel } from '../yaml';

/** One open document. Mutable: the `TextDocuments` manager updates it in place. */
export class ConfigDocument {
  private text: TextDocument;
  private yaml: YamlModel | undefined;

  private constructor(text: TextDocument) {
    this.text = text;
  }

  /** A new document (didOpen). */
  static create(uri: string, languageId: string, version: number, content: string): ConfigDocument {
    return new ConfigDocument(TextDocument.create(uri, languageId, version, content));
  }

  /** The document URI. */
  get uri(): string {
    return this.text.uri;
  }

  /** The language id the client gave (`yaml`, `jinja`, …): not used to decide anything. */
  get languageId(): string {
    return this.text.languageId;
  }

  /** The client's version of the document (published with its diagnostics). */
  get version(): number {
    return this.text.version;
  }

  /** The LSP text document (positions, offsets, whole text). */
  get textDocument(): TextDocument {
    return this.text;
  }

  /** The whole text. */
  getText(): string {
    return this.text.getText();
  }

  /**
   * The YAML model, parsed on first use and then kept current by {@link update}. A model that
   * ever disagrees with the text (it should not) is rebuilt from scratch rather than trusted.
   */
  model(): YamlModel {
    const text = this.text.getText();
    if (this.yaml === undefined || this.yaml.text.length !== text.length) this.yaml = parseFromScratch(text, { uri: this.uri });
    return this.yaml;
  }

  /** Whether a model is being maintained (the document was found to be a config file). */
  get hasModel(): boolean {
    return this.yaml !== undefined;
  }

  /** Stops maintaining the model (the document is not, or no longer, a config file). */
  dropModel(): void {
    this.yaml = undefined;
  }

  /** Applies LSP content changes (didChange) to the text and, when maintained, to the model. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): this {
    this.text = TextDocument.update(this.text, [...changes], version);
    if (this.yaml !== undefined) {
      try {
        this.yaml = applyEdit(this.yaml, changes);
      } catch {
        // The next model() call re-parses from the text: a model bug must not lose the document.
        this.yaml = undefined;
      }
    }
    return this;
  }
}

/** The configuration that makes a `TextDocuments` manager hold {@link ConfigDocument}s. */
export const configDocuments: TextDocumentsConfiguration<ConfigDocument> = {
  create: (uri, languageId, version, content) => ConfigDocument.create(uri, languageId, version, content),
  update: (document, changes, version) => document.update(changes, version),
};

/** The manager type the server uses. */
export type ConfigDocuments = TextDocuments<ConfigDocument>;

/**
 * The language service factory, in the style of vscode-json-languageservice: one object whose
 * methods are pure functions of (document model, schema, position). No LSP transport here.
 */
import type { IdaSchema, PropertySchema } from '../schema/format';
import { codeActionsFor } from './codeActions';
import { completeAt, resolveCompletionItem } from './completion';
import { definitionAt } from './definition';
import { hoverAt } from './hover';
import { renderPropertyMarkdown } from './markdown';
import { schemaIndex } from './schemaIndex';
import { documentSymbolsOf } from './symbols';
import type { LanguageService, LanguageServiceOptions, MarkdownRenderer } from './types';
import { validateModel } from './validate';

/** The default Markdown renderer (the one hover and completion details share). */
export const defaultMarkdownRenderer: MarkdownRenderer = (name: string, prop: PropertySchema, schema: IdaSchema): string => {
  const index = schemaIndex(schema);
  const topLevel = name.startsWith('FEATURES.') ? name.slice('FEATURES.'.length) : name;
  const reason = index.required.find((r) => r.name === topLevel)?.reason;
  return renderPropertyMarkdown(topLevel, prop, schema, {
    ...(name.startsWith('FEATURES.') ? { viaFeatures: topLevel } : {}),
    ...(reason === undefined ? {} : { requiredReason: reason }),
  });
};

/** Creates a language service. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  // A function lets a server decide after `initialize`, once it knows the client's capabilities.
  const itemDefaults = (): boolean => {
    const o = options.completionItemDefaults;
    return typeof o === 'function' ? o() : o === true;
  };
  const now = options.now ?? (() => new Date());
  const render = options.renderMarkdown ?? defaultMarkdownRenderer;
  return {
    validate: (doc, schema, settings = {}) => validateModel(doc, schema, settings, now()),
    complete: (doc, position, schema) => completeAt(doc, position, schema, { itemDefaults: itemDefaults() }),
    resolveCompletion: (item, schema) => resolveCompletionItem(item, schema),
    hover: (doc, position, schema) => hoverAt(doc, position, schema, render),
    codeActions: (doc, range, diagnostics, schema) => codeActionsFor(doc, range, diagnostics, schema),
    definition: (doc, position, schema) => definitionAt(doc, position, schema),
    documentSymbols: (doc) => documentSymbolsOf(doc),
  };
}

/** Builds a schema's lookup tables ahead of the first request (e.g. right after loading it). */
export function prepareSchema(schema: IdaSchema): void {
  schemaIndex(schema).suggest('');
}

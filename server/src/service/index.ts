/** The language service: import from here. */
export { createLanguageService, defaultMarkdownRenderer, prepareSchema } from './languageService';
export { RULES, RULE_IDS, isRuleId, type RuleId, type RuleSeverity, type Rule } from './rules';
export { DIAGNOSTIC_SOURCE } from './validate';
export { environmentFromPath, isEnvironment, ENVIRONMENTS } from './environment';
export { renderPropertyMarkdown, typeText } from './markdown';
export type { DiagnosticData, LanguageService, LanguageServiceOptions, MarkdownRenderer, ValidationSettings } from './types';

/**
 * What scanning a distribution's modules finds, as plain JSON-serialisable data: the on-disk
 * cache holds exactly these objects (`cache.ts`), and the catalog is built from them
 * (`libraryCatalog.ts`). Helper calls are kept unresolved: `social_django` calls
 * `social_core.utils.setting_name`, another distribution's helper, so they are resolved only
 * once every distribution's facts are at hand, and a distribution's cache stays valid when
 * another one changes.
 */
import type { ExtractionProblem, JsonValue, SettingReader, SettingType } from '../catalog/types';

/** A default stated by the code. */
export interface DefaultFact {
  type: SettingType;
  /** Present only when the default is a literal (or a constant holding one). */
  value?: JsonValue;
  /** The default's source text, abbreviated. */
  text: string;
  /**
   * A name imported from another module of the same distribution (`corsheaders.defaults.default_headers`),
   * still to be looked up there; resolved before a distribution's facts are cached.
   */
  ref?: string;
}

/** One read of a setting, or of a key of a dict setting. */
export interface ReadFact {
  /** `[NAME]`, or `[NAME, KEY]` for a key of a dict setting. */
  path: string[];
  /** POSIX path relative to the site-packages folder. */
  file: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
  how: SettingReader['how'];
  /** For `overwrite`: the project types whose production plugin settings run it (`pluginOverwrites.ts`). */
  projects?: string[];
  default?: DefaultFact;
  /** The comment block right above the statement holding the read: the package's own words on the setting. */
  doc?: CommentDoc;
}

/** A comment block, its `#` marks removed, and the line (1-based) of its first line. */
export interface CommentDoc {
  text: string;
  line: number;
}

/** An argument of a helper call: its literal string value when it is one, and its value as a default. */
export interface ArgumentFact {
  string?: string;
  value: DefaultFact;
}

/**
 * A call of a function bound by an import or defined in the module (`setting('AWS_LOCATION', '')`,
 * with `storages.utils.setting` returning `getattr(settings, name, default)`), whose first
 * argument is a setting-like string: a read if the callee turns out to be a getter helper.
 */
export interface GetterCallFact {
  /** Dotted name of the callee (`storages.utils.setting`). */
  callee: string;
  /** Positional arguments, up to a few. */
  args: ArgumentFact[];
  /** Keyword arguments by name. */
  keywords: Record<string, ArgumentFact>;
  file: string;
  line: number;
  column: number;
}

/**
 * `getattr(settings, builder('A', 'B'), default)` (or `hasattr`): a read of the name the builder
 * makes (`SOCIAL_AUTH_A_B`), if the callee turns out to be a name builder.
 */
export interface BuiltNameReadFact {
  callee: string;
  /** The builder's arguments, all string literals. */
  args: string[];
  file: string;
  line: number;
  column: number;
  default?: DefaultFact;
}

/** A module-level function returning `getattr(settings, <parameter>, <parameter or literal>)`. */
export interface GetterHelper {
  kind: 'getter';
  /** Dotted name: module and function (`storages.utils.setting`). */
  name: string;
  /** Index of the parameter naming the setting. */
  nameParameter: number;
  /** Index and name of the parameter holding the default, when the default is a parameter. */
  defaultParameter?: { index: number; name: string; default?: DefaultFact };
  /** The default when it is written in the helper itself (`getattr(settings, name, None)`). */
  fixedDefault?: DefaultFact;
}

/** A piece of a name a builder makes: literal text, or its arguments. */
export type NamePart =
  | { text: string }
  /** Argument `index`, or all arguments from `index` on joined by `separator` (a `*names` parameter). */
  | { argument: number; rest: boolean; separator: string; upper: boolean };

/** A module-level function building a setting name from its string arguments (`setting_name('X')` → `SOCIAL_AUTH_X`). */
export interface NameBuilderHelper {
  kind: 'name';
  name: string;
  parts: NamePart[];
}

/** Where a getter class's value comes from: an attribute of the instance (`self.default`), or a value written in the method. */
export type AttributeOrValue = { attribute: string } | { value: DefaultFact };

/**
 * What a getter class's reading method reads: `getattr(settings, self.<name>, <default>)`, or
 * `getattr(settings, self.<name>, {}).get(self.<key>, <key default>)` (a key of a dict setting).
 */
export interface ClassReader {
  /** The attribute holding the setting's name. */
  nameAttribute: string;
  /** The default of the whole setting's read. */
  default?: AttributeOrValue;
  /** The key read in the setting, when it is a dict. */
  key?: { attribute: string; default?: AttributeOrValue };
}

/** An argument a constructor passes on to its base's (`super().__init__(name, default=default)`): one of its parameters, or a value. */
export type PassedArgument = { parameter: string } | { value: ArgumentFact } | null;

/** A class's own `__init__`: its parameters, the attributes it sets from them, what it passes to its base's. */
export interface ClassInit {
  /** Parameters after `self`, in order, with their defaults. */
  parameters: { name: string; default?: DefaultFact }[];
  /** `self.<attribute> = <parameter>`, by attribute. */
  attributes: Record<string, string>;
  /** `super().__init__(…)` or `Base.__init__(self, …)`: its arguments (null for one that is neither a parameter nor a value). */
  base?: { args: PassedArgument[]; keywords: Record<string, PassedArgument> };
}

/**
 * A class whose instances read a setting they are given the name of
 * (`SettingToggle('NAME', default=False)`), or a base class such a class's constructor relies on.
 */
export interface GetterClass {
  kind: 'class';
  /** Dotted name: module and class. */
  name: string;
  /** Dotted names of its base classes, in order. */
  bases: string[];
  init?: ClassInit;
  /** Its own reading method, when it has one. */
  reader?: ClassReader;
}

/** A name a package's `__init__.py` imports from one of its modules (`edx_toggles.toggles.SettingToggle`): calls through it are calls of its target. */
export interface ReExport {
  kind: 'alias';
  name: string;
  target: string;
}

/** A helper function other modules may call, a getter class, or a re-export of one. */
export type HelperFact = GetterHelper | NameBuilderHelper | GetterClass | ReExport;

/** Everything scanning one distribution found. */
export interface DistributionFacts {
  reads: ReadFact[];
  getterCalls: GetterCallFact[];
  builtNameReads: BuiltNameReadFact[];
  helpers: HelperFact[];
  /**
   * Modules that mention `setting` but neither `django` nor a setting-like call: not parsed, but
   * they may define a name builder another module calls; parsed then (`deferredHelpers.ts`).
   */
  deferred: string[];
  problems: ExtractionProblem[];
  /** Python files of the distribution walked (read for the text filter). */
  walked: number;
  /** Python files parsed (those the text filter kept). */
  parsed: number;
}

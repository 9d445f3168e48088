/**
 * What the interpreter, the recovery from syntax errors and the YAML-loading analysis share
 * about the statement being read: where it sits ({@link StatementContext}), the hook that sees
 * entry-module statements first ({@link StatementObserver}), and the per-module recovery
 * budget ({@link RecoveryBudget}). A leaf module of types, so that `interpreter.ts` and
 * `recovery.ts` can both use them without importing each other.
 */
import type { PyNode as Node } from '../python/syntaxTree';
import type { ModuleComments } from './moduleComments';
import type { Branch } from './conditions';
import type { Condition } from '../catalog/types';

/** Failed re-parses so far in one module, shared by every statement context of the module. */
export interface RecoveryBudget {
  failed: number;
}

/** One enclosing `if`, `elif` or `else` a statement runs under. */
export interface Guard {
  /** The test's source text (`not (…)` for an `else`, `… (elif)` for an `elif`), for reading the context while debugging. */
  text: string;
  /**
   * What must hold for the branch to run, as data (`not A and B` for `elif B:` after `if A:`);
   * undefined when some test in it is not a form {@link Condition} expresses.
   */
  condition: Condition | undefined;
}

/** Where a statement sits. */
export interface StatementContext {
  file: string;
  lines: readonly string[];
  comments: ModuleComments;
  lineOffset: number;
  /** The enclosing `if`/`elif`/`else` branches, innermost last. */
  conditions: Guard[];
  /** Whether this module is the entry module (the one that loads the YAML, for production layouts). */
  isEntry: boolean;
  /**
   * Whether the statements run when the module is imported, judged from the enclosing `if`
   * conditions: absent when they surely run, `skipped` when a condition is surely false
   * (`if ENABLE_X:` with `ENABLE_X = False` above), `unknown` when it cannot be told.
   */
  branch?: Branch;
  /** Set on fragments re-parsed after a syntax error, whose first line may be indented. */
  fragment?: boolean;
  /** What recovery from syntax errors may still spend in this module. */
  recovery?: RecoveryBudget;
  /** False when the module's tree has no error at all: statements then need no error check each. */
  mayHaveErrors?: boolean;
}

/** Lets a layout-specific analysis (the YAML loading in production.py) see entry-module statements first. */
export interface StatementObserver {
  /** Returns true when it fully handled the statement (the interpreter then ignores it). */
  onStatement(statement: Node, ctx: StatementContext): boolean;
}

/**
 * The values a module's code states as defaults, evaluated with the extractor's evaluation
 * (`extractor/values.ts`: literals, their types, `None` as unknown but nullable) over the
 * module's own constants: `getattr(settings, 'X', DEFAULT_X)` has `DEFAULT_X`'s value when the
 * module assigns it a literal at the top level (the last such assignment, as after import). A
 * name imported from another module is left as a reference, resolved against that module when
 * it belongs to the same distribution (`scanDistribution.ts`). A default that is itself a settings
 * read (`getattr(settings, 'NEW', getattr(settings, 'OLD', False))`) has that read's default.
 */
import type { SettingType } from '../catalog/types';
import { abbreviateSource } from '../extractor/catalogBuilder';
import { evaluate, type EvaluatedValue } from '../extractor/values';
import type { PyNode } from '../python/syntaxTree';
import type { ModuleBindings } from './bindings';
import type { DefaultFact } from './facts';

/** Nothing is known: a computed value. */
const COMPUTED: SettingType = { kind: 'computed', types: [], nullable: false, from: 'none' };
/** A settings read without default of its own: nothing is known. */
const UNKNOWN: SettingType = { kind: 'unknown', types: [], nullable: false, from: 'none' };

/** Names of constants followed through one another (`A = B`, `B = C`). */
const MAX_INDIRECTIONS = 8;

/** The top-level assignments of a module, by name (the last one wins). */
export function moduleAssignments(root: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const statement of root.namedChildren) {
    if (statement.type !== 'expression_statement') continue;
    const assignment = statement.namedChildren[0];
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right !== null) out.set(left.text, right);
  }
  return out;
}

/**
 * A default's value as the module states it.
 * @param settingsReadDefault when `node` is a settings read: its own default (null when it states none); undefined when it is not one.
 */
export class ModuleValues {
  private readonly resolving = new Set<string>();

  constructor(
    readonly constants: ReadonlyMap<string, PyNode>,
    private readonly bindings: ModuleBindings,
    private readonly settingsReadDefault: (node: PyNode) => PyNode | null | undefined,
  ) {}

  /** The value of a module-level string constant, or undefined. */
  stringConstant = (name: string): string | undefined => {
    const node = this.constants.get(name);
    if (node === undefined) return undefined;
    const v = this.defaultOf(node);
    return typeof v.value === 'string' ? v.value : undefined;
  };

  /** A default stated by the node, its text as written. */
  defaultOf = (node: PyNode): DefaultFact => {
    const fact = this.valueOf(node, 0);
    return { ...fact, text: abbreviateSource(node.text) };
  };

  private valueOf(node: PyNode, depth: number): Omit<DefaultFact, 'text'> {
    const inner = this.settingsReadDefault(node);
    if (inner === null) return { type: UNKNOWN };
    if (inner !== undefined) return depth < MAX_INDIRECTIONS ? this.valueOf(inner, depth + 1) : { type: COMPUTED };
    if (node.type === 'identifier') {
      const constant = this.constants.get(node.text);
      if (constant !== undefined && depth < MAX_INDIRECTIONS && !this.resolving.has(node.text)) {
        this.resolving.add(node.text);
        try {
          return this.valueOf(constant, depth + 1);
        } finally {
          this.resolving.delete(node.text);
        }
      }
      const imported = this.bindings.imported.get(node.text);
      if (imported !== undefined) return { type: COMPUTED, ref: imported };
    }
    const v = evaluate(node, this.env);
    return v.value !== undefined ? { type: v.type, value: v.value } : { type: v.type };
  }

  /** Upper-case names in expressions (`[DEFAULT_A, 'b']`): the module's constants. */
  private readonly env = (name: string): EvaluatedValue | undefined => {
    const constant = this.constants.get(name);
    if (constant === undefined || this.resolving.has(name) || this.resolving.size >= MAX_INDIRECTIONS) return undefined;
    this.resolving.add(name);
    try {
      return evaluate(constant, this.env);
    } finally {
      this.resolving.delete(name);
    }
  };
}

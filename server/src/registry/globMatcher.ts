/**
 * Glob patterns compiled to a small automaton and run without backtracking: every candidate
 * position of the glob is tracked at once while the text is read one character at a time, so a
 * match costs at most (text length × glob length) steps. The globs come from settings a workspace
 * may set (`openedxConfig.associations`); translated to a JavaScript `RegExp`, `a*a*…a*b` or
 * `**∕**∕…` against a 60-character name took minutes.
 *
 * The syntax and its meaning are those the `RegExp` translation had: `*` is any run of characters
 * but `/`; `?` one character but `/`; `**` as a whole path segment is any run of folders (`**∕`)
 * or, at the end, anything (but line breaks); `**` elsewhere is `*`; `{a,b}` alternatives (nested;
 * an unclosed `{` is closed at the end; `,` and `}` outside braces are literal); `[…]` a class as
 * in a `RegExp` (`[!…]` negated; `\` literal; without its `]` the `[` is literal; a class that does
 * not compile, such as `[z-a]`, makes the glob malformed; `[]…]` matches nothing). Matching ignores case when `ignoreCase`.
 */

/** A compiled glob. */
export interface GlobMatcher {
  /** Whether the whole of `text` matches. */
  test(text: string): boolean;
}

/** One instruction of the automaton. `next` is implicit: the following instruction. */
type Instruction =
  | { op: 'char'; c: string }
  | { op: 'pred'; test: (c: string) => boolean }
  | { op: 'split'; a: number; b: number }
  | { op: 'jmp'; to: number }
  | { op: 'match' };

/** A glob's parts, in order; `alt` holds the branches of one `{…}`. */
type Part = { kind: 'char'; c: string } | { kind: 'pred'; test: (c: string) => boolean } | { kind: 'star'; test: (c: string) => boolean } | { kind: 'folders' } | { kind: 'alt'; branches: Part[][] };

const notSlash = (c: string): boolean => c !== '/';
/** What `.` matches in a `RegExp` without the `s` flag. */
const notLineBreak = (c: string): boolean => c !== '\n' && c !== '\r' && c !== '\u2028' && c !== '\u2029';

/**
 * Compiles `glob` (already `/`-separated); null when it is malformed. Never throws.
 * @param ignoreCase - compare characters as a `RegExp` with the `i` flag does.
 */
export function compileGlob(glob: string, ignoreCase: boolean): GlobMatcher | null {
  const parts = parse(glob, ignoreCase);
  if (parts === null) return null;
  const program: Instruction[] = [];
  emit(parts, program, ignoreCase);
  program.push({ op: 'match' });
  return { test: (text) => run(program, text, ignoreCase) };
}

function parse(glob: string, ignoreCase: boolean): Part[] | null {
  // Open braces, innermost last; each holds its branches so far, the last one being written.
  const open: Part[][][] = [];
  const top: Part[] = [];
  const current = (): Part[] => {
    const group = open.at(-1);
    return group === undefined ? top : (group.at(-1) as Part[]);
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (glob[i + 2] === '/') {
            current().push({ kind: 'folders' });
            i += 2;
          } else {
            current().push({ kind: 'star', test: notLineBreak });
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      current().push({ kind: 'star', test: notSlash });
    } else if (c === '?') {
      current().push({ kind: 'pred', test: notSlash });
    } else if (c === '{') {
      open.push([[]]);
    } else if (c === '}' && open.length > 0) {
      closeBrace(open, current);
      // `current` now names the enclosing branch again.
    } else if (c === ',' && open.length > 0) {
      (open.at(-1) as Part[][]).push([]);
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        current().push({ kind: 'char', c: '[' });
        continue;
      }
      const test = classTest(glob.slice(i + 1, close), ignoreCase);
      if (test === null) return null;
      current().push({ kind: 'pred', test });
      i = close;
    } else {
      current().push({ kind: 'char', c });
    }
  }
  while (open.length > 0) closeBrace(open, current);
  return top;
}

function closeBrace(open: Part[][][], current: () => Part[]): void {
  const branches = open.pop() as Part[][];
  current().push({ kind: 'alt', branches });
}

/**
 * The test of one `[…]` class (`body` between the brackets), with a `RegExp`'s class semantics.
 * A body starting with `]` (`[]…]`) never matches: the whole-glob `RegExp` read it as the empty
 * class `[]`, which matches nothing (the text after it, read as `RegExp` source, is not kept).
 */
function classTest(body: string, ignoreCase: boolean): ((c: string) => boolean) | null {
  if (body.startsWith(']')) return () => false;
  const source = (body.startsWith('!') ? `^${body.slice(1)}` : body).replace(/\\/g, '\\\\');
  let re: RegExp;
  try {
    re = new RegExp(`^[${source}]$`, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
  return (c) => re.test(c);
}

function emit(parts: readonly Part[], program: Instruction[], ignoreCase: boolean): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'char':
        program.push({ op: 'char', c: ignoreCase ? canonical(part.c) : part.c });
        break;
      case 'pred':
        program.push({ op: 'pred', test: part.test });
        break;
      case 'star': {
        // L: split(body, out); body: pred; jmp L; out:
        const loop = program.length;
        program.push({ op: 'split', a: loop + 1, b: loop + 3 });
        program.push({ op: 'pred', test: part.test });
        program.push({ op: 'jmp', to: loop });
        break;
      }
      case 'folders': {
        // (?:[^/]*/)* — L: split(segment, out); segment: S: split(P, slash); P: pred; jmp S; slash: '/'; jmp L; out:
        const loop = program.length;
        const split = { op: 'split' as const, a: loop + 1, b: -1 };
        program.push(split);
        program.push({ op: 'split', a: loop + 2, b: loop + 4 });
        program.push({ op: 'pred', test: notSlash });
        program.push({ op: 'jmp', to: loop + 1 });
        program.push({ op: 'char', c: '/' });
        program.push({ op: 'jmp', to: loop });
        split.b = program.length;
        break;
      }
      case 'alt': {
        // split(b1, split(b2, … bn)); each branch jumps past the last.
        const exits: { op: 'jmp'; to: number }[] = [];
        part.branches.forEach((branch, index) => {
          const last = index === part.branches.length - 1;
          const split = last ? undefined : { op: 'split' as const, a: program.length + 1, b: -1 };
          if (split !== undefined) program.push(split);
          emit(branch, program, ignoreCase);
          const exit = { op: 'jmp' as const, to: -1 };
          exits.push(exit);
          program.push(exit);
          if (split !== undefined) split.b = program.length;
        });
        for (const exit of exits) exit.to = program.length;
        break;
      }
    }
  }
}

/** Runs the automaton over `text`, all threads in step (a Thompson simulation). */
function run(program: readonly Instruction[], text: string, ignoreCase: boolean): boolean {
  let current: number[] = [];
  let next: number[] = [];
  // The step at which each instruction was last added, so it is added once per step.
  const seen = new Int32Array(program.length).fill(-1);
  const pending: number[] = [];
  const add = (list: number[], pc: number, step: number): void => {
    pending.push(pc);
    while (pending.length > 0) {
      const at = pending.pop() as number;
      if (seen[at] === step) continue;
      seen[at] = step;
      const instruction = program[at];
      if (instruction.op === 'jmp') pending.push(instruction.to);
      else if (instruction.op === 'split') pending.push(instruction.b, instruction.a);
      else list.push(at);
    }
  };
  add(current, 0, 0);
  for (let i = 0; i < text.length && current.length > 0; i++) {
    const c = text[i];
    const compared = ignoreCase ? canonical(c) : c;
    for (const pc of current) {
      const instruction = program[pc];
      if ((instruction.op === 'char' && instruction.c === compared) || (instruction.op === 'pred' && instruction.test(c))) add(next, pc + 1, i + 1);
    }
    [current, next] = [next, current];
    next.length = 0;
  }
  return current.some((pc) => program[pc].op === 'match');
}

/** A character as a case-insensitive, non-Unicode `RegExp` compares it (ECMA-262 Canonicalize). */
function canonical(c: string): string {
  const upper = c.toUpperCase();
  if (upper.length !== 1) return c;
  return c.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128 ? c : upper;
}

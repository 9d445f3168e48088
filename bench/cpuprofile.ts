/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`, e.g. `npm run bench -- --cpu-prof DIR`):
 * self time per function and per source file, and total (inclusive) time of the functions whose
 * name matches a filter. Usage: `node out/bench/cpuprofile.js FILE [--top N] [--match REGEX]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One node of a V8 CPU profile. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/** A V8 CPU profile. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self and inclusive milliseconds per function, and self milliseconds per file. */
export interface ProfileSummary {
  totalMs: number;
  functions: Array<{ name: string; selfMs: number; totalMs: number }>;
  files: Array<{ file: string; selfMs: number }>;
}

function frameName(node: ProfileNode): string {
  const f = node.callFrame;
  const file = f.url === '' ? '' : path.basename(f.url.replace(/^file:\/\//, ''));
  return `${f.functionName === '' ? '(anonymous)' : f.functionName} ${file}:${f.lineNumber + 1}`;
}

/** Summarises a profile: time per sample is taken from `timeDeltas`. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // The delta before sample i+1 is the time sample i ran for.
    const dt = deltas[i + 1] ?? 0;
    selfMicros.set(samples[i], (selfMicros.get(samples[i]) ?? 0) + dt);
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + micros);
    const file = node.callFrame.url === '' ? `(${node.callFrame.functionName || 'native'})` : node.callFrame.url.replace(/^file:\/\//, '');
    files.set(file, (files.get(file) ?? 0) + micros);
    // Inclusive time: once per distinct function on the stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (n === undefined) break;
      const fname = frameName(n);
      if (seen.has(fname)) continue;
      seen.add(fname);
      total.set(fname, (total.get(fname) ?? 0) + micros);
    }
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    functions: [...self.keys()]
      .map((name) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: (total.get(name) ?? 0) / 1000 }))
      .concat([...total.keys()].filter((n) => !self.has(n)).map((name) => ({ name, selfMs: 0, totalMs: (total.get(name) ?? 0) / 1000 })))
      .sort((a, b) => b.selfMs - a.selfMs),
    files: [...files].map(([file, micros]) => ({ file, selfMs: micros / 1000 })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 30;
  const matchIndex = args.indexOf('--match');
  const match = matchIndex >= 0 ? new RegExp(args[matchIndex + 1]) : undefined;
  if (file === undefined) {
    console.error('usage: node out/bench/cpuprofile.js FILE [--top N] [--match REGEX]');
    process.exitCode = 2;
  } else {
    const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
    console.log(`profile: ${summary.totalMs.toFixed(0)} ms`);
    console.log('\nself time by function:');
    for (const f of summary.functions.slice(0, top)) console.log(`  ${f.selfMs.toFixed(1).padStart(8)} ms self ${f.totalMs.toFixed(1).padStart(8)} ms total  ${f.name}`);
    console.log('\nself time by file:');
    for (const f of summary.files.slice(0, 15)) console.log(`  ${f.selfMs.toFixed(1).padStart(8)} ms  ${f.file}`);
    if (match !== undefined) {
      console.log(`\ninclusive time of functions matching ${match}:`);
      for (const f of [...summary.functions].filter((x) => match.test(x.name)).sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
        console.log(`  ${f.totalMs.toFixed(1).padStart(8)} ms total ${f.selfMs.toFixed(1).padStart(8)} ms self  ${f.name}`);
      }
    }
  }
}

/**
 * `npm run bench:soak`: 100,000 random edits (seeded) to a real config file (the corpus's
 * lms/mock.yml, opened as lms.yml with the shipped LMS schema) in one server process, sent in
 * bursts as fast typing does, with the diagnostics of each burst's last version awaited; a
 * completion and a hover every few bursts. Samples VmRSS/VmHWM every 5,000 edits and prints the
 * series and its slope. Fails (exit code 1) when the server leaves anything unanswered, exits,
 * publishes a diagnostic outside the document, or ends with diagnostics that differ from a fresh
 * server's for the same text; exit code 2 when memory grows faster than the allowed slope.
 *
 * Options: --edits N (100000), --sample-every N (5000), --seed N, --reset-every N (2000: the
 * text goes back to the original, as an undo-all would), --max-slope MB (1: per 10,000 edits).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { Random } from './generate';
import { BenchClient, type Memory } from './lsp';
import { MOCK_YML, REPO_ROOT } from './run';
import { linearFit, machine } from './stats';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/launch';

interface SoakOptions {
  edits: number;
  sampleEvery: number;
  seed: number;
  resetEvery: number;
  maxSlope: number;
}

function parseOptions(argv: readonly string[]): SoakOptions {
  const options: SoakOptions = { edits: 100_000, sampleEvery: 5000, seed: 5, resetEvery: 2000, maxSlope: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const n = Number(argv[++i]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${arg} needs a non-negative number`);
    if (arg === '--edits') options.edits = Math.floor(n);
    else if (arg === '--sample-every') options.sampleEvery = Math.max(1, Math.floor(n));
    else if (arg === '--seed') options.seed = Math.floor(n);
    else if (arg === '--reset-every') options.resetEvery = Math.max(1, Math.floor(n));
    else if (arg === '--max-slope') options.maxSlope = n;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** Characters typed by the random edits: YAML's punctuation included, to reach the error paths. */
const TYPED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789   ::--##"\'{}[],.&*!|>%@`\t';

/** The client's copy of the document, as lines, and the random edits made to it. */
class EditedText {
  lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  get text(): string {
    return this.lines.join('\n');
  }

  /** One random edit, applied here and returned as an LSP change. */
  randomEdit(rng: Random): TextDocumentContentChangeEvent {
    const r = rng.next();
    const line = rng.int(0, this.lines.length - 1);
    const current = this.lines[line];
    if (r < 0.45 || current.length === 0) {
      const character = rng.int(0, current.length);
      let text = '';
      for (let n = rng.int(1, 3); n > 0; n--) text += TYPED[rng.int(0, TYPED.length - 1)];
      this.lines[line] = current.slice(0, character) + text + current.slice(character);
      return { range: { start: { line, character }, end: { line, character } }, text };
    }
    if (r < 0.8) {
      const character = rng.int(0, current.length - 1);
      const end = Math.min(current.length, character + rng.int(1, 3));
      this.lines[line] = current.slice(0, character) + current.slice(end);
      return { range: { start: { line, character }, end: { line, character: end } }, text: '' };
    }
    if (r < 0.88) {
      const character = rng.int(0, current.length);
      this.lines.splice(line, 1, current.slice(0, character), current.slice(character));
      return { range: { start: { line, character }, end: { line, character } }, text: '\n' };
    }
    if (r < 0.95 && line + 1 < this.lines.length) {
      const character = current.length;
      this.lines.splice(line, 2, current + this.lines[line + 1]);
      return { range: { start: { line, character }, end: { line: line + 1, character: 0 } }, text: '' };
    }
    // Paste a whole key line above this one.
    const pasted = `SOAK_KEY_${rng.int(0, 99)}: ${rng.int(0, 1000)}`;
    this.lines.splice(line, 0, pasted);
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${pasted}\n` };
  }

  /** Replaces the whole text (a change covering every line). */
  replaceAll(text: string): TextDocumentContentChangeEvent {
    const lastLine = this.lines.length - 1;
    const change = { range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: this.lines[lastLine].length } }, text };
    this.lines = text.split('\n');
    return change;
  }

  /** The first diagnostic whose range is not inside the text, if any. */
  outside(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
    return diagnostics.find((d) => {
      const { start, end } = d.range;
      const inside = (p: { line: number; character: number }): boolean => p.line >= 0 && p.line < this.lines.length && p.character >= 0 && p.character <= this.lines[p.line].length;
      return !inside(start) || !inside(end) || start.line > end.line || (start.line === end.line && start.character > end.character);
    });
  }
}

interface Sample {
  edits: number;
  seconds: number;
  memory: Memory;
  publications: number;
}

const OUR_SERVER = path.join(REPO_ROOT, 'dist', 'server.js');

async function openMock(dir: string, text: string): Promise<{ client: BenchClient; uri: string }> {
  const uri = URI.file(path.join(dir, 'lms.yml')).toString();
  // Only the last publications are kept: 100,000 edits publish tens of thousands of lists.
  const client = BenchClient.spawn({ name: 'openedx-config', script: OUR_SERVER, args: ['--stdio'], sections: { openedxConfig: {} }, keepPublications: 20, nodeFlags: SERVER_EXEC_ARGV, env: SERVER_ENV });
  await client.initialize(null, []);
  await client.settingsChanged();
  await client.open(uri, text);
  await client.publication(uri, 0, (p) => p.version === 1);
  return { client, uri };
}

function canonical(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => [d.range, d.severity, d.code, d.message]));
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const host = machine();
  console.log(`soak: ${options.edits} edits (seed ${options.seed}), ${host.nproc} × ${host.cpuModel}, node ${host.node}, ${host.date}`);
  const original = fs.readFileSync(MOCK_YML, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-soak-'));
  const rng = new Random(options.seed);
  const doc = new EditedText(original);
  const { client, uri } = await openMock(dir, original);
  const samples: Sample[] = [];
  const started = performance.now();
  let requests = 0;
  let answered = 0;
  let bursts = 0;
  let failure: string | undefined;
  const sample = (edits: number): void => {
    const s = { edits, seconds: (performance.now() - started) / 1000, memory: client.memory(), publications: client.publicationCount(uri) };
    samples.push(s);
    console.log(`  ${String(edits).padStart(7)} edits  ${s.seconds.toFixed(1).padStart(6)} s  VmRSS ${s.memory.rssMb.toFixed(1)} MB  VmHWM ${s.memory.hwmMb.toFixed(1)} MB  ${s.publications} publications`);
  };
  try {
    sample(0);
    let edits = 0;
    while (edits < options.edits) {
      // A burst of 1–8 changes sent without waiting, as fast typing sends them.
      const burst = Math.min(rng.int(1, 8), options.edits - edits);
      const before = client.publicationCount(uri);
      for (let i = 0; i < burst; i++) {
        const resetNow = (edits + 1) % options.resetEvery === 0;
        await client.change(uri, [resetNow ? doc.replaceAll(original) : doc.randomEdit(rng)]);
        edits++;
        if (edits % options.sampleEvery === 0) sample(edits);
      }
      bursts++;
      if (bursts % 20 === 0) {
        // A completion and a hover at random places: both must be answered (null is an answer).
        const line = rng.int(0, doc.lines.length - 1);
        const character = rng.int(0, doc.lines[line].length);
        requests += 2;
        await client.completion(uri, line, character);
        answered++;
        await client.hover(uri, line, character);
        answered++;
      }
      const version = client.version(uri);
      const published = await client.publication(uri, before, (p) => p.version === version);
      const bad = doc.outside(published.diagnostics);
      if (bad !== undefined) throw new Error(`diagnostic outside the document at version ${version}: ${JSON.stringify(bad.range)} (${String(bad.code)})`);
    }
    if (samples[samples.length - 1].edits !== edits) sample(edits);

    // The incremental model must end where a fresh parse of the same text starts.
    const last = client.published.get(uri)?.at(-1);
    const fresh = await openMock(fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-soak-fresh-')), doc.text);
    const freshDiagnostics = fresh.client.published.get(fresh.uri)?.at(-1)?.diagnostics ?? [];
    await fresh.client.stop();
    if (last === undefined || canonical(last.diagnostics) !== canonical(freshDiagnostics)) {
      throw new Error('the diagnostics after the soak differ from a fresh server\'s for the same text');
    }
    console.log(`final text: ${doc.lines.length} lines, ${last.diagnostics.length} diagnostics, the same as a fresh server's`);
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${bursts} bursts, ${requests} requests (${answered} answered), ${client.publicationCount(uri)} publications in ${seconds.toFixed(1)} s`);
  // The slope is fitted over the last 80% of the run: the first edits grow V8's heap spaces to
  // their working size and warm the caches and the JIT (a plateau, not a leak).
  const fitted = samples.filter((s) => s.edits >= options.edits * 0.2);
  const { slope } = linearFit(fitted.map((s) => s.edits / 10_000), fitted.map((s) => s.memory.rssMb));
  const drift = fitted.length > 0 ? fitted[fitted.length - 1].memory.rssMb - fitted[0].memory.rssMb : 0;
  console.log(`VmRSS slope ${slope.toFixed(2)} MB per 10,000 edits (least squares over the ${fitted.length} samples from ${fitted[0]?.edits ?? 0} edits on); first → last of them ${drift >= 0 ? '+' : ''}${drift.toFixed(1)} MB; peak VmHWM ${Math.max(...samples.map((s) => s.memory.hwmMb)).toFixed(1)} MB`);
  const file = path.join(REPO_ROOT, 'bench', 'results', `soak-${host.date.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ machine: host, options, samples, slopeMbPer10k: slope, bursts, requests, answered, failure }, null, 1)}\n`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  if (failure !== undefined || answered !== requests) {
    console.error(`SOAK FAILED: ${failure ?? `${requests - answered} requests unanswered`}`);
    return 1;
  }
  if (options.edits < 20_000) {
    console.log(`soak passed: every request answered, every burst validated (${options.edits} edits are too few to judge the memory slope: V8 is still growing its heap to its working size)`);
    return 0;
  }
  if (slope > options.maxSlope) {
    console.error(`memory grows: ${slope.toFixed(2)} MB per 10,000 edits > ${options.maxSlope}`);
    return 2;
  }
  console.log('soak passed: every request answered, every burst validated, memory flat');
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`soak failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    },
  );
}

/**
 * The CLI engine over every real config file of the corpus, with the shipped schemas: zero errors
 * per file; every warning and information is of a kind a user would accept; templates do not
 * cascade into YAML errors. Per-file counts are printed as test diagnostics.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { check, checker, corpusFiles } from './corpus';

after(() => checker.dispose());

/** Why a warning is acceptable, per rule: a predicate on the diagnostic and the reason in words. */
const ACCEPTED_WARNINGS: Readonly<Record<string, { ok: (d: Diagnostic) => boolean; why: string }>> = {
  'unknown-key': { ok: (d) => /did you mean `[A-Za-z0-9_]+`\?$/.test(text(d)), why: 'a likely typo, with the known key it resembles' },
  'overwritten-key': { ok: (d) => /has no effect: \w[\w-]* overwrites it after loading this file \([\w/.]+\.py:\d+\)\.$/.test(text(d)), why: 'the value is ignored, with the line that overwrites it' },
  'type-mismatch': { ok: (d) => /^Expected .+, found .+\.$/.test(text(d)), why: 'a value of another type than the default, as PyYAML loads it' },
  'conditional-key': { ok: () => true, why: 'read only under a condition this file turns off' },
  deprecated: { ok: () => true, why: 'deprecated usage' },
  'removal-date-passed': { ok: () => true, why: 'a toggle past its removal date' },
  'insecure-secret': { ok: () => true, why: 'a placeholder secret' },
};

/**
 * Informations: notes, never problems. A `type-mismatch` information is the note on a value whose
 * shape differs from a default's literal that may not be the only one the code takes (a list of
 * hosts where a library's default has one).
 */
const ACCEPTED_INFOS: ReadonlySet<string> = new Set(['unknown-key', 'deprecated', 'removal-date-passed', 'file-too-large', 'type-mismatch']);

function text(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

const files = corpusFiles();

test('the corpus is there', () => {
  assert.ok(files.length >= 7, `${files.length} corpus files`);
});

for (const file of files) {
  test(`${file.rel}: zero errors, acceptable warnings`, async (t) => {
    const report = await check(file);
    assert.equal(report.skipped, undefined, report.skipped);
    assert.equal(report.source, 'shipped');
    if (file.ida === undefined) assert.equal(report.reason, 'file name');
    const errors = report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${text(d)}`), [], 'no errors');
    const counts: Record<string, number> = {};
    for (const d of report.diagnostics) {
      const rule = String(d.code);
      const where = `${file.rel}:${d.range.start.line + 1}: ${text(d)}`;
      if (d.severity === DiagnosticSeverity.Warning) {
        const accepted = ACCEPTED_WARNINGS[rule];
        assert.ok(accepted !== undefined && accepted.ok(d), `unexpected warning ${rule} at ${where}`);
      } else {
        assert.ok(ACCEPTED_INFOS.has(rule), `unexpected information ${rule} at ${where}`);
      }
      const label = `${d.severity === DiagnosticSeverity.Warning ? 'warning' : 'info'} ${rule}`;
      counts[label] = (counts[label] ?? 0) + 1;
    }
    const warnings = report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
    t.diagnostic(`${file.rel} (${report.ida}): 0 errors, ${warnings} warnings, ${report.diagnostics.length - warnings} infos ${JSON.stringify(counts)}`);
    if (file.template) {
      assert.deepEqual(report.diagnostics.filter((d) => d.code === 'yaml-syntax').map(text), [], 'templates: no YAML syntax cascade');
    }
  });
}

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

/**
 * Every file's reports, per severity and rule, exactly: a change in what the checker says about a
 * real file shows here first (docs/rules.md, "False alarms on the corpus", judges each report).
 */
const EXPECTED_COUNTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'course-discovery/minimal.yml': { 'info unknown-key': 4 },
  'credentials/minimal.yml': {},
  'openedx-platform/cms/mock.yml': { 'info deprecated': 41, 'info removal-date-passed': 2, 'info unknown-key': 32, 'warning overwritten-key': 2, 'warning type-mismatch': 3 },
  'openedx-platform/lms/minimal.yml': { 'info deprecated': 1, 'info unknown-key': 1 },
  'openedx-platform/lms/mock.yml': { 'info deprecated': 55, 'info removal-date-passed': 1, 'info type-mismatch': 3, 'info unknown-key': 79, 'warning overwritten-key': 3, 'warning type-mismatch': 2 },
  'tutor/cms.env.yml.jinja': { 'info deprecated': 5, 'info unknown-key': 2 },
  'tutor/lms.env.yml.jinja': { 'info deprecated': 7, 'info unknown-key': 3 },
};

function text(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

const files = corpusFiles();

test('the corpus is there, every file with its expected counts', () => {
  assert.deepEqual(files.map((f) => f.rel).sort(), Object.keys(EXPECTED_COUNTS).sort());
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
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
    assert.deepEqual(sorted, EXPECTED_COUNTS[file.rel], `reports per severity and rule in ${file.rel}`);
    const warnings = report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
    t.diagnostic(`${file.rel} (${report.ida}): 0 errors, ${warnings} warnings, ${report.diagnostics.length - warnings} infos ${JSON.stringify(counts)}`);
    if (file.template) {
      assert.deepEqual(report.diagnostics.filter((d) => d.code === 'yaml-syntax').map(text), [], 'templates: no YAML syntax cascade');
    }
  });
}

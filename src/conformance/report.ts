import type { CheckReport } from './check.ts';
import type { ProfileResult, StepResult } from './runner.ts';

type Outcome = StepResult['outcome'];

function countOf(profile: ProfileResult): Record<Outcome, number> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const step of profile.steps) counts[step.outcome] += 1;
  return counts;
}

export function failed(report: CheckReport): boolean {
  return report.profiles.some((profile) => countOf(profile).failed > 0);
}

/** The whole report as one JSON document, for CI. */
export function toJson(report: CheckReport): string {
  const profiles = report.profiles.map((profile) => ({ ...profile, ...countOf(profile) }));
  const ok = !failed(report) && !report.interrupted;
  return `${JSON.stringify({ ok, ...report, profiles }, null, 2)}\n`;
}

const MARK: Record<Outcome, string> = { passed: '✓', failed: '✗', skipped: '–' };
const LIMIT = 600;

function clip(text: string): string {
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}… (${text.length - LIMIT} more characters)` : text;
}

function stepLines(step: StepResult): string[] {
  if (step.outcome === 'passed') return [`  ${MARK.passed} ${step.name}`];
  if (step.outcome === 'skipped') return [`  ${MARK.skipped} ${step.name} (skipped: ${step.reason})`];
  const { request, response } = step;
  return [
    `  ${MARK.failed} ${step.name}`,
    ...step.problems.map((problem) => `      ${problem}`),
    `      ${request.method} ${request.url}`,
    ...(request.body === undefined ? [] : [`      ${clip(JSON.stringify(request.body))}`]),
    response ? `      → ${response.status} ${clip(response.body) || '(empty body)'}` : '      → no response',
    `      hint: ${step.hint}`,
  ];
}

function table(report: CheckReport): string[] {
  const rows = report.profiles.map((profile) => {
    const counts = countOf(profile);
    return [profile.name, counts.passed, counts.failed, counts.skipped];
  });
  const width = Math.max(7, ...report.profiles.map((profile) => profile.name.length));
  const row = (cells: (string | number)[]) =>
    cells.map((cell, i) => (i === 0 ? String(cell).padEnd(width) : String(cell).padStart(8))).join('');
  return [row(['profile', 'passed', 'failed', 'skipped']), ...rows.map(row)];
}

function cleanupLine(report: CheckReport): string[] {
  if (report.cleanup === 'kept') return [`kept: the users and groups it created start with ${report.prefix}`];
  const { deleted, left } = report.cleanup;
  const count = `${deleted} ${deleted === 1 ? 'user or group' : 'users and groups'}`;
  if (left.length === 0) return [`cleanup: deleted what it created (${count})`];
  return [
    `cleanup: deleted ${count}, but ${left.length} remain on the server:`,
    ...left.map((r) => `  ${r.endpoint} ${r.id ?? r.name} (${r.problem})`),
  ];
}

function verdict(report: CheckReport): string {
  if (failed(report)) return 'FAILED: the server would break the IdP flows marked ✗';
  return report.interrupted ? 'INTERRUPTED: no failure in the steps that ran' : 'OK: every step passed';
}

/** Every step on a line, failures with their request, response and hint; then a summary table. */
export function toText(report: CheckReport): string {
  const lines = [`scimitar check ${report.target} (prefix ${report.prefix})`];
  for (const profile of report.profiles) {
    lines.push('', `${profile.title} [${profile.name}]`, ...profile.steps.flatMap(stepLines));
  }
  lines.push('', ...table(report), '', ...cleanupLine(report));
  lines.push(verdict(report));
  return `${lines.join('\n')}\n`;
}

import type { INestApplicationContext } from '@nestjs/common';
import { CustomerCommands } from '@rapport/customers-app';
import { DomainError } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import { GateCommands, SALES_GATING_HOST, SalesGatingQueries, whatIfReport, type WhatIfReport } from '@rapport/sales-gating-app';
import { policyProblems, type GatePolicy, type GateReason, type WhatIfDifference } from '@rapport/sales-gating-domain';

/** A policy file the CLI cannot use: the message says why (exit code 2, not a stack). */
export class PolicyFileError extends Error {}

/** A proposed policy as a file holds it: the policy's own fields (what PUT /api/v1/sales-gating/policy takes, without the reason). */
export function parsePolicy(text: string, source: string): GatePolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PolicyFileError(`${source} is not JSON: ${(error as Error).message}`);
  }
  const p = raw as Partial<GatePolicy> | null;
  if (typeof p !== 'object' || p === null || typeof p.quadrant !== 'object' || typeof p.pressure !== 'object' || p.quadrant === null || p.pressure === null) {
    throw new PolicyFileError(`${source}: a policy has version, quadrant, turnaroundMinNps, pressure and surveyIntervalDays`);
  }
  const policy: GatePolicy = {
    version: String(p.version),
    quadrant: { highNpsFrom: Number(p.quadrant.highNpsFrom), highShareFrom: Number(p.quadrant.highShareFrom), unknownShareAs: p.quadrant.unknownShareAs === 'high' ? 'high' : 'low' },
    turnaroundMinNps: Number(p.turnaroundMinNps),
    pressure: {
      salesAttemptsPerDay: Number(p.pressure.salesAttemptsPerDay),
      pitchSpacingDays: Number(p.pressure.pitchSpacingDays),
      afterRejectionDays: Number(p.pressure.afterRejectionDays),
      maxSnoozeDays: Number(p.pressure.maxSnoozeDays),
      defaultSnoozeDays: Number(p.pressure.defaultSnoozeDays),
    },
    surveyIntervalDays: Number(p.surveyIntervalDays),
  };
  const problems = policyProblems(policy);
  if (problems.length > 0) throw new PolicyFileError(`${source}: ${problems.join('; ')}`);
  return policy;
}

export interface WhatIfRun {
  readonly inForce: GatePolicy;
  readonly proposed: GatePolicy;
  /** Every differing customer (the report lists them all). */
  readonly report: WhatIfReport;
  /** Customers' names, for people reading the report (the what-if itself knows only ids). */
  readonly names: ReadonlyMap<string, string>;
}

/**
 * G3, G7: the sales-gating what-if use case over a running app (the all-in-one, or customers and sales gating
 * together): the recorded history replayed under the policy in force and the proposed one, nothing written.
 */
export async function runWhatIf(app: INestApplicationContext, proposed: GatePolicy, progress?: (customers: number) => void): Promise<WhatIfRun> {
  const problems = policyProblems(proposed);
  if (problems.length > 0) throw new DomainError('rule_violation', 'invalid-policy', problems.join('; '), 'G3', { problems });
  const inForce = await app.get(GateCommands).currentPolicy();
  const host = app.get<ServiceHost>(SALES_GATING_HOST);
  const report = await whatIfReport(host.events, app.get(SalesGatingQueries), inForce, proposed, Number.MAX_SAFE_INTEGER, progress);
  const customers = app.get(CustomerCommands);
  const names = new Map<string, string>();
  for (const item of report.items) {
    const state = await customers.state(item.customerId);
    if (state.status !== 'unregistered' && state.card.name) names.set(item.customerId, state.card.name);
  }
  return { inForce, proposed, report, names };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const day = (iso: string): string => iso.slice(0, 10);
const reasonsText = (reasons: readonly GateReason[]): string => reasons.map((r) => `${r.rule} ${r.code}: ${r.text}`).join('; ') || '—';

function afterwardsText(d: WhatIfDifference): string {
  const a = d.afterwards;
  const parts = [
    a.purchases > 0 ? `bought ${a.purchases}×` : null,
    a.complaints > 0 ? `complained ${a.complaints}×` : null,
    a.detractorAnswers > 0 ? `${a.detractorAnswers} detractor answer${a.detractorAnswers > 1 ? 's' : ''}` : null,
    a.left ? 'left' : null,
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join(', ') : 'nothing recorded';
}

/** The fields where two policies differ, as `field: in force → proposed`. */
export function policyChanges(a: GatePolicy, b: GatePolicy): string[] {
  const flat = (p: GatePolicy): Record<string, unknown> => ({
    version: p.version,
    ...Object.fromEntries(Object.entries(p.quadrant).map(([k, v]) => [`quadrant.${k}`, v])),
    turnaroundMinNps: p.turnaroundMinNps,
    ...Object.fromEntries(Object.entries(p.pressure).map(([k, v]) => [`pressure.${k}`, v])),
    surveyIntervalDays: p.surveyIntervalDays,
  });
  const fa = flat(a);
  const fb = flat(b);
  return Object.keys(fa)
    .filter((k) => fa[k] !== fb[k])
    .map((k) => `${k}: ${String(fa[k])} → ${String(fb[k])}`);
}

/**
 * The what-if as a Markdown report for a manager: the command that made it, the policies, totals per change of
 * gate, then every customer whose gate would differ — the gates then and today, when, why each policy decided
 * as it did (G7, naming the rules), and what the customer did afterwards.
 */
export function renderWhatIf(run: WhatIfRun, heading: { readonly title: string; readonly command: string; readonly world?: string }): string {
  const { report, inForce, proposed, names } = run;
  const items = [...report.items].sort((x, y) => x.firstDifferenceAt.localeCompare(y.firstDifferenceAt) || x.customerId.localeCompare(y.customerId));
  const bought = items.filter((d) => d.afterwards.purchases > 0).length;
  const complained = items.filter((d) => d.afterwards.complaints > 0).length;
  const left = items.filter((d) => d.afterwards.left).length;
  const lines = [
    `# ${heading.title}`,
    '',
    `Made by \`${heading.command}\`.`,
    '',
    ...(heading.world ? [heading.world, ''] : []),
    `The sales-gating what-if (G3, G7) replayed every customer's recorded gate facts under the policy in force (\`${inForce.version}\`) and under the proposed one (\`${proposed.version}\`), writing nothing.`,
    '',
    '## The proposal',
    '',
    ...policyChanges(inForce, proposed).map((c) => `- ${c}`),
    '',
    '## Totals',
    '',
    `- customers replayed: ${report.customers}`,
    `- customers whose gate would differ: ${report.differing}`,
    `- of them, bought after the first difference: ${bought}; complained: ${complained}; left: ${left}`,
    '',
    '| In force → proposed (first difference) | Customers | Purchases afterwards | Complaints afterwards | Left |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...report.summary.map((s) => `| ${s.inForce} → ${s.proposed} | ${s.customers} | ${s.purchases} | ${s.complaints} | ${s.left} |`),
    '',
    '## Customers whose gate would differ',
    '',
    'Dates are when the two policies first gave different gates (the fact that made them differ); reasons are what each policy said then; "today" is the gate after the last recorded fact.',
    '',
    '| Customer | Owner | First differs | On | In force: gate and reasons | Proposed: gate and reasons | Today (in force / proposed) | Facts differing | Afterwards |',
    '| --- | --- | --- | --- | --- | --- | --- | ---: | --- |',
    ...items.map((d) =>
      [
        `${cell(names.get(d.customerId) ?? '(no name)')} \`${d.customerId}\``,
        d.ownerId ?? '—',
        day(d.firstDifferenceAt),
        d.firstDifferenceFact,
        `**${d.inForce}** — ${cell(reasonsText(d.inForceReasons))}`,
        `**${d.proposed}** — ${cell(reasonsText(d.proposedReasons))}`,
        `${d.inForceNow ?? '—'} / ${d.proposedNow ?? '—'}`,
        String(d.differingFacts),
        afterwardsText(d),
      ].join(' | '),
    ).map((row) => `| ${row} |`),
    '',
  ];
  return lines.join('\n');
}

import { addDays, maxIso } from '@rapport/platform-eventsourcing';
import { isDetractorScore } from './gate.facts';
import type { GateDecision, GateReason, GateStatus } from './gate.events';
import type { GatePolicy } from './gate.policy';
import type { GateState } from './gate.state';

/** How far a status lets a rep sell: G8 compares these so that money facts alone never move a gate up. */
export const openness = (status: GateStatus): number => ({ HOLD: 0, FIX_FIRST: 0, NURTURE: 1, OPEN: 2, TARGET: 3 })[status];

/** G1, G2, G3: the statuses under which no one pitches. */
export const isHeld = (status: GateStatus): boolean => status === 'HOLD' || status === 'FIX_FIRST';

function highShare(s: GateState, policy: GatePolicy): boolean {
  const value = s.share?.value ?? null;
  return value === null ? policy.quadrant.unknownShareAs === 'high' : value >= policy.quadrant.highShareFrom;
}

const shareText = (s: GateState): string => (s.share?.value == null ? 'share of wallet not estimated' : `share of wallet ${Math.round(s.share.value * 100)}%`);
const shareIds = (s: GateState): string[] => (s.share ? [s.share.eventId] : []);

/**
 * The gate of one customer under a policy (G1–G4, G7): a pure function of what gating knows. Order matters:
 * open complaints and a detractor hold first (G1, G2); a hold lifts only on a clear turnaround (G4); then the
 * NPS × share-of-wallet quadrant decides (G3). Without any NPS answer there is no segment: OPEN.
 */
export function evaluateGate(s: GateState, policy: GatePolicy, now: Date): GateDecision {
  const decide = (status: GateStatus, reasons: GateReason[], nextChangeAt: string | null = null): GateDecision => ({
    status,
    reasons,
    policyVersion: policy.version,
    decidedAt: now.toISOString(),
    nextChangeAt,
  });
  const nps = s.latestNps;
  // F4: a hold waiting on a new answer cannot lift before the customer may be surveyed again.
  const nextSurveyAt = nps ? maxIso(now.toISOString(), addDays(nps.at, policy.surveyIntervalDays)) : null;
  const high = highShare(s, policy);

  const holds: GateReason[] = [];
  const open = Object.entries(s.openComplaints);
  if (open.length > 0) {
    holds.push({
      rule: 'G2',
      code: 'open-complaint',
      text: `${open.length} complaint(s) not confirmed resolved: ${open.map(([id]) => id).join(', ')}`,
      eventIds: open.map(([, e]) => e.eventId),
    });
  }
  const detractor = nps !== null && isDetractorScore(nps.score);
  if (detractor) holds.push({ rule: 'G1', code: 'detractor', text: `latest NPS ${nps.score} is a detractor's (0–6)`, eventIds: [nps.eventId] });
  if (holds.length > 0) {
    if (detractor && high) {
      holds.push({ rule: 'G3', code: 'low-nps-high-share', text: `detractor with ${shareText(s)}: investigate the root cause now`, eventIds: [nps.eventId, ...shareIds(s)] });
      return decide('FIX_FIRST', holds, open.length === 0 ? nextSurveyAt : null);
    }
    return decide('HOLD', holds, open.length === 0 ? nextSurveyAt : null);
  }

  const reasons: GateReason[] = [];
  if (s.hold !== null) {
    const resolutions = s.hold.resolutions;
    const after = maxIso(s.hold.since, ...resolutions.map((r) => r.at))!;
    const evidence = [...resolutions.map((r) => r.eventId)];
    if (nps === null || nps.score < policy.turnaroundMinNps || nps.at <= after) {
      return decide(
        'HOLD',
        [
          {
            rule: 'G4',
            code: 'awaiting-turnaround',
            text: `held until an NPS of ${policy.turnaroundMinNps} or more answered after ${after}${resolutions.length > 0 ? ' (complaints confirmed resolved)' : ''}`,
            eventIds: [...s.hold.causes, ...evidence],
          },
        ],
        nextSurveyAt,
      );
    }
    reasons.push({
      rule: 'G4',
      code: 'turnaround',
      text: `${resolutions.length > 0 ? 'complaints confirmed resolved and ' : ''}a later NPS of ${nps.score}`,
      eventIds: [...evidence, nps.eventId],
    });
  }

  if (nps === null) return decide('OPEN', [...reasons, { rule: 'G3', code: 'no-nps', text: 'no NPS answer yet: no segment', eventIds: [] }]);
  const highNps = nps.score >= policy.quadrant.highNpsFrom;
  const ids = [nps.eventId, ...shareIds(s)];
  const quadrant = `NPS ${nps.score} (${highNps ? 'high' : 'low'}), ${shareText(s)} (${high ? 'high' : 'low'})`;
  if (!highNps && high) return decide('FIX_FIRST', [...reasons, { rule: 'G3', code: 'low-nps-high-share', text: quadrant, eventIds: ids }], nextSurveyAt);
  if (!highNps) return decide('HOLD', [...reasons, { rule: 'G3', code: 'low-nps-low-share', text: quadrant, eventIds: ids }], nextSurveyAt);
  if (high) return decide('NURTURE', [...reasons, { rule: 'G3', code: 'high-nps-high-share', text: `${quadrant}: keep, ask for referrals`, eventIds: ids }]);
  return decide('TARGET', [...reasons, { rule: 'G3', code: 'high-nps-low-share', text: `${quadrant}: sell here first`, eventIds: ids }]);
}

/**
 * Whether two decisions tell a rep the same (status and reasons), ignoring when they were made and under which
 * version: a new policy that confirms a gate records nothing, so a policy change publishes only real changes.
 */
export const sameDecision = (a: GateDecision | null, b: GateDecision): boolean => a !== null && a.status === b.status && JSON.stringify(a.reasons) === JSON.stringify(b.reasons);

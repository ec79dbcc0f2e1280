import type { Projection } from '@rapport/platform-eventsourcing';
import { evolveGate, GATE_STREAM_PREFIX, initialGateState, type GateDecision, type GateEvent, type GateState, type GateStatus } from '@rapport/sales-gating-domain';

export const GATES = 'gates';
export const GATES_PROJECTION = 'gates';

export type NpsBand = 'detractor' | 'passive' | 'promoter' | 'none';
export type ShareBand = 'low' | 'high' | 'unknown';

/** One document per customer: the gate in force, the fields the lists and the map query, and the folded state the checks read. */
export interface GateDoc {
  readonly id: string;
  readonly ownerId: string | null;
  readonly status: GateStatus | null;
  readonly decision: GateDecision | null;
  readonly npsBand: NpsBand;
  readonly shareBand: ShareBand;
  readonly closed: boolean;
  readonly state: GateState;
}

const npsBand = (s: GateState): NpsBand => (s.latestNps === null ? 'none' : s.latestNps.score <= 6 ? 'detractor' : s.latestNps.score <= 8 ? 'passive' : 'promoter');

/** The map's share bands use the policy the gate was decided under; half is the default cut-off. */
const shareBand = (s: GateState, cutOff: number): ShareBand => (s.share?.value == null ? 'unknown' : s.share.value >= cutOff ? 'high' : 'low');

export const gatesProjection = (shareCutOff: () => number): Projection => ({
  name: GATES_PROJECTION,
  version: 1,
  collections: [{ name: GATES, indexes: [['id'], ['ownerId', 'status'], ['status'], ['npsBand', 'shareBand']] }],
  async apply(recorded, view) {
    if (!recorded.metadata.streamId.startsWith(GATE_STREAM_PREFIX)) return;
    const event = { type: recorded.type, data: recorded.data } as GateEvent;
    const customerId = event.data.customerId;
    const before = await view.get<GateDoc>(GATES, customerId);
    const state = evolveGate(before?.state ?? initialGateState(), event);
    view.put<GateDoc>(GATES, {
      id: customerId,
      ownerId: state.ownerId,
      status: state.decision?.status ?? null,
      decision: state.decision,
      npsBand: npsBand(state),
      shareBand: shareBand(state, shareCutOff()),
      closed: state.closed,
      state,
    });
  },
});

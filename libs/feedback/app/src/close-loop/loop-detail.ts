import type { EventStore } from '@rapport/platform-eventsourcing';
import { feedbackStreamId, type CustomerFeedbackEvent } from '@rapport/feedback-domain';
import type { LoopDoc } from '../read-models/feedback.projection';

export interface LoopDetail extends LoopDoc {
  /** What the customer said (personal data: read from the customer's stream, so it is gone once she is erased). */
  readonly answer: { readonly score: number; readonly comment: string | null; readonly answers: Readonly<Record<string, string>> | null; readonly answeredAt: string } | null;
  readonly stepNotes: readonly { readonly step: string; readonly note: string | null; readonly recordedBy: string; readonly recordedAt: string }[];
}

/**
 * F3: a follow-up with what the owner needs to act on it — the answer's comment and optional answers, and the
 * notes of each step. These are personal data and are never copied into a read model: they are read from the
 * customer's stream, where the platform opens them with her key (and, after erasure, finds them gone).
 */
export async function loopDetail(events: EventStore, loop: LoopDoc): Promise<LoopDetail> {
  const stream = await events.readStream<CustomerFeedbackEvent>(feedbackStreamId(loop.customerId));
  let answer: LoopDetail['answer'] = null;
  const stepNotes: LoopDetail['stepNotes'][number][] = [];
  for (const recorded of stream) {
    const event = { type: recorded.type, data: recorded.data } as CustomerFeedbackEvent;
    if (event.type === 'feedback.survey-answered.v1' && event.data.surveyId === loop.surveyId) {
      answer = { score: event.data.score, comment: event.data.comment, answers: event.data.answers, answeredAt: event.data.answeredAt };
    }
    if (event.type === 'feedback.loop-step-recorded.v1' && event.data.loopId === loop.id) {
      stepNotes.push({ step: event.data.step, note: event.data.note, recordedBy: event.data.recordedBy, recordedAt: event.data.recordedAt });
    }
  }
  return { ...loop, answer, stepNotes };
}

import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import { DomainError, type Clock } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IncomingMessage, type MessageBus } from '@rapport/platform-messaging';
import { FEEDBACK_ANSWERS_TOPIC, FeedbackInboundTypes } from '@rapport/feedback-contracts';
import { isScore, WHY_CATEGORIES, type WhyCategory } from '@rapport/feedback-domain';
import type { AnswerInput, AnswerService } from '../answer-survey/answer-service';
import { messageContext } from '../feedback-commands';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The integrator's payload, checked as strictly as the HTTP body; anything else is a poison message (dead-lettered). */
export function answerInputOf(data: unknown): AnswerInput {
  if (!isRecord(data)) throw new PoisonMessageError('answer-submitted: data must be an object');
  const { token, score, comment, categories, answers } = data;
  if (typeof token !== 'string' || token.length < 10 || token.length > 1_000) throw new PoisonMessageError('answer-submitted: token is required');
  if (!isScore(score)) throw new PoisonMessageError('answer-submitted: score must be an integer from 0 to 10');
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 4_000)) throw new PoisonMessageError('answer-submitted: comment must be text');
  const cats = categories ?? [];
  if (!Array.isArray(cats) || cats.length > 3 || !cats.every((c): c is WhyCategory => WHY_CATEGORIES.includes(c as WhyCategory))) throw new PoisonMessageError('answer-submitted: unknown categories');
  const map = answers ?? {};
  if (!isRecord(map) || Object.keys(map).length > 20 || !Object.values(map).every((v) => typeof v === 'string' && v.length <= 2_000)) {
    throw new PoisonMessageError('answer-submitted: answers must map question ids to texts');
  }
  return { token, score, comment: typeof comment === 'string' ? comment : null, categories: cats, answers: map as Record<string, string> };
}

/**
 * Answers from integrators (an external survey tool) on `rapport.feedback.answers.v1`, with the same token
 * rules as the public endpoint. A refused token or a second answer is dead-lettered with the reason.
 */
export class AnswersConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly answers: AnswerService,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'feedback-answers', topics: [FEEDBACK_ANSWERS_TOPIC], handle: (m) => this.handle(m) }, 'feedback');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const e = message.event;
    if (e.type !== FeedbackInboundTypes.answerSubmitted) return;
    const input = answerInputOf(e.data);
    const now = this.clock.now();
    try {
      await this.answers.answer(null, input, 'topic', messageContext(`answer/${e.id}`, e.id, e.correlationid, 'topic', now, e.actorid ?? 'integrator'));
    } catch (error) {
      if (error instanceof DomainError) throw new PoisonMessageError(`answer-submitted refused: ${error.code}`);
      throw error;
    }
  }
}

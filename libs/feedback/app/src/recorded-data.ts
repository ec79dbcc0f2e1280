import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import type { CustomerFeedbackEvent } from '@rapport/feedback-domain';

type DataOf<T extends CustomerFeedbackEvent['type']> = Extract<CustomerFeedbackEvent, { readonly type: T }>['data'];

/** The data of the first recorded event of a type, typed by the type (undefined when none was recorded). */
export function dataOf<T extends CustomerFeedbackEvent['type']>(events: readonly RecordedEvent<CustomerFeedbackEvent>[], type: T): DataOf<T> | undefined {
  const found: { readonly data: unknown } | undefined = events.find((e) => e.type === type);
  return found?.data as DataOf<T> | undefined;
}

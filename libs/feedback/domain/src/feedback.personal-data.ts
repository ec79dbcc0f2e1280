import { declarePersonalData } from '@rapport/platform-eventsourcing';
import type { CustomerFeedbackEvent } from './customer-feedback.events';
import type { SurveyDefinitionEvent } from './survey-definition';

/** Every event type is listed, so a new one is a compile error until someone decides what in it is personal. */
type Declared = Record<(CustomerFeedbackEvent | SurveyDefinitionEvent)['type'], readonly string[]>;

/**
 * A5: what a customer wrote (comment, optional answers) and what a rep noted on a follow-up are personal data,
 * sealed with the customer's key and shredded on erasure. Scores, categories and dates are not.
 */
export const feedbackPersonalData: Declared = declarePersonalData({
  'feedback.survey-trigger-scheduled.v1': [],
  'feedback.survey-requested.v1': [],
  'feedback.survey-throttled.v1': [],
  'feedback.survey-sent.v1': [],
  'feedback.survey-answered.v1': ['comment', 'answers'],
  'feedback.survey-expired.v1': [],
  'feedback.sentiment-moved.v1': [],
  'feedback.loop-opened.v1': [],
  'feedback.loop-step-recorded.v1': ['note'],
  'feedback.loop-closed.v1': [],
  'feedback.loop-escalated.v1': [],
  'feedback.loop-reassigned.v1': [],
  'feedback.survey-version-piloted.v1': [],
  'feedback.survey-version-released.v1': [],
});

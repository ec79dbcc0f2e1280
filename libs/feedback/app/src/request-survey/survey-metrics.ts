import { metricsRegistry } from '@rapport/platform-observability';
import { Counter } from 'prom-client';

/** F4: surveys not sent because the customer was asked recently or has one waiting, counted when decided. */
export const surveyThrottles = new Counter({
  name: 'rapport_feedback_survey_throttles_total',
  help: 'F4: survey requests throttled (not sent), counted when decided, per reason (surveyed-recently, survey-in-progress) and trigger',
  labelNames: ['reason', 'trigger'] as const,
  registers: [metricsRegistry],
});

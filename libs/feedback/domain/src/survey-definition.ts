import { DomainError, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';
import { WHY_CATEGORIES, type WhyCategory } from './customer-feedback.events';

/** An optional question; `aboutCompetitors` marks the F5 "how do we compare" questions. */
export interface SurveyQuestion {
  readonly id: string;
  readonly text: string;
  readonly kind: 'text' | 'scale' | 'choice';
  readonly options: readonly string[];
  readonly aboutCompetitors: boolean;
}

export interface SurveyContent {
  /** F1: the NPS question. */
  readonly npsQuestion: string;
  /** F2: the "why" categories offered. */
  readonly whyCategories: readonly WhyCategory[];
  readonly questions: readonly SurveyQuestion[];
  /** F5: how many customers get the pilot before a manager may release it. */
  readonly pilotSampleSize: number;
}

export type SurveyVersionPiloted = DomainEvent<
  'feedback.survey-version-piloted.v1',
  { readonly definitionId: string; readonly version: number; readonly content: SurveyContent; readonly by: string; readonly at: string }
>;
export type SurveyVersionReleased = DomainEvent<
  'feedback.survey-version-released.v1',
  { readonly definitionId: string; readonly version: number; readonly pilotAnswersReviewed: number; readonly by: string; readonly at: string }
>;
export type SurveyDefinitionEvent = SurveyVersionPiloted | SurveyVersionReleased;

export interface PilotSurveyVersion {
  readonly type: 'pilot-survey-version';
  readonly definitionId: string;
  readonly content: SurveyContent;
  readonly by: string;
  readonly now: Date;
}
export interface ReleaseSurveyVersion {
  readonly type: 'release-survey-version';
  readonly definitionId: string;
  readonly version: number;
  /** The pilot answers the manager looked at (the app counts them). */
  readonly pilotAnswersReviewed: number;
  readonly by: string;
  readonly byManager: boolean;
  readonly now: Date;
}
export type SurveyDefinitionCommand = PilotSurveyVersion | ReleaseSurveyVersion;

export interface SurveyDefinitionState {
  readonly definitionId: string | null;
  readonly versions: Readonly<Record<number, SurveyContent>>;
  readonly latest: number;
  readonly released: number | null;
  readonly pilot: number | null;
}

export const initialSurveyDefinitionState = (): SurveyDefinitionState => ({ definitionId: null, versions: {}, latest: 0, released: null, pilot: null });

export function evolveSurveyDefinition(s: SurveyDefinitionState, event: SurveyDefinitionEvent): SurveyDefinitionState {
  switch (event.type) {
    case 'feedback.survey-version-piloted.v1':
      return { ...s, definitionId: event.data.definitionId, versions: { ...s.versions, [event.data.version]: event.data.content }, latest: event.data.version, pilot: event.data.version };
    case 'feedback.survey-version-released.v1':
      return { ...s, released: event.data.version, pilot: s.pilot === event.data.version ? null : s.pilot };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function validContent(content: SurveyContent): void {
  const ids = content.questions.map((q) => q.id);
  if (new Set(ids).size !== ids.length) throw new DomainError('rule_violation', 'duplicate-question', 'question ids must be unique', 'F5', { field: 'questions' });
  if (content.whyCategories.some((c) => !WHY_CATEGORIES.includes(c))) throw new DomainError('rule_violation', 'invalid-category', 'unknown why category', 'F2', { field: 'whyCategories' });
  if (!Number.isInteger(content.pilotSampleSize) || content.pilotSampleSize < 1) {
    throw new DomainError('rule_violation', 'invalid-pilot', 'a pilot goes to at least one customer', 'F5', { field: 'pilotSampleSize' });
  }
}

/** F5: every new version starts as a pilot; a manager releases it to all after looking at the pilot answers. */
export function decideSurveyDefinition(c: SurveyDefinitionCommand, s: SurveyDefinitionState): SurveyDefinitionEvent[] {
  const at = c.now.toISOString();
  switch (c.type) {
    case 'pilot-survey-version':
      validContent(c.content);
      return [{ type: 'feedback.survey-version-piloted.v1', data: { definitionId: c.definitionId, version: s.latest + 1, content: c.content, by: c.by, at } }];
    case 'release-survey-version': {
      if (!c.byManager) throw new DomainError('forbidden', 'manager-releases', 'only a manager releases a survey version', 'F5');
      if (s.released === c.version) return [];
      if (s.pilot !== c.version) throw new DomainError('conflict', 'not-in-pilot', `version ${c.version} is not the version in pilot`, 'F5', { pilot: s.pilot });
      if (c.pilotAnswersReviewed < 1) throw new DomainError('rule_violation', 'pilot-not-answered', 'no pilot answer to look at yet', 'F5', { version: c.version });
      return [{ type: 'feedback.survey-version-released.v1', data: { definitionId: c.definitionId, version: c.version, pilotAnswersReviewed: c.pilotAnswersReviewed, by: c.by, at } }];
    }
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/**
 * The optional answers must be to questions of the version the customer was sent: known ids, and for a choice
 * question one of its options. Refused with the field named, so nothing off-questionnaire is stored.
 */
export function checkAnswers(content: SurveyContent, answers: Readonly<Record<string, string>>): void {
  for (const [id, answer] of Object.entries(answers)) {
    const question = content.questions.find((q) => q.id === id);
    if (!question) throw new DomainError('rule_violation', 'unknown-question', `the survey has no question ${id}`, 'F5', { field: `answers.${id}` });
    if (question.kind === 'choice' && !question.options.includes(answer)) {
      throw new DomainError('rule_violation', 'not-an-option', `question ${id} takes one of: ${question.options.join(', ')}`, 'F5', { field: `answers.${id}` });
    }
  }
}

/** The content of a version (the built-in version 0 included), or undefined when there is no such version. */
export const contentOf = (s: SurveyDefinitionState, version: number): SurveyContent | undefined =>
  version === DEFAULT_SURVEY.version ? defaultSurveyContent : s.versions[version];

/** F5: the pilot version goes to its sample first; everyone else gets the released one (null: nothing to send yet). */
export function versionToSend(s: SurveyDefinitionState, pilotSentSoFar: number): number | null {
  if (s.pilot !== null && pilotSentSoFar < (s.versions[s.pilot]?.pilotSampleSize ?? 0)) return s.pilot;
  return s.released;
}

export const surveyDefinitionDecider: Decider<SurveyDefinitionCommand, SurveyDefinitionEvent, SurveyDefinitionState> = {
  initialState: initialSurveyDefinitionState,
  decide: decideSurveyDefinition,
  evolve: evolveSurveyDefinition,
};

export const SURVEY_DEFINITION_STREAM_PREFIX = 'survey-definition-';
export const surveyDefinitionStreamId = (definitionId: string): string => `${SURVEY_DEFINITION_STREAM_PREFIX}${definitionId}`;

/** The built-in questionnaire (version 0, released): used until a manager releases one of their own. */
export const DEFAULT_SURVEY = { id: 'nps', version: 0 } as const;
export const defaultSurveyContent: SurveyContent = {
  npsQuestion: 'How likely are you to recommend us to a friend or colleague (0–10)?',
  whyCategories: WHY_CATEGORIES,
  questions: [{ id: 'competitors', text: 'Compared with others you have used, are we better, the same or worse?', kind: 'choice', options: ['better', 'same', 'worse'], aboutCompetitors: true }],
  pilotSampleSize: 1,
};

import { deciderSpec } from '@rapport/platform-testing';
import { checkAnswers, contentOf, defaultSurveyContent, surveyDefinitionDecider, versionToSend, type SurveyDefinitionEvent } from './survey-definition';

const spec = deciderSpec(surveyDefinitionDecider);
const now = new Date('2026-03-01T09:00:00.000Z');
const at = now.toISOString();
const content = { ...defaultSurveyContent, pilotSampleSize: 5 };
const piloted = (version: number): SurveyDefinitionEvent => ({ type: 'feedback.survey-version-piloted.v1', data: { definitionId: 'nps', version, content, by: 'manager-max', at } });
const release = (version: number, overrides: object = {}) => ({
  type: 'release-survey-version' as const,
  definitionId: 'nps',
  version,
  pilotAnswersReviewed: 3,
  by: 'manager-max',
  byManager: true,
  now,
  ...overrides,
});

describe('survey definitions: versioned, piloted, released by a manager (F5)', () => {
  it('F5: a new questionnaire version starts as a pilot, numbered after the last', () => {
    spec.given([]).when({ type: 'pilot-survey-version', definitionId: 'nps', content, by: 'manager-max', now }).then([piloted(1)]);
    spec.given([piloted(1)]).when({ type: 'pilot-survey-version', definitionId: 'nps', content, by: 'manager-max', now }).then([piloted(2)]);
  });

  it('F5: the questionnaire asks how we compare with competitors', () => {
    expect(defaultSurveyContent.questions.some((q) => q.aboutCompetitors)).toBe(true);
  });

  it('F5: a manager releases the pilot after looking at its answers', () => {
    spec
      .given([piloted(1)])
      .when(release(1))
      .then([{ type: 'feedback.survey-version-released.v1', data: { definitionId: 'nps', version: 1, pilotAnswersReviewed: 3, by: 'manager-max', at } }]);
  });

  it('F5: a rep cannot release; nor can anyone before a pilot answer came back, or a version not in pilot', () => {
    spec.given([piloted(1)]).when(release(1, { byManager: false })).thenThrows({ rule: 'F5', code: 'manager-releases' });
    spec.given([piloted(1)]).when(release(1, { pilotAnswersReviewed: 0 })).thenThrows({ code: 'pilot-not-answered' });
    spec.given([piloted(1)]).when(release(2)).thenThrows({ code: 'not-in-pilot' });
  });

  it('F5: the pilot goes to its sample first, then the released version to everyone', () => {
    spec.given([piloted(1)]).when(release(1)).thenState((s) => expect([s.released, s.pilot]).toEqual([1, null]));
    const released: SurveyDefinitionEvent = { type: 'feedback.survey-version-released.v1', data: { definitionId: 'nps', version: 1, pilotAnswersReviewed: 3, by: 'm', at } };
    const state = [piloted(1), released, piloted(2)].reduce(
      surveyDefinitionDecider.evolve,
      surveyDefinitionDecider.initialState(),
    );
    expect(versionToSend(state, 4)).toBe(2);
    expect(versionToSend(state, 5)).toBe(1);
  });

  it('F5: answers must be to the questions of the version sent, and a choice one of its options', () => {
    expect(() => checkAnswers(defaultSurveyContent, { competitors: 'better' })).not.toThrow();
    expect(() => checkAnswers(defaultSurveyContent, { competitors: 'meh' })).toThrow(expect.objectContaining({ code: 'not-an-option', details: { field: 'answers.competitors' } }));
    expect(() => checkAnswers(defaultSurveyContent, { shoeSize: '42' })).toThrow(expect.objectContaining({ code: 'unknown-question', rule: 'F5' }));
    expect(contentOf(surveyDefinitionDecider.initialState(), 0)).toBe(defaultSurveyContent);
    expect(contentOf(surveyDefinitionDecider.initialState(), 3)).toBeUndefined();
  });

  it('F5: invalid content is refused naming the field', () => {
    spec
      .given([])
      .when({ type: 'pilot-survey-version', definitionId: 'nps', content: { ...content, pilotSampleSize: 0 }, by: 'm', now })
      .thenThrows({ code: 'invalid-pilot' });
  });
});

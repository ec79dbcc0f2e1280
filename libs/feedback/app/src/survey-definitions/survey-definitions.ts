import { CommandHandler, fold, type CommandContext } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import {
  DEFAULT_SURVEY,
  defaultSurveyContent,
  surveyDefinitionDecider,
  surveyDefinitionStreamId,
  versionToSend,
  type SurveyContent,
  type SurveyDefinitionCommand,
  type SurveyDefinitionEvent,
  type SurveyDefinitionState,
} from '@rapport/feedback-domain';
import type { FeedbackQueries } from '../queries/feedback-queries';

export interface SurveyDefinitionView {
  readonly definitionId: string;
  readonly released: number;
  readonly pilot: number | null;
  readonly versions: readonly { readonly version: number; readonly content: SurveyContent; readonly status: 'released' | 'pilot' | 'superseded'; readonly pilotAnswers: number }[];
}

/** F5: versioned questionnaires. Until a manager releases one, the built-in version 0 is the released one. */
export class SurveyDefinitions {
  private readonly handler: CommandHandler<SurveyDefinitionCommand, SurveyDefinitionEvent, SurveyDefinitionState>;

  constructor(
    private readonly host: ServiceHost,
    private readonly queries: FeedbackQueries,
  ) {
    this.handler = new CommandHandler(host.events, surveyDefinitionDecider);
  }

  execute(command: SurveyDefinitionCommand, context: CommandContext) {
    return this.handler.handle(surveyDefinitionStreamId(command.definitionId), command, context, 'any');
  }

  async state(definitionId: string): Promise<SurveyDefinitionState> {
    const events = await this.host.events.readStream<SurveyDefinitionEvent>(surveyDefinitionStreamId(definitionId));
    return fold(surveyDefinitionDecider, events.map((e) => ({ type: e.type, data: e.data }) as SurveyDefinitionEvent));
  }

  /** The version the next survey gets: the pilot for its sample, else the released one (F5). */
  async versionToSend(definitionId = DEFAULT_SURVEY.id): Promise<{ id: string; version: number }> {
    const state = await this.state(definitionId);
    const pilotSent = state.pilot === null ? 0 : await this.queries.pilotSent(definitionId, state.pilot);
    return { id: definitionId, version: versionToSend(state, pilotSent) ?? DEFAULT_SURVEY.version };
  }

  async view(definitionId: string): Promise<SurveyDefinitionView> {
    const state = await this.state(definitionId);
    const versions = [{ version: 0, content: defaultSurveyContent }, ...Object.entries(state.versions).map(([v, content]) => ({ version: Number(v), content }))];
    const released = state.released ?? DEFAULT_SURVEY.version;
    return {
      definitionId,
      released,
      pilot: state.pilot,
      versions: await Promise.all(
        versions.map(async (v) => ({
          ...v,
          status: v.version === released ? ('released' as const) : v.version === state.pilot ? ('pilot' as const) : ('superseded' as const),
          pilotAnswers: await this.queries.pilotAnswers(definitionId, v.version),
        })),
      ),
    };
  }
}

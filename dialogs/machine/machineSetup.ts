import type { ProgrammeIndex } from '../programmeIndex';
import { advisorThreadBehaviour } from './advisorThread';
import { baseSetup } from './baseSetup';
import { coachingBehaviour } from './coaching';
import { commandBehaviour } from './commands';
import { conversationBehaviour } from './conversationBehaviour';
import { dataRightsBehaviour } from './dataRights';
import { lessonBehaviour } from './lessons';
import { navigationBehaviour } from './navigation';
import { onboardingBehaviour } from './onboarding';
import { staleViewBehaviour } from './staleViews';

/** How an organisation runs the programme, where the conversation says so. */
export interface ProgrammeOptions {
  /**
   * The AI service learners' answers are sent to ("OpenAI", "Azure OpenAI"), when the organisation uses one: the
   * consent says so. Unset: the offline coach only.
   */
  readonly aiServiceName?: string;
}

/**
 * The programme's guards and actions, one concern at a time (speaking, onboarding, finding one's way, lessons, global
 * commands, data rights). State configs of each concern are typed against the result, so a misspelt guard or action name fails to
 * compile.
 */
export function programmeSetup(index: ProgrammeIndex, options: ProgrammeOptions = {}) {
  return baseSetup
    .extend(conversationBehaviour())
    .extend(onboardingBehaviour(options))
    .extend(navigationBehaviour(index))
    .extend(lessonBehaviour(index))
    .extend(staleViewBehaviour())
    .extend(coachingBehaviour(index))
    .extend(commandBehaviour(index))
    .extend(dataRightsBehaviour())
    .extend(advisorThreadBehaviour());
}

export type ProgrammeSetup = ReturnType<typeof programmeSetup>;

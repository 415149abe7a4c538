import type { ProgrammeIndex } from '../programmeIndex';
import { advisorThreadBehaviour } from './advisorThread';
import { baseSetup } from './baseSetup';
import { commandBehaviour } from './commands';
import { conversationBehaviour } from './conversationBehaviour';
import { dataRightsBehaviour } from './dataRights';
import { lessonBehaviour } from './lessons';
import { navigationBehaviour } from './navigation';
import { onboardingBehaviour } from './onboarding';
import { staleViewBehaviour } from './staleViews';

/**
 * The programme's guards and actions, one concern at a time (speaking, onboarding, finding one's way, lessons, global
 * commands, data rights). State configs of each concern are typed against the result, so a misspelt guard or action name fails to
 * compile.
 */
export function programmeSetup(index: ProgrammeIndex) {
  return baseSetup
    .extend(conversationBehaviour())
    .extend(onboardingBehaviour())
    .extend(navigationBehaviour(index))
    .extend(lessonBehaviour(index))
    .extend(staleViewBehaviour())
    .extend(commandBehaviour(index))
    .extend(dataRightsBehaviour())
    .extend(advisorThreadBehaviour());
}

export type ProgrammeSetup = ReturnType<typeof programmeSetup>;

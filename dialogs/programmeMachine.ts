import { initialContext } from './conversationContext';
import { sayAction } from './machine/conversationBehaviour';
import { advisorThreadStates } from './machine/advisorThread';
import { dataRightsStates } from './machine/dataRights';
import { lessonState } from './machine/lessons';
import { programmeSetup, type ProgrammeOptions } from './machine/machineSetup';
import { onboardingStates } from './machine/onboarding';
import type { ProgrammeIndex } from './programmeIndex';

const command = (name: string) => ({ type: 'isCommand', params: { command: name } }) as const;
const say = sayAction;

/**
 * The whole programme conversation for one learner, composed from one module per concern (machine/onboarding,
 * navigation, lessons, commands, dataRights). Pure: it reads the curriculum through `index`, emits `bot.say`
 * messages, `answer.recorded` answers and `effect.requested` requests, and keeps everything else in its context.
 * State names are stored in learners' snapshots: renaming one needs a migration in persistedConversation.ts.
 */
export function createProgrammeMachine(index: ProgrammeIndex, options: ProgrammeOptions = {}) {
  const s = programmeSetup(index, options);
  const { idle, onboarding } = onboardingStates(s);
  const { confirmDelete, deleted } = dataRightsStates(s);
  const { replyingToAdvisor, startReplyToAdvisor } = advisorThreadStates(s);
  const pickModule = [
    { guard: 'isModuleCompleted', actions: 'offerLessonsOfModule' },
    { guard: 'isModulePick', actions: 'enterModule', target: '.lesson', reenter: true },
    { actions: say('pickModuleAgain') },
  ] as const;

  return s.createMachine({
    id: 'programme',
    context: initialContext,
    initial: 'idle',
    on: {
      'user.editedMessage': { actions: say('editNotice') },
      'user.pickModule': { actions: say('helpOnboarding') },
      'user.pickLesson': { actions: say('helpOnboarding') },
      'user.unreadable': { actions: say('emptyMessage') },
      // Outside the programme's lessons and menu (onboarding, choosing a language) a question is read as the text it is.
      'user.question': { actions: 'readQuestionAsText' },
      'coach.replied': { guard: 'isLateFeedback', actions: 'keepLateFeedback' },
    },
    states: {
      idle,
      onboarding,
      active: {
        initial: 'menu',
        on: {
          'user.pickModule': pickModule,
          'user.replyToAdvisor': startReplyToAdvisor,
          'user.question': { actions: 'askQuestionAtMenu' },
          'coach.replied': [
            { guard: 'isQuestionReply', actions: ['sayQuestionReply', 'showMenu'] },
            { guard: 'isLateFeedback', actions: 'keepLateFeedback' },
          ],
          'user.pickLesson': [
            { guard: 'isKnownLesson', actions: 'enterPickedLesson', target: '.lesson', reenter: true },
            { actions: say('pickModuleAgain') },
          ],
          'user.command': [
            { guard: command('menu'), target: '.menu', reenter: true },
            { guard: command('continue'), actions: 'moveOnFromCompletedLesson', target: '.lesson' },
            { guard: command('progress'), actions: 'showProgress' },
            { guard: command('language'), target: 'changingLanguage' },
            { guard: command('artefact'), actions: 'showArtefacts' },
            { guard: command('exportData'), actions: 'requestExport' },
            { guard: command('deleteData'), target: 'confirmDelete' },
            { guard: command('advisor'), actions: 'requestAdvisor' },
            { guard: command('link'), actions: 'requestLinkCode' },
            { guard: command('stopSharing'), actions: 'setSharing' },
            { guard: command('startSharing'), actions: 'setSharing' },
            { guard: command('help'), actions: say('help') },
            { actions: say('notInLesson') },
          ],
        },
        states: {
          menu: {
            entry: ['clearCoachWindow', 'showMenu'],
            on: {
              'session.started': { actions: ['sayWelcomeBack', 'showMenu'] },
              'user.choice': { actions: say('pickModuleAgain') },
              'user.text': [
                { guard: 'isModuleCompleted', actions: 'offerLessonsOfModule' },
                { guard: 'isModulePick', actions: 'enterModule', target: 'lesson' },
                { actions: say('pickModuleAgain') },
              ],
            },
          },
          lesson: lessonState(s),
          history: { type: 'history', history: 'deep' },
        },
      },
      changingLanguage: {
        entry: 'askLanguage',
        on: {
          'user.choice': [
            { guard: 'isLanguageChoice', actions: ['setLanguage', say('languageChanged')], target: 'active.history' },
            { actions: 'askLanguage' },
          ],
          'user.text': [
            { guard: 'isLanguageChoice', actions: ['setLanguage', say('languageChanged')], target: 'active.history' },
            { actions: 'askLanguage' },
          ],
          'session.started': { target: 'changingLanguage', reenter: true },
          'user.command': { target: 'active.history' },
        },
      },
      confirmDelete,
      deleted,
      replyingToAdvisor,
    },
  });
}

export type ProgrammeMachine = ReturnType<typeof createProgrammeMachine>;

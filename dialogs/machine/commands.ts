import { say } from '../catalogue';
import { localeOf } from '../eventInput';
import type { ProgrammeIndex } from '../programmeIndex';
import { assembleArtefacts } from '../progress';
import { baseSetup } from './baseSetup';
import { languageChoices, sayEvent, textEvent } from './conversationBehaviour';

/** What a learner can ask for anywhere once onboarded: help, progress, their artefacts, another language, a person, a link code. */
export function commandBehaviour(index: ProgrammeIndex) {
  return {
    actions: {
      sayWelcomeBack: baseSetup.enqueueActions(({ context, enqueue }) =>
        enqueue.emit(textEvent(say(localeOf(context), 'welcomeBack', { firstName: context.profile.firstName ?? '' }))),
      ),
      sayHelpInLesson: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        const p = context.position!;
        const lesson = index.lesson(p.moduleId, p.lessonId)!;
        const where = say(locale, 'helpInLesson', { lesson: lesson.title[locale], number: index.stepIndex(p) + 1, count: lesson.steps.length });
        enqueue.emit(textEvent(`${where}\n${say(locale, 'help')}`));
      }),
      askLanguage: baseSetup.enqueueActions(({ context, enqueue }) =>
        enqueue.emit(sayEvent({ kind: 'choices', text: say(localeOf(context), 'chooseLanguage'), choices: languageChoices(localeOf(context)) })),
      ),
      showArtefacts: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        const filled = assembleArtefacts(index, context, locale);
        const definitions = index.curriculum.artefacts.filter((a) => filled[a.id]);
        if (definitions.length === 0) enqueue.emit(textEvent(say(locale, 'noArtefactYet')));
        for (const artefact of definitions) {
          const fields = artefact.fields.map((f) => ({ label: f.label[locale], value: filled[artefact.id]?.[f.id] ?? '–' }));
          enqueue.emit(sayEvent({ kind: 'artefact', title: artefact.title[locale], fields }));
        }
      }),
      setSharing: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const shares = event.type === 'user.command' && event.command === 'startSharing';
        enqueue.assign({ profile: { ...context.profile, sharesWithAdvisors: shares } });
        enqueue.emit(textEvent(say(localeOf(context), shares ? 'sharingStarted' : 'sharingStopped')));
      }),
      requestLinkCode: baseSetup.enqueueActions(({ enqueue }) => enqueue.emit({ type: 'effect.requested', request: { effect: 'issueLinkCode' } })),
      /** The turn engine answers with the organisation's advisor contact and records the request. */
      requestAdvisor: baseSetup.enqueueActions(({ enqueue }) => enqueue.emit({ type: 'effect.requested', request: { effect: 'requestAdvisor' } })),
    },
  };
}

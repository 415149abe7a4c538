import { TeamsRenderer } from '../../adapters/channels/teamsRenderer';
import { WebChatRenderer } from '../../adapters/channels/webChatRenderer';
import { step } from '../../curriculum/schema';
import { presentStep } from '../../dialogs/presentStep';
import { initialContext } from '../../dialogs/conversationContext';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { TurnMessage } from '../../bot/turnEngine';
import { adaptiveCardProblems } from './adaptiveCardValidator';
import { cardsOf, elementsOf } from './teamsActivities';

const teachWithImage = {
  id: 'canvas-picture',
  kind: 'teach',
  text: { sv: 'Så här ser kanvasen ut.', en: 'This is what the canvas looks like.' },
  image: { url: 'https://example.org/pictures/canvas.png', alt: { sv: 'Kanvasens nio block', en: 'The canvas’s nine blocks' } },
} as const;

describe('pictures in teaching steps', () => {
  it('are allowed in content with an https URL and a description in both languages, and refused otherwise', () => {
    expect(step.safeParse(teachWithImage).success).toBe(true);
    expect(step.safeParse({ ...teachWithImage, image: { ...teachWithImage.image, url: 'http://example.org/a.png' } }).success).toBe(false);
    expect(step.safeParse({ ...teachWithImage, image: { url: teachWithImage.image.url, alt: { sv: 'Bild' } } }).success).toBe(false);
  });

  const index = new ProgrammeIndex({
    artefacts: [],
    modules: [
      {
        id: 'm',
        order: 1,
        title: { sv: 'M', en: 'M' },
        description: { sv: 'D', en: 'D' },
        lessons: [
          {
            id: 'l',
            title: { sv: 'L', en: 'L' },
            sources: [{ title: { sv: 'S', en: 'S' }, url: 'https://example.org' }],
            steps: [teachWithImage, { id: 's', kind: 'summary', text: { sv: 'Klart.', en: 'Done.' } }],
          },
        ],
      },
    ],
  });
  const [message] = presentStep(index, initialContext, { moduleId: 'm', lessonId: 'l', stepId: 'canvas-picture' }, 'en') as [TurnMessage];

  it('reach the learner in their language', () => {
    expect(message).toMatchObject({ kind: 'choices', image: { url: teachWithImage.image.url, alt: 'The canvas’s nine blocks' } });
  });

  it('show in Web Chat as an image attachment beside the text and the Next button', () => {
    const [activity] = new WebChatRenderer().render([message]);
    expect(activity!.attachments).toEqual([{ contentType: 'image/png', contentUrl: teachWithImage.image.url, name: 'The canvas’s nine blocks' }]);
    expect(activity!.suggestedActions!.actions).toHaveLength(1);
  });

  it('show in Teams as a valid Adaptive Card with the picture, since Teams drops suggested actions next to attachments', () => {
    const [activity] = new TeamsRenderer().render([message]);
    expect(activity!.suggestedActions).toBeUndefined();
    const [card] = cardsOf(activity!);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(elementsOf(card!, 'Image')).toEqual([expect.objectContaining({ url: teachWithImage.image.url, altText: 'The canvas’s nine blocks' })]);
  });
});

import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import type { CoachRequest } from '../../bot/ports/coach';
import type { QuestionStep } from '../../curriculum/schema';

const step: QuestionStep = {
  id: 'who',
  kind: 'question',
  prompt: { sv: 'Vilka berörs?', en: 'Who is affected?' },
  rubric: [
    {
      keywords: { sv: ['äldre', 'unga'], en: ['older', 'young'] },
      met: { sv: 'Du nämner en grupp.', en: 'You name a group.' },
      missing: { sv: 'Nämn vilka som berörs.', en: 'Name who is affected.' },
    },
    {
      keywords: { sv: ['kommun'], en: ['municipality'] },
      met: { sv: 'Du nämner kommunen.', en: 'You mention the municipality.' },
      missing: { sv: 'Vem mer är med?', en: 'Who else is involved?' },
    },
  ],
};

function request(locale: 'sv' | 'en', answer: string, withRubric = true): CoachRequest {
  return { locale, step: withRubric ? step : { ...step, rubric: undefined }, answer, moduleTitle: 'M', lessonTitle: 'L', venture: {} };
}

describe('the offline coach', () => {
  const coach = new OfflineCoach();

  it('says which rubric criteria the answer meets and nudges on the others, labelled as automatic', async () => {
    expect(await coach.feedback(request('en', 'Mostly OLDER people in the villages'))).toBe(
      'Automatic feedback:\n✔ You name a group.\n➜ Who else is involved?',
    );
    expect(await coach.feedback(request('sv', 'Äldre i kommunen'))).toBe('Automatisk återkoppling:\n✔ Du nämner en grupp.\n✔ Du nämner kommunen.');
  });

  it('acknowledges an answer to a question without a rubric', async () => {
    expect(await coach.feedback(request('sv', 'Något', false))).toMatch(/^Automatisk återkoppling:\nTack! Svaret är sparat/);
  });
});

import type { Locale } from '../../curriculum/schema';
import type { Coach, CoachRequest } from '../../bot/ports/coach';

const LABEL: Record<Locale, string> = { sv: 'Automatisk återkoppling', en: 'Automatic feedback' };
const NO_RUBRIC: Record<Locale, string> = {
  sv: 'Tack! Svaret är sparat och hamnar i ditt material. Du kan alltid ändra det med ”tillbaka”.',
  en: 'Thank you! Your answer is saved and goes into your material. You can always change it with “back”.',
};

/**
 * Deterministic feedback from the rubric written in the content: each criterion is met when the answer
 * contains one of its keywords. Needs no network and says plainly that it is automatic.
 */
export class OfflineCoach implements Coach {
  async feedback(request: CoachRequest): Promise<string> {
    const { locale, step, answer } = request;
    const lowered = answer.toLocaleLowerCase(locale);
    const lines = (step.rubric ?? []).map((criterion) =>
      criterion.keywords[locale].some((keyword) => lowered.includes(keyword.toLocaleLowerCase(locale)))
        ? `✔ ${criterion.met[locale]}`
        : `➜ ${criterion.missing[locale]}`,
    );
    return `${LABEL[locale]}:\n${lines.length > 0 ? lines.join('\n') : NO_RUBRIC[locale]}`;
  }
}

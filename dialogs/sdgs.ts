import type { Locale } from '../curriculum/schema';

/** The 17 Sustainable Development Goals of Agenda 2030 (adopted 25 September 2015), in the UN's English and Swedish names. */
const SDG_NAMES: readonly Record<Locale, string>[] = [
  { en: 'No Poverty', sv: 'Ingen fattigdom' },
  { en: 'Zero Hunger', sv: 'Ingen hunger' },
  { en: 'Good Health and Well-being', sv: 'Hälsa och välbefinnande' },
  { en: 'Quality Education', sv: 'God utbildning för alla' },
  { en: 'Gender Equality', sv: 'Jämställdhet' },
  { en: 'Clean Water and Sanitation', sv: 'Rent vatten och sanitet för alla' },
  { en: 'Affordable and Clean Energy', sv: 'Hållbar energi för alla' },
  { en: 'Decent Work and Economic Growth', sv: 'Anständiga arbetsvillkor och ekonomisk tillväxt' },
  { en: 'Industry, Innovation and Infrastructure', sv: 'Hållbar industri, innovationer och infrastruktur' },
  { en: 'Reduced Inequalities', sv: 'Minskad ojämlikhet' },
  { en: 'Sustainable Cities and Communities', sv: 'Hållbara städer och samhällen' },
  { en: 'Responsible Consumption and Production', sv: 'Hållbar konsumtion och produktion' },
  { en: 'Climate Action', sv: 'Bekämpa klimatförändringarna' },
  { en: 'Life Below Water', sv: 'Hav och marina resurser' },
  { en: 'Life on Land', sv: 'Ekosystem och biologisk mångfald' },
  { en: 'Peace, Justice and Strong Institutions', sv: 'Fredliga och inkluderande samhällen' },
  { en: 'Partnerships for the Goals', sv: 'Genomförande och globalt partnerskap' },
];

export const SDG_COUNT = SDG_NAMES.length;

/** "3 Hälsa och välbefinnande" for goal 3. */
export function sdgLabel(goal: number, locale: Locale): string {
  const names = SDG_NAMES[goal - 1];
  if (!names) throw new RangeError(`there is no goal ${goal}`);
  return `${goal} ${names[locale]}`;
}

/** The whole list, one goal a line, for the prompt. */
export function sdgList(locale: Locale): string {
  return SDG_NAMES.map((_, index) => sdgLabel(index + 1, locale)).join('\n');
}

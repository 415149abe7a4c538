import { readQuestion } from '../../dialogs/detectQuestion';

/** [what the learner typed, a question to the bot?, addressed to the bot?] */
const questions: readonly (readonly [string, boolean?])[] = [
  ['Vad är IOP?', true],
  ['vad betyder dödvikt', true],
  ['Vad menas med dödvikt?', true],
  ['what does deadweight mean', true],
  ['What is a Theory of Change?', true],
  ['what is IOP', true],
  ['Varför ska jag mäta effekt?'],
  ['Why do I need a canvas?'],
  ['Hur räknar man ut dödvikt?'],
  ['hur fungerar ett IOP'],
  ['How do I calculate social return on investment?'],
  ['how much should I charge'],
  ['När ska jag söka finansiering?'],
  ['When should I register the company?'],
  ['Kan du ge ett exempel?', true],
  ['kan du förklara det där', true],
  ['Can you give me an example?', true],
  ['could you explain what a value proposition is', true],
  ['Förklara idéburet offentligt partnerskap', true],
  ['Explain deadweight please', true],
  ['Jag förstår inte vad ni menar med förändringsteori.', true],
  ['I do not understand the question.', true],
  ["I don't understand what an outcome is", true],
  ['Finns det stöd att söka för nystartade kooperativ?'],
  ['Is it allowed to make a profit as a social enterprise?'],
  ['Måste jag ha ett aktiebolag?'],
  ['Do I need a business plan?'],
  ['IOP?', true],
  ['Social return on investment?', true],
  ['Vilka myndigheter kan hjälpa mig?'],
  ['Which funders support cooperatives?'],
  ['Jag undrar hur man mäter effekt', true],
  ['Vad är skillnaden mellan output och outcome?'],
  ['Var hittar jag mallen för kanvasen?'],
  ['Where can I find the canvas template?'],
];

const answers: readonly string[] = [
  'Vi vill hjälpa unga?',
  'Vi vill hjälpa unga att hitta jobb.',
  'Äldre på landsbygden är ensamma och det blir värre.',
  'Older people in the countryside are lonely.',
  'När barnen slutar skolan har de ingenstans att ta vägen på eftermiddagarna.',
  'When young people leave school they have nowhere to go in the afternoons.',
  'Hur vi arbetar: vi träffar familjerna hemma och ordnar läxhjälp.',
  'How we work: we meet the families at home.',
  'Vår idé är att laga cyklar med unga som står långt från arbetsmarknaden?',
  'Our idea is to repair bikes with young people?',
  'Det är svårt att säga.',
  'Jag vet inte än.',
  'Ungdomar i Husby, 16–19 år, som saknar sommarjobb. Vad tycker du?',
  'Young people aged 16 to 19 who have no summer job. Is that specific enough?',
  'Unga mellan 16 och 25 år i förorten som varken arbetar eller studerar, och som ofta saknar kontakter med arbetsgivare, vilket gör att de fastnar i arbetslöshet och utanförskap under lång tid och sedan har svårt att ta sig vidare själva utan stöd från någon.',
  'De som berörs mest är ensamstående föräldrar.',
  'Kommunen, Arbetsförmedlingen och en förening.',
  'Mer tid med familjen.',
  'Maybe?',
  'Jag tror det?',
  'Ja',
];

describe('telling a question from an answer', () => {
  it.each(questions.map(([text, addressed = false]) => [text, addressed] as const))('reads "%s" as a question to the bot', (text, addressed) => {
    expect(readQuestion(text)).toEqual({ addressed });
  });

  it.each(answers)('reads "%s" as an answer', (text) => {
    expect(readQuestion(text)).toBeNull();
  });
});

/** What a message that reads as a question to the bot says about itself. */
export interface QuestionReading {
  /**
   * The learner speaks to the bot ("can you explain …", "what does … mean", "jag förstår inte …"): a question even
   * at a step that asks the learner to write a question ("How might we …?").
   */
  readonly addressed: boolean;
}

/** Longest message read as a question, in words: a longer one is an answer that happens to contain one. */
const MAX_QUESTION_WORDS = 30;

/** Openings that speak to the bot, in either language (normalized: lower case, no diacritics). */
const ADDRESSED = [
  /^(kan|kunde|skulle) (du|ni) /u,
  /^(can|could|would|will) you /u,
  /^(förklara|forklara|explain|define|definiera)(?![\p{L}])/u,
  /^(berätta|beratta|tell me)( mer| more)? (om|about)(?![\p{L}])/u,
  /^(ge|give)( mig| me)? (ett|an) (exempel|example)(?![\p{L}])/u,
  /^jag (förstår|forstar|fattar|begriper) (inte|ej)(?![\p{L}])/u,
  /^i (do not|don t|dont) (understand|get)(?![\p{L}])/u,
  /^(jag undrar|i wonder|jag har en fråga|jag har en fraga|i have a question)(?![\p{L}])/u,
  /^(vad|what) (betyder|menas med|menar du|innebär|innebar|does .+ mean|is meant by|do you mean)(?![\p{L}])/u,
  /^(vad|what) (är|ar|is|are|s) (en |ett |an |a |the )?[\p{L}\d-]+( [\p{L}\d-]+){0,3}$/u,
];

/** Question words that begin a question and never a statement. */
const ALWAYS_INTERROGATIVE = new Set([
  ...['vad', 'vem', 'vems', 'vilken', 'vilket', 'vilka', 'varför', 'varfor'],
  ...['what', 'whats', 'who', 'whom', 'whose', 'which', 'why'],
]);

/** Question words that also begin statements ("När barnen slutar skolan …", "How we work: …"). */
const SOMETIMES_INTERROGATIVE = new Set(['hur', 'när', 'nar', 'var', 'vart', 'varifrån', 'how', 'when', 'where']);

/** The word after such a question word when it asks: a verb or a measure ("hur räknar", "how much", "when should"). */
const ASKING_NEXT_WORD = new Set([
  ...['är', 'kan', 'ska', 'skall', 'bör', 'gör', 'får', 'blir', 'måste', 'behöver', 'räknar', 'mäter', 'fungerar', 'hittar', 'skriver', 'vet'],
  ...['börjar', 'betyder', 'menar', 'många', 'mycket', 'länge', 'ofta', 'stor', 'går', 'skulle', 'hade', 'har', 'kommer', 'långt', 'gick'],
  ...['ar', 'gor', 'far', 'maste', 'behover', 'raknar', 'mater', 'borjar', 'manga', 'lange', 'gar', 'langt'],
  ...['do', 'does', 'did', 'is', 'are', 'was', 'were', 'can', 'could', 'should', 'would', 'will', 'might', 'must', 'may', 'shall', 'to'],
  ...['much', 'many', 'long', 'often', 'big', 'far', 'have', 'has'],
]);

/** Finite verbs that open a yes/no question when the message ends with "?" ("Finns det …?", "Is it …?"). */
const QUESTION_VERBS = new Set([
  ...['kan', 'kunde', 'får', 'är', 'finns', 'betyder', 'menar', 'ska', 'skall', 'måste', 'behöver', 'bör', 'vet', 'gäller', 'går', 'stämmer'],
  ...['har', 'hade', 'innebär', 'räknas', 'borde', 'skulle', 'blir', 'gör', 'fungerar', 'räcker', 'hjälper', 'tycker', 'krävs', 'brukar'],
  ...['far', 'ar', 'maste', 'behover', 'galler', 'gar', 'stammer', 'innebar', 'raknas', 'gor', 'racker', 'hjalper', 'kravs'],
  ...['can', 'could', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'should', 'must', 'will', 'would', 'may', 'might', 'shall', 'have', 'has'],
]);

/** Statement openings: a short message beginning with one of these is an answer, even with a question mark. */
const STATEMENT_START = new Set([
  ...['ja', 'nej', 'kanske', 'typ', 'ok', 'okej', 'yes', 'no', 'maybe', 'perhaps', 'possibly', 'probably', 'troligen', 'nog'],
  ...['jag', 'vi', 'de', 'dom', 'det', 'den', 'han', 'hon', 'man', 'min', 'mitt', 'vår', 'vårt', 'våra', 'våran', 'mina'],
  ...['i', 'we', 'they', 'it', 'he', 'she', 'my', 'our', 'us'],
]);

/**
 * Whether a typed message is a question to the bot rather than an answer, in Swedish or English, and if so whether it
 * is addressed to the bot. Word order decides, not the question mark alone: "Vi vill hjälpa unga?" is an answer said
 * with a rising tone, "Vad är IOP?" and "what does deadweight mean" are questions. Only the first sentence is read, so
 * an answer that ends with a question of its own stays an answer.
 */
export function readQuestion(text: string): QuestionReading | null {
  const trimmed = text.trim();
  const firstSentence = normalized(trimmed.split(/(?<=[.!?])\s+|\n+/)[0] ?? '');
  const words = firstSentence.split(' ').filter(Boolean);
  if (words.length === 0 || normalized(trimmed).split(' ').length > MAX_QUESTION_WORDS) return null;
  const asked = /\?\s*$/.test(trimmed.split(/(?<=[.!?])\s+|\n+/)[0] ?? '');

  if (ADDRESSED.some((pattern) => pattern.test(firstSentence))) return { addressed: true };
  const [first = '', second = ''] = words;
  if (ALWAYS_INTERROGATIVE.has(first)) return { addressed: false };
  if (SOMETIMES_INTERROGATIVE.has(first) && (asked || ASKING_NEXT_WORD.has(second))) return { addressed: false };
  if (asked && QUESTION_VERBS.has(first)) return { addressed: false };
  // A term with a question mark and nothing else ("IOP?", "Social return on investment?") asks what it means.
  if (asked && words.length <= 4 && !STATEMENT_START.has(first)) return { addressed: true };
  return null;
}

/** Lower case, without punctuation (an apostrophe becomes a space: "what's" → "what s"); å, ä and ö are kept ("vår" is not "var"). */
function normalized(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

import type { Locale } from '../curriculum/schema';
import { escapeMarkdown, type MarkdownText } from './markdown';

/**
 * Every text the conversation says that is not curriculum content, in Swedish and English.
 * `{name}` placeholders are filled by `say`.
 */
const catalogue = {
  /** The first message, in the organisation's (or the channel's) language; the question itself is in both. */
  greeting: {
    sv: 'Hej! Välkommen till programmet för sociala företagare. 🌱\nVälj språk / choose a language:',
    en: 'Hi! Welcome to the programme for social entrepreneurs. 🌱\nVälj språk / choose a language:',
  },
  pickLanguageAgain: {
    sv: 'Välj Svenska eller English. / Please choose Svenska or English.',
    en: 'Välj Svenska eller English. / Please choose Svenska or English.',
  },
  languageSwedish: { sv: 'Svenska', en: 'Svenska' },
  languageEnglish: { sv: 'English', en: 'English' },
  askFirstName: { sv: 'Vad heter du i förnamn?', en: 'What is your first name?' },
  askVentureName: {
    sv: 'Trevligt att träffas, {firstName}! Vad heter ditt företag eller din idé? (Skriv ett arbetsnamn om det inte har något namn än.)',
    en: 'Nice to meet you, {firstName}! What is your venture or idea called? (A working title is fine if it has no name yet.)',
  },
  askVentureLine: {
    sv: 'Berätta med en mening vad {ventureName} gör – eller vill göra.',
    en: 'Tell me in one sentence what {ventureName} does – or wants to do.',
  },
  consent: {
    sv: 'Innan vi börjar: för att du ska kunna fortsätta där du slutade – här eller i Teams – sparar jag det du berättar för mig: ditt förnamn, ditt företags namn, dina svar och hur långt du har kommit. Du kan när som helst skriva ”exportera mina data” för att få ut allt, eller ”radera mina data” för att ta bort allt. Är det okej?',
    en: 'Before we start: so that you can carry on where you left off – here or in Teams – I store what you tell me: your first name, your venture’s name, your answers and how far you have come. At any time you can write “export my data” to get everything, or “delete my data” to remove it all. Is that OK?',
  },
  privacyLink: { sv: 'Så hanteras dina uppgifter', en: 'How your data is handled' },
  termsLink: { sv: 'Villkor', en: 'Terms of use' },
  consentAccept: { sv: 'Ja, det är okej', en: 'Yes, that is OK' },
  consentDecline: { sv: 'Nej', en: 'No' },
  consentDeclined: {
    sv: 'Jag förstår. Då sparar jag ingenting om dig, och det enda jag visste – vilket språk du valde – är borttaget. Utan att spara dina svar kan jag inte driva programmet med dig. Du är välkommen tillbaka när du vill: skriv något så börjar vi om.',
    en: 'I understand. Then I store nothing about you, and the one thing I knew – the language you chose – is gone. Without storing your answers I cannot run the programme with you. You are welcome back whenever you like: write anything and we start again.',
  },
  askSharing: {
    sv: 'En sak till: får rådgivarna i organisationen som erbjuder dig programmet se dina framsteg och svar, så att de kan ge dig återkoppling? Du kan ändra dig när som helst genom att skriva ”sluta dela” eller ”dela med rådgivare”.',
    en: 'One more thing: may the advisors of the organisation that offers you the programme see your progress and answers, so that they can give you feedback? You can change your mind at any time by writing “stop sharing” or “share with my advisor”.',
  },
  sharingAccept: { sv: 'Ja, de får se dem', en: 'Yes, they may see them' },
  sharingDecline: { sv: 'Nej, bara jag', en: 'No, only me' },
  sharingStopped: {
    sv: 'Okej, rådgivarna ser inte längre dina framsteg och svar. Skriv ”dela med rådgivare” om du ändrar dig.',
    en: 'OK, the advisors no longer see your progress and answers. Write “share with my advisor” if you change your mind.',
  },
  sharingStarted: {
    sv: 'Tack! Rådgivarna i din organisation kan nu se dina framsteg och svar och ge dig återkoppling. Skriv ”sluta dela” för att sluta.',
    en: 'Thank you! The advisors of your organisation can now see your progress and answers and give you feedback. Write “stop sharing” to stop.',
  },
  welcomeDone: {
    sv: 'Tack, {firstName}! Här är programmets moduler. Välj var du vill börja – du kan byta när som helst och fortsätta där du var.',
    en: 'Thank you, {firstName}! Here are the programme’s modules. Choose where to start – you can switch at any time and carry on where you were.',
  },
  welcomeBack: {
    sv: 'Välkommen tillbaka, {firstName}! Vi fortsätter där du slutade.',
    en: 'Welcome back, {firstName}! Let’s carry on where you left off.',
  },
  menuTitle: { sv: 'Dina moduler', en: 'Your modules' },
  continueChoice: { sv: 'Fortsätt där jag var', en: 'Continue where I was' },
  pickModuleAgain: { sv: 'Välj en av modulerna i listan, eller skriv ”hjälp”.', en: 'Choose one of the modules in the list, or write “help”.' },
  moduleCompleted: {
    sv: 'Du har gjort klart alla lektioner i ”{module}”. Vilken lektion vill du gå igenom igen?',
    en: 'You have completed every lesson in “{module}”. Which lesson would you like to go through again?',
  },
  lessonStart: { sv: '📘 {module} – lektion {number} av {count}: {lesson}', en: '📘 {module} – lesson {number} of {count}: {lesson}' },
  next: { sv: 'Vidare ▸', en: 'Next ▸' },
  tooShort: {
    sv: 'Skriv gärna lite mer – minst {min} tecken – så att svaret blir användbart för dig senare.',
    en: 'Please write a little more – at least {min} characters – so that the answer is useful to you later.',
  },
  pickOption: {
    sv: 'Välj ett av alternativen (du kan också skriva numret).',
    en: 'Please choose one of the options (you can also type its number).',
  },
  pickOptions: {
    sv: 'Välj ett eller flera alternativ – skriv numren med komma emellan, till exempel ”1, 3”.',
    en: 'Choose one or more options – type their numbers separated by commas, for example “1, 3”.',
  },
  staleView: {
    sv: 'Det här har du redan svarat på i ett annat fönster, så jag har sparat det du skrev utan att använda det. Här är du nu:',
    en: 'You already answered this in another window, so I have kept what you sent without using it. Here is where you are:',
  },
  tickAtLeastOne: {
    sv: 'Kryssa i minst ett alternativ och tryck sedan på OK (eller skriv numren med komma emellan).',
    en: 'Tick at least one option, then press OK (or type their numbers separated by commas).',
  },
  submitChoices: { sv: 'OK', en: 'OK' },
  answerTooLong: {
    sv: 'Ditt svar har {count} tecken, och ett svar får vara högst {max} tecken. Korta det gärna och skicka igen – inget är sparat än.',
    en: 'Your answer has {count} characters, and an answer may be at most {max} characters. Please shorten it and send it again – nothing has been saved yet.',
  },
  nameTooLong: {
    sv: 'Det blev långt – skriv högst {max} tecken här.',
    en: 'That is long – please write at most {max} characters here.',
  },
  scaleHint: { sv: '1 = {low}, 5 = {high}', en: '1 = {low}, 5 = {high}' },
  pickScale: { sv: 'Svara med en siffra från 1 till 5.', en: 'Please answer with a number from 1 to 5.' },
  sdgMainPrompt: {
    sv: 'Skriv numret på det mål som är ditt huvudmål (1–17):',
    en: 'Type the number of the goal that is your main goal (1–17):',
  },
  sdgSecondaryPrompt: {
    sv: 'Vilka mål bidrar du också till? Skriv numren med komma emellan, eller ”inga”.',
    en: 'Which goals do you also contribute to? Type their numbers separated by commas, or “none”.',
  },
  sdgInvalid: { sv: 'Skriv ett nummer mellan 1 och 17.', en: 'Please type a number between 1 and 17.' },
  sdgSecondaryInvalid: {
    sv: 'Skriv nummer mellan 1 och 17 med komma emellan, eller ”inga”.',
    en: 'Type numbers between 1 and 17 separated by commas, or “none”.',
  },
  sdgRecorded: { sv: 'Huvudmål: {main}. Delmål: {secondary}.', en: 'Main goal: {main}. Secondary goals: {secondary}.' },
  numberHint: { sv: 'Svara med ett tal ({unit}).', en: 'Answer with a number ({unit}).' },
  numberNotANumber: {
    sv: 'Jag kan inte läsa det som ett tal. Skriv bara talet ({unit}), till exempel {example}.',
    en: 'I cannot read that as a number. Please write just the number ({unit}), for example {example}.',
  },
  numberBounds: { sv: 'Svaret ska vara {range}.', en: 'The answer must be {range}.' },
  numberOutOfRange: {
    sv: '{value} går inte här: svaret ska vara {range}. Skriv ett annat tal ({unit}).',
    en: '{value} does not fit here: the answer must be {range}. Please write another number ({unit}).',
  },
  rangeBetween: { sv: 'från {min} till {max}', en: 'from {min} to {max}' },
  rangeAtLeast: { sv: 'minst {min}', en: 'at least {min}' },
  rangeAtMost: { sv: 'högst {max}', en: 'at most {max}' },
  numberRecorded: { sv: 'Noterat: {value}.', en: 'Noted: {value}.' },
  unitSek: { sv: 'kronor', en: 'SEK' },
  unitSekPerMonth: { sv: 'kronor per månad', en: 'SEK per month' },
  unitSekPerHour: { sv: 'kronor per timme', en: 'SEK per hour' },
  unitPercent: { sv: 'procent', en: 'per cent' },
  unitHours: { sv: 'timmar', en: 'hours' },
  unitPeople: { sv: 'antal personer', en: 'number of people' },
  unitCount: { sv: 'antal', en: 'count' },
  amountPerMonth: { sv: '{amount}/mån', en: '{amount}/month' },
  amountPerHour: { sv: '{amount}/tim', en: '{amount}/hour' },
  peopleOne: { sv: '{count} person', en: '{count} person' },
  peopleOther: { sv: '{count} personer', en: '{count} people' },
  calculationMissingNumber: {
    sv: 'Ett tal saknas: ”{question}” i lektionen ”{lesson}”.',
    en: 'A number is missing: “{question}” in the lesson “{lesson}”.',
  },
  calculationDivisionByZero: {
    sv: '”{line}” går inte att räkna ut: det skulle bli division med noll.',
    en: '“{line}” cannot be worked out: it would mean dividing by zero.',
  },
  calculationDash: { sv: 'Rader som inte går att räkna ut visar –.', en: 'Lines that cannot be worked out show –.' },
  none: { sv: 'inga', en: 'none' },
  summaryTitle: { sv: 'Sammanfattning: {lesson}', en: 'Summary: {lesson}' },
  summaryProgress: {
    sv: '{module}: {bar} ({done} av {count} lektioner klara). Quiz: {correct} av {total} rätt.',
    en: '{module}: {bar} ({done} of {count} lessons done). Quiz: {correct} of {total} right.',
  },
  nextLesson: { sv: 'Nästa lektion ▸', en: 'Next lesson ▸' },
  backToMenu: { sv: 'Till menyn', en: 'Back to the menu' },
  readMore: { sv: 'Läs mer: {sources}', en: 'Read more: {sources}' },
  moduleFinished: {
    sv: '🎉 Du har gjort klart modulen ”{module}”!',
    en: '🎉 You have completed the module “{module}”!',
  },
  skipped: { sv: '(hoppade över)', en: '(skipped)' },
  skipButton: { sv: 'Hoppa över', en: 'Skip' },
  notAnswered: { sv: '(inget svar)', en: '(no answer)' },
  help: {
    sv: 'Du kan skriva: ”meny” (moduler), ”fortsätt”, ”framsteg”, ”tillbaka” (föregående steg), ”hoppa över” (valfria frågor), ”börja om” (lektionen), ”min kanvas” (det du har byggt), ”språk”, ”prata med en rådgivare”, ”koppla” (fortsätt i Teams eller webbchatten), ”sluta dela” eller ”dela med rådgivare” (vad rådgivarna ser), ”exportera mina data”, ”radera mina data”.',
    en: 'You can write: “menu” (modules), “continue”, “progress”, “back” (previous step), “skip” (optional questions), “restart” (the lesson), “my canvas” (what you have built), “language”, “talk to an advisor”, “link” (carry on in Teams or the web chat), “stop sharing” or “share with my advisor” (what the advisors see), “export my data”, “delete my data”.',
  },
  helpInLesson: {
    sv: 'Du är i lektionen ”{lesson}”, steg {number} av {count}.',
    en: 'You are in the lesson “{lesson}”, step {number} of {count}.',
  },
  helpOnboarding: {
    sv: 'Vi håller på att lära känna varandra – svara på frågan ovan så kommer vi snart till modulerna.',
    en: 'We are getting to know each other – answer the question above and we will soon reach the modules.',
  },
  progressTitle: { sv: 'Dina framsteg', en: 'Your progress' },
  chooseLanguage: { sv: 'Vilket språk vill du använda?', en: 'Which language would you like to use?' },
  languageChanged: { sv: 'Nu pratar vi svenska.', en: 'We are now speaking English.' },
  notInLesson: {
    sv: 'Det fungerar bara inne i en lektion. Välj en modul för att börja.',
    en: 'That only works inside a lesson. Choose a module to start.',
  },
  cannotGoBack: { sv: 'Du är redan på lektionens första steg.', en: 'You are already at the first step of the lesson.' },
  cannotSkip: { sv: 'Den här frågan går inte att hoppa över.', en: 'This question cannot be skipped.' },
  restarted: {
    sv: 'Vi börjar om lektionen. Dina tidigare svar finns kvar tills du svarar på nytt.',
    en: 'Let’s restart the lesson. Your earlier answers are kept until you answer again.',
  },
  noArtefactYet: {
    sv: 'Du har inte fyllt i något ännu. Svaren på frågorna i lektionerna hamnar här.',
    en: 'You have not filled anything in yet. Your answers to the lessons’ questions end up here.',
  },
  confirmDelete: {
    sv: 'Vill du verkligen radera allt jag har sparat om dig – namn, svar och framsteg? Det går inte att ångra.',
    en: 'Do you really want to delete everything I have stored about you – name, answers and progress? This cannot be undone.',
  },
  confirmDeleteYes: { sv: 'Ja, radera allt', en: 'Yes, delete everything' },
  confirmDeleteNo: { sv: 'Nej, behåll', en: 'No, keep it' },
  deleteCancelled: { sv: 'Okej, ingenting har raderats.', en: 'OK, nothing has been deleted.' },
  advisorContact: {
    sv: 'Så här når du en rådgivare hos {organisation}:\n{contact}\nJag har också antecknat att du vill prata, så att rådgivarna ser det.',
    en: 'This is how to reach an advisor at {organisation}:\n{contact}\nI have also noted that you would like to talk, so that the advisors can see it.',
  },
  contactEmail: { sv: 'E-post: {value}', en: 'Email: {value}' },
  contactPhone: { sv: 'Telefon: {value}', en: 'Phone: {value}' },
  contactWeb: { sv: 'Webb: {value}', en: 'Web: {value}' },
  dataDeleted: {
    sv: 'Allt jag hade sparat om dig är raderat. Om du skriver igen börjar vi från början.',
    en: 'Everything I had stored about you has been deleted. If you write again, we start from the beginning.',
  },
  storeUnavailable: {
    sv: 'Förlåt, jag kan inte spara just nu och har därför inte tagit emot ditt senaste meddelande. Försök igen om en liten stund – inget av det du redan har svarat har försvunnit.',
    en: 'Sorry, I cannot save right now, so I have not taken in your last message. Please try again in a little while – nothing you have already answered is lost.',
  },
  unexpectedError: {
    sv: 'Förlåt, något gick fel hos mig. Ditt senaste meddelande kom inte fram – skicka det gärna igen. Dina tidigare svar finns kvar.',
    en: 'Sorry, something went wrong on my side. Your last message did not get through – please send it again. Your earlier answers are kept.',
  },
  editNotice: {
    sv: 'Jag såg att du ändrade ett meddelande. Jag sparar svaren som du först skickade dem – skriv ”tillbaka” om du vill ändra ett svar.',
    en: 'I saw that you edited a message. I keep answers as you first sent them – write “back” if you want to change an answer.',
  },
  tenantNotServed: {
    sv: 'Programmet erbjuds inte för din organisation här i Teams. Fråga den som gav dig tillgång till appen.',
    en: 'The programme is not offered to your organisation here in Teams. Please ask whoever gave you access to the app.',
  },
  organisationNotServed: {
    sv: 'Programmet erbjuds inte längre på den här sidan. Ladda om sidan, eller kontakta organisationen som visar chatten.',
    en: 'The programme is no longer offered on this page. Reload the page, or contact the organisation that shows the chat.',
  },
  emptyMessage: {
    sv: 'Jag kan bara läsa text och knapptryck. Skriv ditt svar eller välj ett alternativ.',
    en: 'I can only read text and button presses. Please type your answer or choose an option.',
  },
  linkCode: {
    sv: 'Din kod är **{code}**. Skriv den i den andra chatten (Teams eller webbchatten) inom 10 minuter, så fortsätter du där med samma framsteg. Koden fungerar en gång. Dela den inte med någon annan.',
    en: 'Your code is **{code}**. Type it in the other chat (Teams or the web chat) within 10 minutes to carry on there with the same progress. The code works once. Do not share it with anyone.',
  },
  linked: {
    sv: 'Klart! Den här chatten är nu kopplad till ditt konto, {firstName}.',
    en: 'Done! This chat is now linked to your account, {firstName}.',
  },
  linkCodeInvalid: {
    sv: 'Den koden känner jag inte igen, eller så har den gått ut. Skriv ”koppla” i den andra chatten för att få en ny.',
    en: 'I do not recognise that code, or it has expired. Write “link” in the other chat to get a new one.',
  },
  linkRateLimited: {
    sv: 'För många felaktiga koder. Vänta några minuter och försök igen.',
    en: 'Too many wrong codes. Please wait a few minutes and try again.',
  },
  linkRefusedOwnProgress: {
    sv: 'Den här chatten har redan egna framsteg. Skriv ”radera mina data” här först om du vill ersätta dem med kontot från den andra chatten.',
    en: 'This chat already has progress of its own. Write “delete my data” here first if you want to replace it with the account from the other chat.',
  },
  exportStarted: {
    sv: 'Här är allt jag har sparat om dig: ett dokument att läsa (och skriva ut) och samma uppgifter som datafil (JSON). Länkarna gäller i {minutes} minuter; skriv ”exportera mina data” igen för nya.',
    en: 'Here is everything I have stored about you: a document to read (and print) and the same data as a data file (JSON). The links work for {minutes} minutes; write “export my data” again for new ones.',
  },
  /** Teams without a public address for links: the data file comes as text in the chat. */
  exportStartedInline: {
    sv: 'Här är allt jag har sparat om dig, som datafil (JSON):',
    en: 'Here is everything I have stored about you, as a data file (JSON):',
  },
  exportOpenDocument: { sv: 'Öppna dokumentet', en: 'Open the document' },
  exportDownloadData: { sv: 'Ladda ner datafilen (JSON)', en: 'Download the data file (JSON)' },
  exportDocumentFile: { sv: 'mina-uppgifter.html', en: 'my-data.html' },
  exportDataFile: { sv: 'mina-uppgifter.json', en: 'my-data.json' },
  exportTitle: { sv: 'Mina uppgifter i programmet', en: 'My data in the programme' },
  exportIntro: {
    sv: 'Allt som {organisation} har sparat om dig i programmet för sociala företagare, den {date}. Du kan radera allt med ”radera mina data” i chatten.',
    en: 'Everything {organisation} has stored about you in the programme for social entrepreneurs, on {date}. You can delete all of it with “delete my data” in the chat.',
  },
  exportAboutYou: { sv: 'Om dig', en: 'About you' },
  exportFirstName: { sv: 'Förnamn', en: 'First name' },
  exportVentureName: { sv: 'Verksamhet', en: 'Venture' },
  exportVentureLine: { sv: 'Vad verksamheten gör', en: 'What the venture does' },
  exportLanguage: { sv: 'Språk', en: 'Language' },
  exportConsent: { sv: 'Samtycke', en: 'Consent' },
  exportConsentGiven: { sv: 'Givet {date}', en: 'Given on {date}' },
  exportSharing: { sv: 'Rådgivarna ser dina svar', en: 'Advisors see your answers' },
  exportYes: { sv: 'Ja', en: 'Yes' },
  exportNo: { sv: 'Nej', en: 'No' },
  exportChannels: { sv: 'Kanaler', en: 'Channels' },
  exportProgress: { sv: 'Framsteg', en: 'Progress' },
  exportLessonsDone: { sv: '{done} av {total} lektioner klara', en: '{done} of {total} lessons completed' },
  exportArtefacts: { sv: 'Det du har byggt', en: 'What you have built' },
  exportAnswers: { sv: 'Dina svar', en: 'Your answers' },
  exportNoAnswers: { sv: 'Du har inte svarat på några frågor ännu.', en: 'You have not answered any questions yet.' },
  exportFeedback: { sv: 'Återkoppling', en: 'Feedback' },
  exportCorrect: { sv: 'rätt', en: 'correct' },
  exportIncorrect: { sv: 'fel', en: 'not correct' },
  exportNotApplied: {
    sv: 'skickat från ett äldre fönster, sparat men inte använt som svar',
    en: 'sent from an older window, kept but not used as the answer',
  },
  exportOther: { sv: 'Övrigt', en: 'Other' },
  exportAdvisorRequest: { sv: 'Du bad om att få prata med en rådgivare.', en: 'You asked to talk to an advisor.' },
  exportRemovedStep: { sv: 'en fråga som inte längre finns i programmet', en: 'a question no longer in the programme' },
  exportLinkExpired: {
    sv: 'Länken har gått ut eller uppgifterna finns inte längre. Skriv ”exportera mina data” i chatten för en ny länk.',
    en: 'This link has expired, or the data is no longer there. Write “export my data” in the chat for a new link.',
  },
  exportAdvisors: { sv: 'Rådgivarna', en: 'Advisors' },
  exportAdvisorNotes: { sv: 'Vad rådgivarna har skrivit till dig', en: 'What advisors wrote to you' },
  exportNoteBy: { sv: '{advisor}, {date}', en: '{advisor}, {date}' },
  exportYourReply: { sv: 'Ditt svar, {date}', en: 'Your reply, {date}' },
  exportAdvisorRequests: { sv: 'När du bad att få prata med en rådgivare', en: 'When you asked to talk to an advisor' },
  exportRequestOpen: { sv: '{date} (inte besvarad än)', en: '{date} (not answered yet)' },
  exportRequestAnswered: { sv: '{date} (besvarad)', en: '{date} (answered)' },
  exportAccessLog: { sv: 'Vilka rådgivare som har läst dina uppgifter', en: 'Which advisors have read your record' },
  exportAccessViewed: { sv: '{advisor} läste dem {date}', en: '{advisor} read it on {date}' },
  exportAccessExported: { sv: '{advisor} laddade ner dina svar {date}', en: '{advisor} downloaded your answers on {date}' },
  exportNothingYet: { sv: 'Inget än.', en: 'Nothing yet.' },
  advisorNote: {
    sv: '💬 {advisor} på {organisation} har skrivit till dig:\n\n{text}',
    en: '💬 {advisor} at {organisation} has written to you:\n\n{text}',
  },
  advisorNoteOnAnswer: {
    sv: '💬 {advisor} på {organisation} har skrivit till dig om ditt svar på ”{question}”:\n\n{text}',
    en: '💬 {advisor} at {organisation} has written to you about your answer to “{question}”:\n\n{text}',
  },
  advisorReplyButton: { sv: 'Svara rådgivaren', en: 'Reply to the advisor' },
  advisorReplyPrompt: {
    sv: 'Skriv ditt svar till rådgivaren i ett meddelande. (Skriv ”meny” om du ångrar dig.)',
    en: 'Write your reply to the advisor in one message. (Write “menu” if you change your mind.)',
  },
  advisorReplySent: { sv: 'Tack! Ditt svar är skickat till rådgivaren.', en: 'Thank you! Your reply has been sent to the advisor.' },
  advisorReplyCancelled: { sv: 'Okej, inget svar skickades.', en: 'OK, no reply was sent.' },
  advisorReplyUnknown: {
    sv: 'Jag hittar inte den kommentaren längre, så svaret kunde inte skickas. Skriv ”prata med en rådgivare” om du vill nå en rådgivare.',
    en: 'I cannot find that comment any more, so the reply could not be sent. Write “talk to an advisor” to reach an advisor.',
  },
  consentAi: {
    sv: 'Den här organisationen använder AI-återkoppling: dina svar, ditt företags namn och raden om vad det gör skickas till {service} så att du får återkoppling och svar på dina frågor. Ditt namn och dina kontaktuppgifter skickas aldrig.',
    en: 'This organisation uses AI feedback: your answers, your venture’s name and the line about what it does are sent to {service} so that you get feedback and answers to your questions. Your name and contact details are never sent.',
  },
  aiFeedbackLabel: { sv: 'AI-återkoppling', en: 'AI feedback' },
  offlineFeedbackLabel: { sv: 'Automatisk återkoppling', en: 'Automatic feedback' },
  aiAnswerLabel: { sv: 'AI-svar', en: 'AI answer' },
  offlineAnswerLabel: { sv: 'Automatisk sökning i programmet', en: 'Automatic search of the programme' },
  aiFollowUpLabel: { sv: 'AI-svar', en: 'AI reply' },
  offlineFollowUpLabel: { sv: 'Automatiskt svar', en: 'Automatic reply' },
  coachFeedbackPending: {
    sv: '✔ Ditt svar är sparat. Återkopplingen kommer om ett ögonblick …',
    en: '✔ Your answer is saved. The feedback follows in a moment …',
  },
  coachQuestionPending: { sv: 'Bra fråga! Jag letar i programmet …', en: 'Good question! Let me look in the programme …' },
  coachFollowUpPending: { sv: 'Ett ögonblick …', en: 'One moment …' },
  coachWorking: {
    sv: 'Återkopplingen på ditt svar är på väg – ett ögonblick, så fortsätter vi sedan.',
    en: 'The feedback on your answer is on its way – one moment, and then we carry on.',
  },
  feedbackFollowUpHint: {
    sv: 'Du kan svara på återkopplingen en gång (till exempel ”kan du ge ett exempel?”), eller gå vidare.',
    en: 'You can reply to the feedback once (for example “can you give an example?”), or go on.',
  },
  offlineCheckIntro: {
    sv: 'En enkel automatisk kontroll av vilka ämnen svaret tar upp – ingen människa och ingen AI har läst det.',
    en: 'A simple automatic check of which topics the answer mentions – no person and no AI has read it.',
  },
  offlineNothingFound: {
    sv: 'Jag hittade inget av det jag letar efter. Det kan stå där med andra ord, men fundera på det här:',
    en: 'I found none of the things I look for. They may be there in other words, but consider this:',
  },
  offlineNoRubric: {
    sv: 'Svaret är sparat och hamnar i ditt material. Du kan alltid ändra det med ”tillbaka”.',
    en: 'Your answer is saved and goes into your material. You can always change it with “back”.',
  },
  offlineQuestionIntro: {
    sv: 'Jag kan inte svara på frågor själv, men de här lektionerna tar upp det du frågar om:',
    en: 'I cannot answer questions myself, but these lessons cover what you ask about:',
  },
  offlineQuestionLesson: { sv: '• ”{lesson}” i modulen ”{module}”', en: '• “{lesson}” in the module “{module}”' },
  offlineQuestionNothing: { sv: 'Jag hittar inget om det i programmet.', en: 'I cannot find anything about that in the programme.' },
  offlineFollowUp: {
    sv: 'Tack! Det här var en enkel automatisk kontroll, så jag kan inte svara på det – ta gärna upp det med en rådgivare. Vi går vidare.',
    en: 'Thank you! That was a simple automatic check, so I cannot answer that – do raise it with an advisor. Let’s go on.',
  },
  questionSource: { sv: '📘 Från lektionen ”{lesson}” i modulen ”{module}”.', en: '📘 From the lesson “{lesson}” in the module “{module}”.' },
  questionNotCovered: {
    sv: 'Det här tar programmet inte upp, så ta det gärna med en rådgivare.',
    en: 'The programme does not cover this, so do take it up with an advisor.',
  },
  questionAdvisor: { sv: 'Rådgivare: {contact}', en: 'Advisor: {contact}' },
  maskedName: { sv: '[namn]', en: '[name]' },
  maskedEmail: { sv: '[e-post]', en: '[email]' },
  maskedPhone: { sv: '[telefon]', en: '[phone]' },
  openLessonHint: {
    sv: 'Skriv ”meny” och välj modulen för att öppna lektionen.',
    en: 'Write “menu” and choose the module to open the lesson.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type CatalogueKey = keyof typeof catalogue;

/** A value for a `{placeholder}`: text (escaped, so it shows literally), a number, or Markdown meant as Markdown. */
export type SayParam = string | number | MarkdownText;

function filled(param: SayParam): string {
  if (typeof param === 'number') return String(param);
  return typeof param === 'string' ? escapeMarkdown(param) : param.markdown;
}

/**
 * The catalogue text for `key` in `locale`, with `{placeholders}` filled. The catalogue is Markdown; text put into
 * it (a learner's name, a title) is escaped, so a name like `<img src=x>` or `*Anna*` shows as written.
 */
export function say(locale: Locale, key: CatalogueKey, params: Record<string, SayParam> = {}): string {
  return catalogue[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const param = params[name];
    return param === undefined ? whole : filled(param);
  });
}

/** The catalogue text with its placeholders filled as they are: for documents that are not Markdown (the export), whose renderer escapes for its own format. */
export function sayPlain(locale: Locale, key: CatalogueKey, params: Record<string, string | number> = {}): string {
  return catalogue[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** Every key with both languages, for tests. */
export const catalogueEntries = catalogue as Readonly<Record<CatalogueKey, Readonly<Record<Locale, string>>>>;

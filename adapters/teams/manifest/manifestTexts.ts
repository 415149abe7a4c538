/** The strings of the app's store entry and tab, in one language. Lengths are capped by the manifest schema. */
export interface ManifestTexts {
  /** At most 30 characters. */
  readonly nameShort: string;
  /** At most 100 characters. */
  readonly nameFull: string;
  /** At most 80 characters. */
  readonly descriptionShort: string;
  /** At most 4000 characters. */
  readonly descriptionFull: string;
  /**
   * The bot's command menu in Teams (title at most 32 characters, description at most 128). Teams sends the
   * title as the learner's message, and the bot understands commands in both languages.
   */
  readonly commands: readonly { readonly title: string; readonly description: string }[];
}

/** Language of the manifest itself; Teams shows it unless the user's language has a localization file. */
export const DEFAULT_LANGUAGE_TAG = 'sv-se';

/** The manifest's texts: Swedish (the default) and English (shipped as a localization file). */
export const manifestTexts: { readonly default: ManifestTexts; readonly additional: Readonly<Record<string, ManifestTexts>> } = {
  default: {
    nameShort: 'Coach för sociala företag',
    nameFull: 'Coach för sociala företag – affärsutveckling för samhällsentreprenörer',
    descriptionShort: 'Affärsutveckling för sociala entreprenörer, steg för steg i chatten.',
    descriptionFull:
      'Ett affärsutvecklingsprogram för sociala entreprenörer och företag med samhällsengagemang, i chattform. ' +
      'Coachen leder dig lektion för lektion genom fem moduler: från samhällsutmaning till idé, affärsmodell för sociala företag, ' +
      'effektmätning, tillväxt och finansiering, och affärer med offentlig sektor. Du svarar på frågor, får återkoppling och ' +
      'bygger steg för steg din Social Business Model Canvas, din förändringsteori och din tillväxtplan. ' +
      'Dina framsteg sparas, så att du kan fortsätta här i Teams eller i webbchatten hos organisationen som erbjuder programmet. ' +
      'Om du samtycker kan din rådgivare följa dina framsteg och ge dig återkoppling.',
    commands: [
      { title: 'fortsätt', description: 'Fortsätt där du slutade' },
      { title: 'meny', description: 'Visa modulerna och dina framsteg' },
      { title: 'min kanvas', description: 'Visa det du har byggt: kanvas, förändringsteori och planer' },
      { title: 'hjälp', description: 'Vad du kan skriva' },
      { title: 'koppla', description: 'Få en kod för att fortsätta i webbchatten med samma framsteg' },
      { title: 'språk', description: 'Byt mellan svenska och engelska' },
    ],
  },
  additional: {
    en: {
      nameShort: 'Social Venture Coach',
      nameFull: 'Social Venture Coach – business development for social entrepreneurs',
      descriptionShort: 'Step-by-step business development for social entrepreneurs, in chat.',
      descriptionFull:
        'A business-development programme for social entrepreneurs and socially engaged small businesses, run as a conversation. ' +
        'The coach takes you lesson by lesson through five modules: from societal challenge to idea, business models for social enterprises, ' +
        'impact measurement, growth and financing, and working with the public sector. You answer questions, get feedback and ' +
        'build up your Social Business Model Canvas, your theory of change and your growth plan as you go. ' +
        'Your progress is saved, so you can carry on here in Teams or in the web chat of the organisation that offers the programme. ' +
        'If you agree to it, your advisor can follow your progress and send you feedback.',
      commands: [
        { title: 'continue', description: 'Carry on where you left off' },
        { title: 'menu', description: 'Show the modules and your progress' },
        { title: 'my canvas', description: 'Show what you have built: canvas, theory of change and plans' },
        { title: 'help', description: 'What you can write' },
        { title: 'link', description: 'Get a code to carry on in the web chat with the same progress' },
        { title: 'language', description: 'Switch between Swedish and English' },
      ],
    },
  },
};

/** The strings of the advisor app (the dashboard as a Teams tab), in one language. */
export interface AdvisorAppTexts {
  /** At most 30 characters. */
  readonly nameShort: string;
  /** At most 100 characters. */
  readonly nameFull: string;
  /** At most 80 characters. */
  readonly descriptionShort: string;
  /** At most 4000 characters. */
  readonly descriptionFull: string;
  /** The tab's name, at most 128 characters. */
  readonly tabName: string;
}

/** The advisor app's texts: Swedish (the default) and English (a localization file). */
export const advisorAppTexts: { readonly default: AdvisorAppTexts; readonly additional: Readonly<Record<string, AdvisorAppTexts>> } = {
  default: {
    nameShort: 'Coach – rådgivare',
    nameFull: 'Coach för sociala företag – översikt för rådgivare',
    descriptionShort: 'Följ dina deltagares framsteg och svar, och ge dem återkoppling i chatten.',
    descriptionFull:
      'Översikten för rådgivare i programmet Coach för sociala företag. Se framstegen för de deltagare i din organisation som har ' +
      'valt att dela dem med rådgivare: moduler, lektioner, quiz och deras svar, med kanvas, förändringsteori och planer som de har byggt. ' +
      'Skriv anteckningar som når deltagaren i chatten, svara på förfrågningar och följ programmet i siffror.',
    tabName: 'Översikt för rådgivare',
  },
  additional: {
    en: {
      nameShort: 'Coach for advisors',
      nameFull: 'Social Venture Coach – advisor dashboard',
      descriptionShort: 'Follow your learners’ progress and answers, and send them feedback in the chat.',
      descriptionFull:
        'The advisor dashboard of the Social Venture Coach programme. See the progress of the learners of your organisation who chose ' +
        'to share it with advisors: modules, lessons, quizzes and their answers, with the canvas, theory of change and plans they have built. ' +
        'Write notes that reach the learner in the chat, answer requests and follow the programme in figures.',
      tabName: 'Advisor dashboard',
    },
  },
};

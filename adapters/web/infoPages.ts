import type { Request, Response, Server } from 'restify';
import { escapeHtml } from './html';

interface InfoPage {
  readonly title: string;
  /** Paragraphs; Swedish first, then English. */
  readonly sv: readonly string[];
  readonly en: readonly string[];
}

/** The pages the Teams app package links to: privacy notice and terms. */
const PAGES: Record<string, InfoPage> = {
  '/privacy': {
    title: 'Integritet / Privacy',
    sv: [
      'Programmet sparar det du berättar för det: ditt förnamn, ditt företags namn och en mening om det, dina svar och hur långt du har kommit. Det behövs för att du ska kunna fortsätta där du slutade, i Teams eller i webbchatten.',
      'Om du säger ja till det kan rådgivare i den organisation som erbjuder dig programmet läsa dina svar och ge dig återkoppling; skriv ”sluta dela” eller ”dela med rådgivare” för att ändra det. Inget säljs eller delas med andra.',
      'Säger du nej till att programmet sparar något om dig sparas ingenting.',
      'Skriv ”exportera mina data” i chatten för att få ut allt som är sparat om dig (ett dokument att läsa och en datafil), och ”radera mina data” för att ta bort allt, överallt.',
    ],
    en: [
      'The programme stores what you tell it: your first name, your venture’s name and a sentence about it, your answers and how far you have come. That is what lets you carry on where you left off, in Teams or in the web chat.',
      'If you agree to it, advisors of the organisation that offers you the programme can read your answers and give you feedback; write “stop sharing” or “share with advisors” to change that. Nothing is sold or shared with anyone else.',
      'If you say no to the programme storing anything about you, nothing is stored.',
      'Write “export my data” in the chat to get everything stored about you (a document to read and a data file), and “delete my data” to remove it all, everywhere.',
    ],
  },
  '/terms': {
    title: 'Villkor / Terms of use',
    sv: [
      'Programmet ger utbildning och stöd för att utveckla ett socialt företag. Det ersätter inte juridisk, ekonomisk eller annan professionell rådgivning: kontrollera belopp, regler och villkor med de myndigheter och organisationer som lektionerna hänvisar till.',
      'Återkopplingen i chatten är automatisk om inget annat sägs.',
    ],
    en: [
      'The programme offers training and support for developing a social enterprise. It does not replace legal, financial or other professional advice: check amounts, rules and terms with the authorities and organisations the lessons refer to.',
      'Feedback in the chat is automatic unless it says otherwise.',
    ],
  },
};

export function renderInfoPage(page: InfoPage): string {
  const section = (lang: string, paragraphs: readonly string[]) =>
    `<section lang="${lang}">${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`;
  return (
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(page.title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2b24}section+section{border-top:1px solid #cfd8d3;margin-top:1.5rem}</style></head>` +
    `<body><h1>${escapeHtml(page.title)}</h1>${section('sv', page.sv)}${section('en', page.en)}</body></html>`
  );
}

/** GET /privacy and /terms: static, bilingual pages. */
export function registerInfoPages(server: Server): void {
  for (const [path, page] of Object.entries(PAGES)) {
    const html = renderInfoPage(page);
    server.get(path, async (_req: Request, res: Response) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.skype.com",
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(html);
    });
  }
}

import { escapeHtml } from '../web/html';
import { EMBED_SCRIPT_PATH } from './embedRoutes';

/** What the demo page shows. */
export interface DemoPageOptions {
  readonly title: string;
  /** The organisation whose chat the page embeds (the default one). */
  readonly organisationId: string;
  readonly language: 'sv' | 'en';
  /** CSP nonce put on the page's own style. */
  readonly nonce: string;
}

const TEXT = {
  sv: {
    intro:
      'Ett affärsutvecklingsprogram för sociala entreprenörer, i chatten: från samhällsutmaning till idé, affärsmodell, effektmätning, tillväxt och affärer med offentlig sektor.',
    other: 'In English',
  },
  en: {
    intro:
      'A business-development programme for social entrepreneurs, in a chat: from a societal challenge to an idea, a business model, impact measurement, growth and working with the public sector.',
    other: 'På svenska',
  },
} as const;

const STYLE = `
:root { color-scheme: light; --ink: #1d2b28; --muted: #4a5a56; --accent: #1f6f5c; --paper: #f4f7f5; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
.layout { display: grid; gap: 1.5rem; max-width: 72rem; height: 100%; margin: 0 auto; padding: 1.5rem; grid-template-columns: minmax(0, 20rem) minmax(0, 1fr); }
header h1 { margin: 0 0 .75rem; font-size: 1.75rem; line-height: 1.2; }
header p { margin: 0 0 1rem; color: var(--muted); }
header a { color: var(--accent); }
#chat { min-height: 28rem; border-radius: 12px; overflow: hidden; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); }
@media (max-width: 48rem) {
  .layout { display: flex; flex-direction: column; padding: 0; gap: 0; }
  header { display: flex; align-items: baseline; gap: .75rem; padding: .375rem .75rem; }
  header h1 { flex: 1 1 auto; min-width: 0; margin: 0; font-size: 1rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  header a { white-space: nowrap; font-size: .875rem; }
  header p { display: none; }
  #chat { flex: 1 1 auto; min-height: 0; border-radius: 0; box-shadow: none; }
}
`;

/**
 * The bot's own page: a short introduction beside the demo organisation's chat, embedded inline with the same
 * one-line snippet a cooperative uses (so there is one widget code path). On a phone the header is one line.
 */
export function renderDemoPage(options: DemoPageOptions): string {
  const text = TEXT[options.language];
  const other = options.language === 'sv' ? 'en' : 'sv';
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<style nonce="${escapeHtml(options.nonce)}">${STYLE}</style>
</head>
<body>
<div class="layout">
<header>
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
<a href="/?lang=${other}" lang="${other}">${escapeHtml(text.other)}</a>
</header>
<main id="chat"></main>
</div>
<script async src="${EMBED_SCRIPT_PATH}" data-org="${escapeHtml(options.organisationId)}" data-mode="inline" data-target="#chat" data-lang="${options.language}"></script>
</body>
</html>
`;
}

import type { Organisation } from '../../bot/organisations/organisation';
import { escapeHtml, jsonForScript } from '../web/html';
import { textColourOn } from './colourContrast';
import { webChatStyleOptions } from './webChatStyle';

export interface ChatPageOptions {
  readonly organisation: Organisation;
  /** The learner's language until the bot says otherwise. */
  readonly language: 'sv' | 'en';
  /** `panel` behind the launcher (with a close button) or `inline` in the host page. */
  readonly mode: 'panel' | 'inline';
  /** Binds the session to this organisation (see EmbedGrants). */
  readonly grant: string;
  /** The embedding page's origin, the only target of the page's messages; null when the page is not framed. */
  readonly hostOrigin: string | null;
  readonly webChatScriptUrl: string;
  readonly chatScriptUrl: string;
  readonly nonce: string;
}

const TEXT = {
  privacy: { sv: 'Så hanteras dina uppgifter', en: 'How your data is handled' },
  close: { sv: 'Stäng chatten', en: 'Close the chat' },
  loading: { sv: 'Ansluter till chatten …', en: 'Connecting to the chat …' },
  failed: { sv: 'Chatten kunde inte startas. Ladda om sidan om en stund.', en: 'The chat could not start. Please reload the page in a moment.' },
  noScript: { sv: 'Chatten behöver JavaScript.', en: 'The chat needs JavaScript.' },
  region: { sv: 'Chatt med {name}', en: 'Chat with {name}' },
} as const;

/** A text in both languages as attributes, shown in the page's language; chat.js switches it when the learner does. */
function bilingual(key: keyof typeof TEXT, language: 'sv' | 'en', values: Record<string, string> = {}) {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const sv = fill(TEXT[key].sv);
  const en = fill(TEXT[key].en);
  return {
    shown: language === 'sv' ? sv : en,
    /** For an element whose text follows the language. */
    text: `data-text-sv="${escapeHtml(sv)}" data-text-en="${escapeHtml(en)}"`,
    /** For an element whose accessible name follows the language. */
    label: `aria-label="${escapeHtml(language === 'sv' ? sv : en)}" data-label-sv="${escapeHtml(sv)}" data-label-en="${escapeHtml(en)}"`,
  };
}

function style(accent: string): string {
  return `
:root { color-scheme: light; --accent: ${accent}; --on-accent: ${textColourOn(accent)}; --ink: #1d2b28; --muted: #4a5a56; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; overflow: hidden; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
.chat { display: flex; flex-direction: column; height: 100%; }
header { display: flex; align-items: center; gap: .5rem; min-height: 3rem; padding: .375rem .5rem .375rem .75rem; background: var(--accent); color: var(--on-accent); }
header img { width: 1.75rem; height: 1.75rem; border-radius: 50%; background: #fff; object-fit: contain; }
header h1 { flex: 1 1 auto; min-width: 0; margin: 0; font-size: 1rem; font-weight: 600; overflow-wrap: break-word; }
header a { flex: 0 1 auto; min-width: 0; color: var(--on-accent); font-size: .8125rem; text-align: end; text-underline-offset: 2px; overflow-wrap: break-word; }
header button { flex: none; width: 2.75rem; height: 2.75rem; border: 0; border-radius: 50%; background: transparent; color: var(--on-accent); font-size: 1.5rem; line-height: 1; cursor: pointer; }
header a:focus-visible, header button:focus-visible { outline: 3px solid var(--on-accent); outline-offset: 1px; }
main { position: relative; flex: 1 1 auto; min-height: 0; }
#svc-webchat { height: 100%; }
.status { position: absolute; inset: 0; display: grid; place-items: center; margin: 0; padding: 1rem; text-align: center; color: var(--muted); }
.status[hidden] { display: none; }
/* Long answers and option labels wrap instead of widening the page (phones of 320-430 px). */
.webchat__bubble__content, .ac-textBlock { overflow-wrap: anywhere; }
.webchat__bubble { max-width: 100%; }
.webchat__suggested-action { height: auto !important; min-height: 2.5rem; max-width: 100%; white-space: normal !important; text-align: start; }
.webchat__suggested-action__text { white-space: normal !important; overflow-wrap: anywhere; }
.ac-adaptiveCard, .ac-container, .ac-input-container { max-width: 100%; }
.ac-input-container input[type="checkbox"] { width: 1.5rem; height: 1.5rem; flex: none; }
/* A card's choice labels are cut to one line with an ellipsis unless the card asks for wrap: wrap them. */
.ac-adaptiveCard label.ac-textBlock, .ac-adaptiveCard label.ac-textBlock * { white-space: normal !important; text-overflow: clip !important; overflow: visible !important; overflow-wrap: anywhere; }
`;
}

/** The chat page an embed frames: a header with the organisation's name, its privacy notice and a close button; the widget below. */
export function renderChatPage(options: ChatPageOptions): string {
  const { organisation, language } = options;
  const nonce = ` nonce="${escapeHtml(options.nonce)}"`;
  const privacyUrl = organisation.privacyUrl ?? `/privacy?lang=${language}`;
  const privacy = bilingual('privacy', language);
  const close = bilingual('close', language);
  const loading = bilingual('loading', language);
  const region = bilingual('region', language, { name: organisation.theme.botName });
  const config = {
    organisationId: organisation.id,
    grant: options.grant,
    hostOrigin: options.hostOrigin,
    locale: language === 'en' ? 'en-US' : 'sv-SE',
    failed: TEXT.failed,
    styleOptions: webChatStyleOptions(organisation.theme),
  };
  const logo = organisation.theme.logoUrl ? `<img src="${escapeHtml(organisation.theme.logoUrl)}" alt="">` : '';
  const closeButton =
    options.mode === 'panel' ? `<button type="button" id="svc-close" ${close.label}><span aria-hidden="true">×</span></button>` : '';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(organisation.theme.botName)}</title>
<link rel="icon" href="data:,">
<style${nonce}>${style(organisation.theme.accentColor)}</style>
</head>
<body>
<div class="chat">
<header>${logo}<h1>${escapeHtml(organisation.theme.botName)}</h1><a href="${escapeHtml(privacyUrl)}" target="_blank" rel="noopener" ${privacy.text}>${escapeHtml(privacy.shown)}</a>${closeButton}</header>
<main ${region.label}>
<div id="svc-webchat"></div>
<p id="svc-status" class="status" role="status" aria-live="polite" ${loading.text}>${escapeHtml(loading.shown)}</p>
<noscript><p class="status">${escapeHtml(TEXT.noScript[language])}</p></noscript>
</main>
</div>
<script type="application/json" id="svc-config">${jsonForScript(config)}</script>
<script src="${escapeHtml(options.webChatScriptUrl)}"${nonce}></script>
<script src="${escapeHtml(options.chatScriptUrl)}"${nonce}></script>
</body>
</html>
`;
}

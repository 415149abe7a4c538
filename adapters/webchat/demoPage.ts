import { escapeHtml, jsonForScript } from '../web/html';

/** What the demo page shows and where it loads the widget from. */
export interface DemoPageOptions {
  /** Page and heading title. */
  readonly title: string;
  /** The bot's display name (avatar initials, the chat region's label). */
  readonly botName: string;
  /** URL of botframework-webchat's dist/webchat.js, as the server serves it. */
  readonly webChatScriptUrl: string;
  /** BCP 47 language of the page and the widget; Swedish unless it starts with "en". Default 'sv-SE'. */
  readonly locale?: string;
  /** CSP nonce put on the page's own script and style (and handed to Web Chat for its styles). */
  readonly nonce?: string;
}

/** localStorage key of the page's web-chat token; sending it back keeps the learner on reload. */
export const WEB_CHAT_TOKEN_STORAGE_KEY = 'svc.webchat.token';

interface PageText {
  readonly intro: string;
  readonly points: readonly string[];
  readonly chatLabel: string;
  readonly loading: string;
  readonly failed: string;
  readonly noScript: string;
  readonly userInitials: string;
}

const TEXT: Record<'sv' | 'en', PageText> = {
  sv: {
    intro:
      'Ett affärsutvecklingsprogram för sociala entreprenörer, i chatten. Steg för steg går du från samhällsutmaning till idé, affärsmodell, effektmätning, tillväxt och affärer med offentlig sektor.',
    points: ['Korta lektioner och frågor', 'Återkoppling på dina svar', 'Fortsätt där du slutade'],
    chatLabel: 'Chatt med',
    loading: 'Ansluter till chatten …',
    failed: 'Chatten kunde inte startas. Ladda om sidan om en stund.',
    noScript: 'Chatten behöver JavaScript.',
    userInitials: 'Du',
  },
  en: {
    intro:
      'A business-development programme for social entrepreneurs, in a chat. Step by step you go from a societal challenge to an idea, a business model, impact measurement, growth and working with the public sector.',
    points: ['Short lessons and questions', 'Feedback on your answers', 'Pick up where you left off'],
    chatLabel: 'Chat with',
    loading: 'Connecting to the chat …',
    failed: 'The chat could not start. Please reload the page in a moment.',
    noScript: 'The chat needs JavaScript.',
    userInitials: 'You',
  },
};

const STYLE = `
:root { color-scheme: light; --ink: #1d2b28; --muted: #4a5a56; --accent: #1f6f5c; --paper: #f4f7f5; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
.layout { display: grid; gap: 1.5rem; max-width: 72rem; min-height: 100%; margin: 0 auto; padding: 1.5rem; grid-template-columns: minmax(0, 22rem) minmax(0, 1fr); align-items: start; }
header h1 { margin: 0 0 .75rem; font-size: 1.75rem; line-height: 1.2; }
header p { margin: 0 0 1rem; color: var(--muted); }
header ul { margin: 0; padding-left: 1.1rem; color: var(--muted); }
header li::marker { color: var(--accent); }
.chat { position: relative; height: calc(100vh - 3rem); height: calc(100dvh - 3rem); min-height: 28rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); overflow: hidden; }
#webchat { height: 100%; }
.status { position: absolute; inset: 0; display: grid; place-items: center; margin: 0; padding: 1rem; text-align: center; color: var(--muted); }
.status[hidden] { display: none; }
@media (max-width: 48rem) {
  .layout { display: flex; flex-direction: column; height: 100vh; height: 100dvh; padding: .75rem; gap: .75rem; }
  header h1 { font-size: 1.3rem; margin-bottom: .25rem; }
  header p { margin: 0; font-size: .95rem; }
  header ul { display: none; }
  .chat { flex: 1 1 auto; height: auto; min-height: 20rem; }
}
`;

/**
 * The web-chat demo page: a short introduction beside the stock Web Chat widget, which talks to this
 * server's own Direct Line endpoint. The page keeps its token in localStorage and trades it in at
 * POST /api/webchat/session, so a reload continues the same learner and conversation.
 */
export function renderDemoPage(options: DemoPageOptions): string {
  const locale = options.locale ?? 'sv-SE';
  const text = TEXT[locale.toLowerCase().startsWith('en') ? 'en' : 'sv'];
  const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
  const config = {
    locale,
    storageKey: WEB_CHAT_TOKEN_STORAGE_KEY,
    failed: text.failed,
    styleOptions: {
      accent: '#1f6f5c',
      primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      backgroundColor: '#ffffff',
      bubbleBackground: '#eef3f1',
      bubbleBorderWidth: 0,
      bubbleBorderRadius: 12,
      bubbleFromUserBackground: '#1f6f5c',
      bubbleFromUserTextColor: '#ffffff',
      bubbleFromUserBorderWidth: 0,
      bubbleFromUserBorderRadius: 12,
      botAvatarInitials: initials(options.botName),
      botAvatarBackgroundColor: '#1f6f5c',
      userAvatarInitials: text.userInitials,
      hideUploadButton: true,
      sendBoxBorderTop: 'solid 1px #dde5e2',
      suggestedActionLayout: 'flow',
      suggestedActionBorderRadius: 16,
      suggestedActionBorderColor: '#1f6f5c',
      suggestedActionTextColor: '#1f6f5c',
    },
  };

  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<style${nonce}>${STYLE}</style>
</head>
<body>
<div class="layout">
<header>
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
<ul>${text.points.map((point) => `<li>${escapeHtml(point)}</li>`).join('')}</ul>
</header>
<main class="chat" aria-label="${escapeHtml(`${text.chatLabel} ${options.botName}`)}">
<div id="webchat"></div>
<p id="webchat-status" class="status" role="status" aria-live="polite">${escapeHtml(text.loading)}</p>
<noscript><p class="status">${escapeHtml(text.noScript)}</p></noscript>
</main>
</div>
<script type="application/json" id="webchat-config">${jsonForScript(config)}</script>
<script src="${escapeHtml(options.webChatScriptUrl)}"${nonce}></script>
<script${nonce}>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

// Runs in the browser. Kept small and free of inline event handlers so the CSP needs no 'unsafe-inline'.
const PAGE_SCRIPT = `
(function () {
  var nonce = document.currentScript && document.currentScript.nonce;
  var config = JSON.parse(document.getElementById('webchat-config').textContent);
  var status = document.getElementById('webchat-status');
  function remembered() { try { return localStorage.getItem(config.storageKey); } catch (e) { return null; } }
  function remember(token) { try { localStorage.setItem(config.storageKey, token); } catch (e) { /* private mode */ } }
  var previous = remembered();
  fetch('/api/webchat/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(previous ? { token: previous } : {})
  }).then(function (response) {
    if (!response.ok) throw new Error('session ' + response.status);
    return response.json();
  }).then(function (session) {
    remember(session.token);
    var directLine = window.WebChat.createDirectLine({
      domain: location.origin + '/v3/directline',
      webSocket: false,
      token: session.token,
      conversationStartProperties: { locale: config.locale }
    });
    window.WebChat.renderWebChat({
      directLine: directLine,
      userID: session.userId,
      locale: config.locale,
      nonce: nonce || undefined,
      styleOptions: config.styleOptions
    }, document.getElementById('webchat'));
    status.hidden = true;
  }).catch(function () {
    status.textContent = config.failed;
  });
})();
`;

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  return letters.slice(0, 2) || 'B';
}

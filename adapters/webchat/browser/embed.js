/*
 * The programme's embed for a cooperative's website, added with one line:
 *   <script async src="https://BOT/embed.js" data-org="SLUG"></script>
 * Options: data-mode="inline" data-target="#element" renders the chat inside that element instead of behind a
 * launcher button; data-lang="sv|en" overrides the organisation's language.
 * The chat itself runs in an iframe served by the bot's origin (its CSS, scripts and storage stay apart from the host
 * page's); nothing heavy loads until the learner opens it. Sets no cookies; adds one global, window.SocialVentureCoach.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.SocialVentureCoach) return;
  var organisation = script.getAttribute('data-org') || '';
  var mode = script.getAttribute('data-mode') === 'inline' ? 'inline' : 'launcher';
  var botOrigin = new URL(script.src, location.href).origin;
  var requestedLanguage = (script.getAttribute('data-lang') || '').slice(0, 2).toLowerCase();
  var pageLanguage = (document.documentElement.lang || '').slice(0, 2).toLowerCase();

  function known(language) {
    return language === 'sv' || language === 'en';
  }

  var state = { open: false, unread: 0, frame: null, frameLoaded: false, launcher: null, panel: null, badge: null, settings: null };

  function warn(message) {
    if (window.console) window.console.warn('Social venture coach: ' + message);
  }

  function chatUrl(language) {
    return botOrigin + '/embed/' + encodeURIComponent(organisation) + '?mode=' + mode + '&lang=' + language;
  }

  function createFrame(language, title) {
    var frame = document.createElement('iframe');
    frame.src = chatUrl(language);
    frame.title = title;
    // The bot checks which website frames its chat; the host page's own referrer policy must not hide it.
    frame.referrerPolicy = 'origin';
    frame.setAttribute('allow', 'clipboard-write');
    frame.style.cssText = 'border:0;width:100%;height:100%;display:block;background:#fff;';
    return frame;
  }

  var STYLE = [
    ':host{all:initial}',
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 18px;',
    'border:0;border-radius:24px;color:#fff;font:600 16px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;cursor:pointer;',
    'box-shadow:0 2px 6px rgba(0,0,0,.2),0 8px 24px rgba(0,0,0,.15)}',
    '.launcher:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}',
    '.badge{min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#fff;color:#1a1a1a;font-size:13px;line-height:22px;text-align:center}',
    '.badge[hidden]{display:none}',
    '.panel{position:fixed;right:20px;bottom:84px;z-index:2147483001;width:400px;height:min(640px,calc(100vh - 104px));border-radius:12px;overflow:hidden;',
    'box-shadow:0 4px 12px rgba(0,0,0,.2),0 16px 48px rgba(0,0,0,.2);background:#fff}',
    '.panel[hidden]{display:none}',
    '@media (max-width:600px){.panel{inset:0;width:auto;height:auto;border-radius:0}.open .launcher{display:none}}',
  ].join('');

  // A constructed style sheet is not inline style to the host page's CSP, so a strict policy needs no 'unsafe-inline'.
  function adoptStyle(root) {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sheet];
      return;
    }
    var style = document.createElement('style');
    style.textContent = STYLE;
    root.appendChild(style);
  }

  function buildLauncher(settings) {
    var host = document.createElement('div');
    host.setAttribute('data-social-venture-coach', '');
    var root = host.attachShadow({ mode: 'open' });
    adoptStyle(root);
    var wrapper = document.createElement('div');
    var launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.style.background = settings.accentColor;
    launcher.style.color = settings.textColor;
    launcher.setAttribute('aria-expanded', 'false');
    var label = document.createElement('span');
    label.textContent = settings.launcherLabel[settings.language];
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.hidden = true;
    launcher.appendChild(label);
    launcher.appendChild(badge);
    var panel = document.createElement('div');
    panel.className = 'panel';
    panel.id = 'svc-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', settings.launcherLabel[settings.language]);
    launcher.setAttribute('aria-controls', 'svc-panel');
    launcher.addEventListener('click', toggle);
    wrapper.appendChild(launcher);
    wrapper.appendChild(panel);
    root.appendChild(wrapper);
    document.body.appendChild(host);
    state.launcher = launcher;
    state.panel = panel;
    state.badge = badge;
    state.wrapper = wrapper;
  }

  function updateBadge() {
    if (!state.badge) return;
    state.badge.hidden = state.unread === 0;
    state.badge.textContent = String(state.unread);
    var label = state.settings.launcherLabel[state.settings.language];
    state.launcher.setAttribute(
      'aria-label',
      state.unread > 0 ? label + ' (' + state.settings.unreadLabel[state.settings.language].replace('{count}', state.unread) + ')' : label,
    );
  }

  function open() {
    if (mode === 'inline' || !state.panel || state.open) return;
    if (!state.frame) {
      state.frame = createFrame(state.settings.chatLanguage, state.settings.launcherLabel[state.settings.language]);
      // Until the chat page has loaded, the frame holds about:blank, which would not receive a message for the bot's origin.
      state.frame.addEventListener(
        'load',
        function () {
          state.frameLoaded = true;
          focusChat();
        },
        { once: true },
      );
      state.panel.appendChild(state.frame);
    }
    state.open = true;
    state.panel.hidden = false;
    state.wrapper.className = 'open';
    state.launcher.setAttribute('aria-expanded', 'true');
    state.unread = 0;
    updateBadge();
    state.frame.focus();
    focusChat();
  }

  /** Asks the chat page to put the focus in its send box (it waits for the widget if it is not there yet). */
  function focusChat() {
    if (state.open && state.frameLoaded) state.frame.contentWindow.postMessage({ type: 'svc:focus' }, botOrigin);
  }

  function close() {
    if (mode === 'inline' || !state.panel || !state.open) return;
    state.open = false;
    state.panel.hidden = true;
    state.wrapper.className = '';
    state.launcher.setAttribute('aria-expanded', 'false');
    state.launcher.focus();
  }

  function toggle() {
    if (state.open) close();
    else open();
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== botOrigin || !state.frame || event.source !== state.frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === 'svc:close') close();
    if (data.type === 'svc:bot-message' && !state.open && mode !== 'inline') {
      state.unread += 1;
      updateBadge();
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && state.open) close();
  });

  function start(settings) {
    // The chat speaks data-lang, else the organisation's language; the launcher is named in the page's own language.
    settings.chatLanguage = known(requestedLanguage) ? requestedLanguage : settings.defaultLanguage;
    settings.language = known(requestedLanguage) ? requestedLanguage : known(pageLanguage) ? pageLanguage : settings.defaultLanguage;
    state.settings = settings;
    if (mode === 'inline') {
      var target = document.querySelector(script.getAttribute('data-target') || '');
      if (!target) return warn('data-target names no element on this page');
      state.frame = createFrame(settings.chatLanguage, settings.launcherLabel[settings.language]);
      target.appendChild(state.frame);
      return;
    }
    buildLauncher(settings);
  }

  window.SocialVentureCoach = Object.freeze({ open: open, close: close, toggle: toggle });

  fetch(botOrigin + '/embed/' + encodeURIComponent(organisation) + '/settings', { credentials: 'omit', referrerPolicy: 'origin' })
    .then(function (response) {
      if (response.ok) return response.json();
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (body) {
          var said = body && body.error && body.error.message ? body.error.message + ' ' : '';
          var hint = {
            403: 'the organisation file of "' + organisation + '" must list ' + location.origin + ' in allowedOrigins',
            404: 'data-org="' + organisation + '" names no organisation of this bot',
          }[response.status];
          throw new Error(said + '(' + response.status + (hint ? ': ' + hint : '') + ')');
        });
    })
    .then(function (settings) {
      if (document.body) start(settings);
      else
        document.addEventListener('DOMContentLoaded', function () {
          start(settings);
        });
    })
    .catch(function (error) {
      warn(error.message);
    });
})();

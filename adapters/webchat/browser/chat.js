/*
 * The chat page (GET /embed/:org): the stock Web Chat widget on the bot's own Direct Line endpoint, themed for the
 * organisation. It keeps the learner's token in the bot origin's storage (one per organisation), so a later visit
 * to the same site continues the same conversation; it follows the learner's language (the bot marks each activity
 * with it) and tells the embedding page when to close and when the bot has written.
 */
(function () {
  'use strict';
  var nonce = document.currentScript && document.currentScript.nonce;
  var config = JSON.parse(document.getElementById('svc-config').textContent);
  var status = document.getElementById('svc-status');
  var storageKey = 'svc.webchat.token.' + config.organisationId;
  var locale = config.locale;

  function post(message) {
    if (config.hostOrigin && window.parent !== window) window.parent.postMessage(message, config.hostOrigin);
  }
  function remembered() {
    try {
      return localStorage.getItem(storageKey);
    } catch {
      return null;
    }
  }
  function remember(token) {
    try {
      localStorage.setItem(storageKey, token);
    } catch {
      /* private mode: the conversation lasts as long as the page */
    }
  }
  function short(tag) {
    return tag.slice(0, 2) === 'en' ? 'en' : 'sv';
  }
  function translatePage() {
    var language = short(locale);
    document.documentElement.lang = language;
    var labels = document.querySelectorAll('[data-text-sv]');
    for (var i = 0; i < labels.length; i += 1) labels[i].textContent = labels[i].getAttribute('data-text-' + language);
    var titled = document.querySelectorAll('[data-label-sv]');
    for (var j = 0; j < titled.length; j += 1) titled[j].setAttribute('aria-label', titled[j].getAttribute('data-label-' + language));
  }

  var closeButton = document.getElementById('svc-close');
  if (closeButton)
    closeButton.addEventListener('click', function () {
      post({ type: 'svc:close' });
    });
  // Captured, so that Escape closes the panel wherever in the widget the focus is.
  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key === 'Escape') post({ type: 'svc:close' });
    },
    true,
  );
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== 'svc:focus') return;
    focusSendBox();
  });

  /**
   * The bot links its own files (the learner's export) by path, since this page is on its origin; Web Chat offers a
   * file for download only when its address is absolute.
   */
  function withAbsoluteFileLinks(action) {
    var activity = action.payload.activity;
    if (!activity.attachments || !activity.attachments.some(isPathLink)) return action;
    var attachments = activity.attachments.map(function (attachment) {
      return isPathLink(attachment)
        ? Object.assign({}, attachment, { contentUrl: new URL(attachment.contentUrl, location.origin).href })
        : attachment;
    });
    var payload = Object.assign({}, action.payload, { activity: Object.assign({}, activity, { attachments: attachments }) });
    return Object.assign({}, action, { payload: payload });
  }
  function isPathLink(attachment) {
    return typeof attachment.contentUrl === 'string' && attachment.contentUrl.charAt(0) === '/' && attachment.contentUrl.charAt(1) !== '/';
  }

  /** Focuses the send box, or does so as soon as the widget has rendered it. */
  function focusSendBox() {
    var selector = '[data-id="webchat-sendbox-input"]';
    var input = document.querySelector(selector);
    if (input) return input.focus();
    var observer = new MutationObserver(function () {
      var rendered = document.querySelector(selector);
      if (!rendered) return;
      observer.disconnect();
      rendered.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  var previous = remembered();
  fetch('/api/webchat/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant: config.grant, token: previous || undefined }),
  })
    .then(function (response) {
      if (!response.ok) throw new Error('session ' + response.status);
      return response.json();
    })
    .then(function (session) {
      remember(session.token);
      var directLine = window.WebChat.createDirectLine({
        domain: location.origin + '/v3/directline',
        webSocket: false,
        token: session.token,
        conversationStartProperties: { locale: locale },
      });
      var render = function () {
        translatePage();
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: store,
            userID: session.userId,
            locale: locale,
            nonce: nonce || undefined,
            styleOptions: config.styleOptions,
          },
          document.getElementById('svc-webchat'),
        );
      };
      var store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              action = withAbsoluteFileLinks(action);
              var activity = action.payload.activity;
              if (activity.from && activity.from.role === 'bot') {
                if (activity.type === 'message') post({ type: 'svc:bot-message' });
                if (activity.locale && activity.locale !== locale) {
                  locale = activity.locale;
                  setTimeout(render, 0);
                }
              }
            }
            return next(action);
          };
        };
      });
      render();
      status.hidden = true;
    })
    .catch(function () {
      status.textContent = config.failed[short(locale)];
    });
})();

/*
 * The chat page (GET /embed/:org): the stock Web Chat widget on the bot's own Direct Line endpoint, themed for the
 * organisation. It keeps the learner's resume key in the bot origin's storage (one per organisation), so a later visit
 * to the same site continues the same conversation; it follows the learner's language (the bot marks each activity
 * with it) and tells the embedding page when to close and when the bot has written.
 *
 * The widget talks to the bot through connectDirectLine below (the Direct Line interface Web Chat accepts: activity$,
 * connectionStatus$, postActivity, end), which keeps the conversation going when the bot restarts or a request fails:
 * it comes back with the resume key, continues polling from its watermark and sends what was not taken in yet, so a
 * message shown as "send failed" during a long outage turns to sent once it is delivered. When the learner's data is deleted the bot says the
 * conversation has ended; the page then forgets its key and starts afresh.
 */
(function () {
  'use strict';
  var nonce = document.currentScript && document.currentScript.nonce;
  var config = JSON.parse(document.getElementById('svc-config').textContent);
  var status = document.getElementById('svc-status');
  var storageKey = 'svc.webchat.resume.' + config.organisationId;
  // The first release kept the access token itself; it brings its learner back once.
  var legacyStorageKey = 'svc.webchat.token.' + config.organisationId;
  var ENDED_EVENT = 'svc/conversation-ended';
  var FAREWELL_MS = 2000;
  var locale = config.locale;

  function post(message) {
    if (config.hostOrigin && window.parent !== window) window.parent.postMessage(message, config.hostOrigin);
  }
  function remembered(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }
  function remember(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
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

  /** A minimal observable subject, as Web Chat subscribes to one: subscribe({ next }) → { unsubscribe }. */
  function subject(initial) {
    var observers = [];
    var current = { value: initial };
    return {
      get value() {
        return current.value;
      },
      next: function (value) {
        current.value = value;
        observers.slice().forEach(function (observer) {
          if (observer.next) observer.next(value);
        });
      },
      subscribe: function (observer, replay) {
        var subscriber = typeof observer === 'function' ? { next: observer } : observer || {};
        observers.push(subscriber);
        if (replay && subscriber.next) subscriber.next(current.value);
        return {
          unsubscribe: function () {
            observers = observers.filter(function (other) {
              return other !== subscriber;
            });
          },
        };
      },
    };
  }

  var CONNECTING = 1;
  var ONLINE = 2;
  var ENDED = 5;
  var POLL_MS = 1000;
  var REFRESH_MS = 15 * 60 * 1000;
  var BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

  /** A failed request; `permanent` when sending it again cannot help (the bot refused the activity itself). */
  function requestError(status, permanent) {
    var error = new Error('request failed (' + status + ')');
    error.status = status;
    error.permanent = permanent;
    return error;
  }

  /**
   * A Direct Line connection for one conversation (see the top of this file). `reopen` gets a new session with the
   * resume key; when it names another conversation (the learner's own has ended), `onReplaced` is told.
   */
  function connectDirectLine(session, reopen, onReplaced) {
    var token = session.token;
    var conversationId = session.conversationId;
    var watermark = '';
    var started = false;
    var ended = false;
    var failures = 0;
    var timer = null;
    var refreshTimer = null;
    var recovering = false;
    var waiting = []; // posts not taken in yet: { activity, observer, sending, done }
    var connectionStatus$ = subject(0);
    var activities = subject(undefined);
    var activity$ = {
      subscribe: function (observer) {
        var subscription = activities.subscribe(observer, false);
        if (connectionStatus$.value === 0) connect();
        return subscription;
      },
    };

    function request(method, path, body) {
      return fetch(location.origin + '/v3/directline' + path, {
        method: method,
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(function (response) {
        if (response.ok) return response.json();
        // 400 and 413: the activity itself is refused; anything else is worth a new session and another try.
        throw requestError(response.status, response.status === 400 || response.status === 413);
      });
    }

    // Once online, the widget is never told of a reconnect: Web Chat would cancel the posts on their way (and show them
    // as failed for good); they wait instead, and complete once the connection is back.
    function setStatus(value) {
      if (connectionStatus$.value === value || ended || (value === CONNECTING && started)) return;
      connectionStatus$.next(value);
    }

    function connect() {
      setStatus(CONNECTING);
      var opening = started
        ? request('GET', '/conversations/' + encodeURIComponent(conversationId) + '?watermark=' + encodeURIComponent(watermark))
        : request('POST', '/conversations', { locale: locale });
      opening.then(function () {
        started = true;
        failures = 0;
        setStatus(ONLINE);
        scheduleRefresh();
        poll(true);
      }, recover);
    }

    /** One poll; after a reconnect (`catchingUp`), what was taken in before the failure is recognised, the rest sent again. */
    function poll(catchingUp) {
      clearTimeout(timer);
      if (ended) return;
      request('GET', '/conversations/' + encodeURIComponent(conversationId) + '/activities?watermark=' + encodeURIComponent(watermark)).then(
        function (page) {
          if (ended) return;
          if (page.watermark) watermark = page.watermark;
          page.activities.forEach(function (activity) {
            settle(activity);
            activities.next(activity);
          });
          if (catchingUp) flush();
          timer = setTimeout(poll, POLL_MS);
        },
        recover,
      );
    }

    /** A learner's message seen in the stream was taken in: its post is done, whoever sent it. */
    function settle(activity) {
      var id = activity.channelData && activity.channelData.clientActivityID;
      if (!id || !activity.from || activity.from.role !== 'user') return;
      waiting = waiting.filter(function (item) {
        var same = item.activity.channelData && item.activity.channelData.clientActivityID === id;
        if (same) done(item, activity.id);
        return !same;
      });
    }

    function done(item, id) {
      if (item.done) return;
      item.done = true;
      if (item.observer.next) item.observer.next(id);
      if (item.observer.complete) item.observer.complete();
    }

    function flush() {
      waiting.slice().forEach(send);
    }

    function forget(item) {
      waiting = waiting.filter(function (other) {
        return other !== item;
      });
    }

    function send(item) {
      if (item.sending || item.done || connectionStatus$.value !== ONLINE) return;
      item.sending = true;
      request('POST', '/conversations/' + encodeURIComponent(conversationId) + '/activities', item.activity).then(
        function (result) {
          forget(item);
          done(item, result.id);
        },
        function (error) {
          item.sending = false;
          if (!error.permanent) return recover();
          forget(item);
          item.done = true;
          if (item.observer.error) item.observer.error(error);
        },
      );
    }

    function scheduleRefresh() {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(function () {
        request('POST', '/tokens/refresh').then(function (refreshed) {
          token = refreshed.token;
          scheduleRefresh();
        }, recover);
      }, REFRESH_MS);
    }

    /** Comes back with a new session after a pause that grows with each failure. */
    function recover() {
      if (ended || recovering) return;
      recovering = true;
      clearTimeout(timer);
      setStatus(CONNECTING);
      var pause = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
      failures += 1;
      setTimeout(function () {
        if (ended) return;
        reopen().then(
          function (next) {
            recovering = false;
            if (next.conversationId !== conversationId) return onReplaced(next);
            token = next.token;
            connect();
          },
          function () {
            recovering = false;
            recover();
          },
        );
      }, pause);
    }

    return {
      activity$: activity$,
      connectionStatus$: {
        subscribe: function (observer) {
          return connectionStatus$.subscribe(observer, true);
        },
      },
      get token() {
        return token;
      },
      postActivity: function (activity) {
        return {
          subscribe: function (observer) {
            var item = { activity: activity, observer: observer || {} };
            waiting.push(item);
            send(item);
            return { unsubscribe: function () {} };
          },
        };
      },
      end: function () {
        if (ended) return;
        connectionStatus$.next(ENDED);
        ended = true;
        clearTimeout(timer);
        clearTimeout(refreshTimer);
      },
    };
  }

  /** A session for this page: the returning learner's, when the stored key still opens it; else a new learner's. */
  function openSession() {
    var resume = remembered(storageKey);
    var legacy = resume ? null : remembered(legacyStorageKey);
    return fetch('/api/webchat/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant: config.grant, resume: resume || undefined, token: legacy || undefined }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error('session ' + response.status);
        return response.json();
      })
      .then(function (session) {
        remember(storageKey, session.resume);
        remember(legacyStorageKey, null);
        return session;
      });
  }

  var current = null; // { session, directLine, store }

  function render() {
    translatePage();
    window.WebChat.renderWebChat(
      {
        directLine: current.directLine,
        store: current.store,
        userID: current.session.userId,
        locale: locale,
        nonce: nonce || undefined,
        styleOptions: config.styleOptions,
      },
      document.getElementById('svc-webchat'),
    );
  }

  /** Shows the conversation of this session in a new, empty transcript. */
  function begin(session) {
    if (current) current.directLine.end();
    var mine = { session: session, directLine: null, store: null };
    mine.directLine = connectDirectLine(session, openSession, begin);
    mine.store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && current === mine) {
            action = withAbsoluteFileLinks(action);
            var activity = action.payload.activity;
            if (activity.from && activity.from.role === 'bot') {
              if (activity.type === 'message') post({ type: 'svc:bot-message' });
              if (activity.type === 'event' && activity.name === ENDED_EVENT) endConversation();
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
    current = mine;
    render();
    status.hidden = true;
  }

  /**
   * The learner's data was deleted: the key is forgotten at once, and after a moment (to read the bot's last words) the
   * transcript goes and a new conversation starts.
   */
  function endConversation() {
    var ending = current;
    if (!ending || ending.ended) return;
    ending.ended = true;
    remember(storageKey, null);
    remember(legacyStorageKey, null);
    setTimeout(function () {
      ending.directLine.end();
      openSession().then(begin, failed);
    }, FAREWELL_MS);
  }

  function failed() {
    status.hidden = false;
    status.textContent = config.failed[short(locale)];
    setTimeout(function () {
      openSession().then(begin, failed);
    }, 5000);
  }

  openSession().then(begin, failed);
})();

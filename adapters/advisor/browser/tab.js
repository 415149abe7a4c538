// The advisor Teams tab: signs in with the Teams single sign-on token, then opens the dashboard in the tab. Outside
// Teams, or when Teams does not answer, it shows the way to the web sign-in instead.
(function () {
  'use strict';
  var status = document.getElementById('tab-status');
  var fallback = document.getElementById('tab-fallback');
  function showFallback(failed) {
    if (failed && status) status.textContent = status.getAttribute('data-failed');
    else if (status) status.hidden = true;
    if (fallback) fallback.hidden = false;
  }
  // A top-level page is not in Teams: initialize() would reject at once. In a frame that is not Teams it would hang for
  // a minute, hence the timeout.
  var inHost = window.parent !== window || Boolean(window.opener) || Boolean(window.nativeInterface);
  var teams = window.microsoftTeams;
  if (!inHost || !teams) {
    showFallback(false);
    return;
  }
  var timeout = new Promise(function (_resolve, reject) {
    setTimeout(function () {
      reject(new Error('Teams did not answer'));
    }, 5000);
  });
  Promise.race([teams.app.initialize(), timeout])
    .then(function () {
      return teams.authentication.getAuthToken();
    })
    .then(function (token) {
      return fetch('/advisor/tab/session', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, credentials: 'include' });
    })
    .then(function (response) {
      if (!response.ok) throw new Error('sign-in refused: ' + response.status);
      window.location.replace('/advisor');
    })
    .catch(function () {
      showFallback(true);
    });
})();

// Submits the sign-in link's form at once; without JavaScript the advisor presses the button.
(function () {
  'use strict';
  var form = document.getElementById('sign-in');
  if (form) form.submit();
})();

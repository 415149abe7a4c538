// The learner page's print button (one artefact per A4 page, see the print stylesheet).
(function () {
  'use strict';
  var button = document.getElementById('print');
  if (button)
    button.addEventListener('click', function () {
      window.print();
    });
})();

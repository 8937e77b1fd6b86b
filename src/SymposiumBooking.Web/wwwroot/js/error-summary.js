// A refused form comes back with an error summary at the top. Focus it, so a screen reader reads it and the
// keyboard starts there (the autofocus attribute does this too, where the browser honours it on a div), and make
// each of its links put the caret in the input it names, with that input's label in view.
(() => {
  'use strict';
  const summary = document.querySelector('[data-error-summary]');
  if (!summary) {
    return;
  }

  if (document.activeElement !== summary) {
    summary.focus();
  }

  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    // A group of radios or checkboxes is linked by its fieldset: the caret goes to its first answer.
    const input = target && target.matches('fieldset') ? target.querySelector('input') : target;
    if (!input) {
      return;
    }

    event.preventDefault();
    const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    (target.matches('fieldset') ? target : label || input).scrollIntoView({ block: 'start' });
    input.focus({ preventScroll: true });
  });
})();

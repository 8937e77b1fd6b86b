// The shift form's Preview button works without JavaScript (a POST that redraws the page). With JavaScript, the
// preview comes from the API instead and follows the form as it changes: the slots are written into the
// aria-live region under the buttons, in the same markup as Organize/_SlotList.cshtml.
(() => {
  'use strict';
  const form = document.querySelector('form[data-shift-form]');
  const region = document.getElementById('shift-preview');
  if (!form || !region || !window.fetch || !window.AbortController) {
    return;
  }

  const button = form.querySelector('[data-preview-button]');
  // The API takes the staff cookie only with the page's antiforgery token in this header (docs/adr/0050).
  const antiforgery = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const value = (id) => (document.getElementById(id)?.value ?? '').trim();
  const whole = (id) => Number.parseInt(value(id), 10) || 0;
  let pending = null;
  let timer = 0;

  function body() {
    const breaks = [];
    for (let row = 0; row < 3; row++) {
      const start = value(`breaks-${row}-start`);
      const end = value(`breaks-${row}-end`);
      if (start || end) {
        breaks.push({ start, end });
      }
    }

    return {
      date: value('date'),
      start: value('start'),
      end: value('end'),
      sessionMinutes: whole('session-minutes'),
      bufferMinutes: whole('buffer-minutes'),
      breaks,
      location: value('location'),
    };
  }

  // Typing is still going on while a required field is empty: only the button asks with a half-filled form.
  const complete = () =>
    ['therapist-id', 'date', 'start', 'end', 'session-minutes', 'buffer-minutes', 'location']
      .every((id) => value(id) !== '');

  // "2027-01-08T09:00:00-06:00" → "9:00 AM": the venue's wall clock as the API wrote it, whatever this device's zone.
  function clock(iso) {
    const [, hh, mm] = /T(\d{2}):(\d{2})/.exec(iso) ?? [];
    if (hh === undefined) {
      return iso;
    }

    const hours = Number(hh);
    return `${hours % 12 === 0 ? 12 : hours % 12}:${mm} ${hours < 12 ? 'AM' : 'PM'}`;
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }

    if (text !== undefined) {
      e.textContent = text;
    }

    return e;
  }

  function showSlots(slots) {
    const count = element('p', 'preview-count', `This shift gives ${slots.length} ${slots.length === 1 ? 'slot' : 'slots'}:`);
    const list = element('ol', 'slot-list');
    for (const slot of slots) {
      list.append(element('li', '', `${clock(slot.startsAt)} – ${clock(slot.endsAt)}`));
    }

    region.replaceChildren(count, list);
  }

  function showProblem(text, details) {
    const box = element('div', 'preview-problem');
    box.append(element('p', '', `No preview yet: ${text}`));
    if (details.length > 0) {
      const list = element('ul');
      for (const line of details) {
        list.append(element('li', '', line));
      }

      box.append(list);
    }

    region.replaceChildren(box);
  }

  async function preview() {
    const therapist = value('therapist-id');
    if (!therapist) {
      showProblem('choose the therapist first.', []);
      return;
    }

    pending?.abort();
    const mine = new AbortController();
    pending = mine;
    region.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(form.dataset.previewUrl.replace('{therapistId}', encodeURIComponent(therapist)), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: antiforgery },
        credentials: 'same-origin',
        body: JSON.stringify(body()),
        signal: mine.signal,
      });
      if (response.ok) {
        showSlots((await response.json()).slots);
      } else if (response.status === 401 || response.status === 403) {
        showProblem('your sign-in has expired. Sign in again, then preview.', []);
      } else {
        const problem = await response.json().catch(() => ({}));
        const details = Object.values(problem.errors ?? {}).flat().filter((m) => m !== problem.detail);
        showProblem(problem.detail ?? 'the shift could not be checked.', details);
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        showProblem('the server could not be reached. Use the Preview slots button again.', []);
      }
    } finally {
      if (pending === mine) {
        pending = null;
        region.removeAttribute('aria-busy');
      }
    }
  }

  button?.addEventListener('click', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    preview();
  });

  const follow = () => {
    clearTimeout(timer);
    if (complete()) {
      timer = setTimeout(preview, 400);
    }
  };
  form.addEventListener('input', follow);
  form.addEventListener('change', follow);
})();

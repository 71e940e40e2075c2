'use strict';
// Renders the server's events. Everything from a transcript goes in through textContent, title or a CSS
// property, never as markup, so a transcript cannot inject HTML or script.
(() => {
  const main = document.getElementById('streams');
  const empty = document.getElementById('empty');
  const status = document.getElementById('status');
  const count = document.getElementById('count');
  const cards = new Map();
  let maxFinals = 20;

  const seconds = ms => (ms / 1000).toFixed(2);
  const millis = ms => (ms === null || ms === undefined ? '–' : `${ms} ms`);

  function setStatus(text, cls) {
    status.textContent = text;
    status.className = `status ${cls}`;
  }

  function showCount() {
    empty.hidden = cards.size > 0;
    count.textContent = cards.size === 1 ? '1 stream' : `${cards.size} streams`;
  }

  function element(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function figure(list, name, cls) {
    const div = element('div');
    div.append(element('dt', null, name), element('dd', cls, '–'));
    list.append(div);
  }

  function card(id) {
    let c = cards.get(id);
    if (c) return c;
    const root = element('section', 'stream live');
    root.dataset.stream = id;
    const head = element('header');
    const figures = element('dl', 'figures');
    figure(figures, 'audio', 'audio');
    figure(figures, 'pipeline', 'pipeline');
    figure(figures, 'delivery', 'delivery');
    head.append(element('h2', null, id), element('span', 'state', 'live'), figures);
    c = { root, finals: element('div', 'finals'), partial: element('p', 'partial'), figures };
    root.append(head, c.finals, c.partial);
    main.prepend(root);
    cards.set(id, c);
    showCount();
    return c;
  }

  function words(target, u) {
    target.replaceChildren();
    if (!u.words.length) {
      target.textContent = u.text;
      return;
    }
    u.words.forEach((w, i) => {
      const span = element('span', 'word', w.word);
      const confidence = Math.min(1, Math.max(0, Number(w.confidence) || 0));
      span.style.setProperty('--confidence', confidence.toFixed(3));
      span.title = `${w.word}: ${seconds(w.startMs)}–${seconds(w.endMs)} s, confidence ${confidence.toFixed(2)}`;
      if (i > 0) target.append(' ');
      target.append(span);
    });
  }

  function update(u) {
    const c = card(u.streamId);
    c.figures.querySelector('.audio').textContent = `${seconds(u.audioMs)} s`;
    c.figures.querySelector('.pipeline').textContent = millis(u.pipelineMs);
    c.figures.querySelector('.delivery').textContent = millis(u.deliveryMs);
    c.root.classList.toggle('ended', u.eos);
    c.root.querySelector('.state').textContent = u.eos ? 'ended' : 'live';
    if (u.type !== 'final') {
      c.partial.dataset.utterance = u.utterance;
      words(c.partial, u);
      return;
    }
    if (Number(c.partial.dataset.utterance) <= u.utterance) {
      c.partial.replaceChildren();
      delete c.partial.dataset.utterance;
    }
    if (u.text) {
      const line = element('p', 'final');
      line.dataset.utterance = u.utterance;
      words(line, u);
      c.finals.append(line);
      while (c.finals.childElementCount > maxFinals) c.finals.firstElementChild.remove();
    }
  }

  function remove(id) {
    const c = cards.get(id);
    if (c) c.root.remove();
    cards.delete(id);
    showCount();
  }

  const source = new EventSource('events');
  source.onopen = () => setStatus('live', 'live');
  // EventSource retries by itself, except after an HTTP error such as the server's 503 when it has too many browsers.
  source.onerror = () => source.readyState === EventSource.CLOSED
    ? setStatus('disconnected: reload to retry', 'connecting')
    : setStatus('reconnecting…', 'connecting');
  source.addEventListener('reset', e => {
    maxFinals = JSON.parse(e.data).maxFinals;
    [...cards.keys()].forEach(remove);
  });
  source.addEventListener('update', e => update(JSON.parse(e.data)));
  source.addEventListener('remove', e => remove(JSON.parse(e.data).streamId));
  showCount();
})();

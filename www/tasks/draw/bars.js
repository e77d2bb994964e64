// The ten (or however many outputs the model has) score bars under the guess. A softmax output
// is a probability and is shown in percent; other outputs (sigmoid) are shown as they are.
// Nothing is computed here but widths for display.

const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** An output value as text: "93%" for probabilities, "0.93" otherwise. */
export function scoreText(v, probability) {
  if (!Number.isFinite(v)) return '–';
  if (probability) {
    const p = v * 100;
    return p >= 0.5 || p === 0 ? `${Math.round(p)}%` : '<1%';
  }
  return v.toFixed(2);
}

export class ScoreBars {
  constructor(wrap, label) {
    this.list = document.createElement('ol');
    this.list.className = 'dr-bars';
    this.list.setAttribute('aria-label', label);
    wrap.append(this.list);
    this.rows = [];
  }

  /** Builds one bar per output (only when the count changes). */
  setCount(n) {
    if (this.rows.length === n) return;
    this.list.textContent = '';
    this.rows = [];
    for (let i = 0; i < n; i++) {
      const li = document.createElement('li');
      li.className = 'dr-bar';
      li.innerHTML = '<span class="dr-bar-val">–</span><span class="dr-bar-track"><span class="dr-bar-fill"></span></span><span class="dr-bar-digit"></span>';
      li.querySelector('.dr-bar-digit').textContent = String(i);
      this.list.append(li);
      this.rows.push({ li, val: li.querySelector('.dr-bar-val'), fill: li.querySelector('.dr-bar-fill') });
    }
  }

  /** Shows `outputs` (null: nothing drawn), highlighting the guess and the runner-up. */
  update(outputs, guess, runnerUp, probability) {
    this.rows.forEach((r, i) => {
      const v = outputs ? outputs[i] : 0;
      const text = outputs ? scoreText(v, probability) : '–';
      if (r.val.textContent !== text) r.val.textContent = text;
      r.fill.style.transform = `scaleY(${outputs ? clamp01(v) : 0})`;
      r.li.classList.toggle('dr-first', outputs !== null && i === guess);
      r.li.classList.toggle('dr-second', outputs !== null && i === runnerUp);
    });
  }
}

// The theme (www/render/theme.js): palettes and their names, the diverging scale honours the
// palette, and text colours are readable on the background.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as theme from '../../www/render/theme.js';
import * as palettes from '../../www/core/palettes.js';
import { readFileSync } from 'node:fs';
import { setMessages } from '../../www/core/i18n.js';

setMessages('en', JSON.parse(readFileSync(new URL('../../www/lang/en.json', import.meta.url), 'utf8'))); // (the notice's and legends' English)

const { PALETTES, DEFAULT_PALETTE, palette, describePalette, diverging, divergingTable, signColour, COLOURS, TEXT, rgba } = theme;

/** WCAG 2 contrast ratio. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('palettes: names, default, fallback, description', () => {
  assert.deepEqual(Object.keys(PALETTES), ['green-red', 'blue-orange']);
  assert.equal(DEFAULT_PALETTE, 'green-red');
  assert.equal(palette('nope'), PALETTES['green-red']);
  for (const [name, p] of Object.entries(PALETTES)) {
    assert.ok(p.label && p.posName && p.negName);
    assert.match(describePalette(name), new RegExp(`^${p.posName[0].toUpperCase()}${p.posName.slice(1)} synapses excite.*${p.negName} ones inhibit`));
  }
});

test('the theme draws with the palettes the palette setting offers', () => {
  for (const k of ['PALETTES', 'DEFAULT_PALETTE']) assert.equal(palettes[k], theme[k], k);
  assert.equal(theme.css([1, 2, 3]), 'rgb(1, 2, 3)');
});

test('the diverging scale honours the palette', () => {
  for (const [name, p] of Object.entries(PALETTES)) {
    assert.deepEqual(diverging(1, name), p.pos);
    assert.deepEqual(diverging(-1, name), p.neg);
    assert.deepEqual(diverging(5, name), p.pos, 'clamped');
    assert.deepEqual(diverging(0, name), COLOURS.tile);
    assert.deepEqual(diverging(NaN, name), COLOURS.tile);
    assert.deepEqual(signColour(0.3, name), p.pos);
    assert.deepEqual(signColour(-0.3, name), p.neg);
    const t = divergingTable(name, 255);
    assert.deepEqual([...t.slice(0, 3)], p.neg);
    assert.deepEqual([...t.slice(-3)], p.pos);
    assert.deepEqual([...t.slice(127 * 3, 128 * 3)], COLOURS.tile);
    // Monotone towards the palette colour: half-way is between base and the end.
    const half = diverging(0.5, name);
    for (let c = 0; c < 3; c++) assert.ok(Math.min(COLOURS.tile[c], p.pos[c]) <= half[c] && half[c] <= Math.max(COLOURS.tile[c], p.pos[c]));
  }
  assert.notDeepEqual(diverging(0.7, 'green-red'), diverging(0.7, 'blue-orange'));
  assert.notDeepEqual(diverging(-0.7, 'green-red'), diverging(-0.7, 'blue-orange'));
});

test('text colours read at ≥ 4.5:1 on the background and in the error box', () => {
  const used = { ...TEXT, warm: COLOURS.warm, error: COLOURS.error };
  for (const [name, c] of Object.entries(used)) {
    assert.ok(contrast(c, COLOURS.bg) >= 4.5, `${name} on bg: ${contrast(c, COLOURS.bg).toFixed(2)}`);
    assert.ok(contrast(c, COLOURS.panel) >= 4.5, `${name} on panel: ${contrast(c, COLOURS.panel).toFixed(2)}`);
  }
  for (const p of Object.values(PALETTES)) {
    assert.ok(contrast(p.pos, COLOURS.bg) >= 4.5 && contrast(p.neg, COLOURS.bg) >= 4.5, `${p.label} on bg`);
  }
});

test('rgba clamps alpha', () => {
  assert.equal(rgba([1, 2, 3], 2), 'rgba(1,2,3,1.000)');
  assert.equal(rgba([1, 2, 3], -1), 'rgba(1,2,3,0.000)');
});

// SPDX-License-Identifier: GPL-3.0-or-later
//
// The comparison matcher for the anchoring benchmark: the npm package
// approx-string-match (the matcher of the Hypothesis client), driven the
// way Hypothesis anchors a TextQuoteSelector: first the stored position
// when it still holds the quote, else exact occurrences or, when there
// are none, approximate matches with up to quote.length / 2 errors,
// ranked by 50 × quote similarity + 20 × prefix + 20 × suffix similarity
// + 2 × nearness to the stored position. It never refuses to guess.
//
// usage: node hypothesis-bench.mjs CASE-DIR…
// writes CASE-DIR/result-hypothesis.json and prints the matching time.

import fs from 'node:fs';
import path from 'node:path';
import approxSearch from 'approx-string-match';

function findAll(text, str, maxErrors) {
  const exact = [];
  for (let at = text.indexOf(str); at !== -1; at = text.indexOf(str, at + 1))
    exact.push({ start: at, end: at + str.length, errors: 0 });
  return exact.length > 0 ? exact : approxSearch(text, str, maxErrors);
}

function similarity(window, str) {
  if (str.length === 0 || window.length === 0)
    return 0;
  const best = findAll(window, str, str.length)[0];
  return 1 - best.errors / str.length;
}

function bestMatch(text, quote, prefix, suffix, hint) {
  if (quote.length === 0)
    return null;
  const found = findAll(text, quote, Math.min(256, quote.length / 2));
  let best = null;
  for (const m of found) {
    const qs = 1 - m.errors / quote.length;
    const ps = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const ss = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const pos = 1 - Math.abs(m.start - hint) / text.length;
    const score = (50 * qs + 20 * ps + 20 * ss + 2 * pos) / 92;
    if (best === null || score > best.score)
      best = { start: m.start, end: m.end, score };
  }
  return best;
}

// Offsets in the cases are code points; JavaScript strings index UTF-16.
function offsetMaps(text) {
  const cpToUnit = [];
  const unitToCp = new Int32Array(text.length + 1);
  let cp = 0;
  for (let u = 0; u < text.length; cp++) {
    cpToUnit.push(u);
    const c = text.charCodeAt(u);
    const w = c >= 0xd800 && c < 0xdc00 ? 2 : 1;
    for (let k = 0; k < w; k++)
      unitToCp[u + k] = cp;
    u += w;
  }
  cpToUnit.push(text.length);
  unitToCp[text.length] = cp;
  return { cpToUnit, unitToCp, length: cp };
}

let total = 0;
for (const dir of process.argv.slice(2)) {
  const text = fs.readFileSync(path.join(dir, 'new.txt'), 'utf8');
  const anns = JSON.parse(fs.readFileSync(path.join(dir, 'annotations.json'), 'utf8'));
  const t0 = process.hrtime.bigint();
  const maps = offsetMaps(text);
  const unit = cp => maps.cpToUnit[Math.min(cp, maps.length)];
  const results = anns.map(a => {
    const s = unit(a.start), e = unit(a.end);
    if (a.end <= maps.length && text.slice(s, e) === a.quote)
      return { id: a.id, state: 'exact', start: a.start, end: a.end, score: 1 };
    const m = bestMatch(text, a.quote, a.prefix, a.suffix, s);
    if (m === null)
      return { id: a.id, state: 'orphaned', start: a.start, end: a.end, score: 0 };
    return { id: a.id, state: m.score === 1 ? 'moved' : 'fuzzy',
             start: maps.unitToCp[m.start], end: maps.unitToCp[m.end], score: m.score };
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  total += seconds;
  fs.writeFileSync(path.join(dir, 'result-hypothesis.json'), JSON.stringify(results) + '\n');
  console.log(`${path.basename(dir)}\t${seconds.toFixed(4)}`);
}
if (process.argv.length > 3)
  console.log(`TOTAL\t${total.toFixed(4)}`);

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores `marginalia-cli tidy` on the messy speeches of tests/data/tidy/.

    python3 bench/tidy-bench.py BUILDDIR [--heldout]

For each messy speech (made by gen-tidy-fixtures.py from a clean one we
wrote), the tidied text is aligned with the clean one (difflib, code
points) and the manifest's artifacts are checked:

  repaired   an artifact is repaired when no difference between the tidied
             and the clean text touches its place
  other      code points of the clean text changed away from every
             artifact, over the clean text's length
  leftovers  leftover lines (links, notices…) no longer in the tidied text
  kept       annotations placed on the messy text at random spans of the
             clean one, then carried by `tidy --in-place`: kept with the
             clean text's quote, orphaned, or lost (missing from the list)

Without --heldout the training speeches (messy/) are scored; with it only
the held-out ones (heldout-messy/), which the rules were not tuned on.
"""
import difflib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

# MG_TIDY_FIXTURES: another folder laid out the same (clean/, heldout/), such
# as speeches from elsewhere, never committed.
ROOT = os.environ.get('MG_TIDY_FIXTURES') or \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data', 'tidy')


def decode(path, manifest):
    data = open(path, 'rb').read()
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    return data.decode(manifest['encoding']).replace('\r\n', '\n')


def clean_to_messy_map(clean, messy):
    """Offset in the messy text of each clean offset (len(clean)+1 entries)."""
    sm = difflib.SequenceMatcher(None, clean, messy, autojunk=False)
    out = [None] * (len(clean) + 1)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == 'equal':
            for k in range(i2 - i1 + 1):
                out[i1 + k] = j1 + k
        else:
            if out[i1] is None:
                out[i1] = j1
            out[i2] = j2
    last = 0
    for i, v in enumerate(out):
        if v is None:
            out[i] = last
        last = out[i]
    return out


def score(cli, name, messy_dir, rng):
    manifest = json.load(open(os.path.join(ROOT, messy_dir, name + '.json'), encoding='utf-8'))
    clean = open(os.path.join(ROOT, manifest['clean']), encoding='utf-8').read()
    messy_path = os.path.join(ROOT, messy_dir, name + '.txt')
    messy = decode(messy_path, manifest)
    tmp = tempfile.mkdtemp(prefix='tidy-bench-')
    try:
        out = os.path.join(tmp, 'out.txt')
        subprocess.run([cli, 'tidy', messy_path, '-o', out], check=True,
                       stderr=subprocess.DEVNULL)
        tidied = open(out, encoding='utf-8').read()

        arts = [a for a in manifest['artifacts'] if a['kind'] != 'leftovers']
        at = sorted(a['at'] for a in arts)
        sm = difflib.SequenceMatcher(None, clean, tidied, autojunk=False)
        ops = [op for op in sm.get_opcodes() if op[0] != 'equal']
        unrepaired = 0
        for a in arts:
            if any(i1 <= a['at'] <= i2 for _, i1, i2, _, _ in ops):
                unrepaired += 1
        other = 0
        import bisect
        for _, i1, i2, j1, j2 in ops:
            k = bisect.bisect_left(at, i1)
            if k < len(at) and at[k] <= i2:
                continue
            other += max(i2 - i1, j2 - j1)

        lines = [l for a in manifest['artifacts'] if a['kind'] == 'leftovers' for l in a['lines']]
        removed = sum(1 for l in lines if l not in tidied)

        # Annotations on the messy text, at spans of the clean one.
        work = os.path.join(tmp, 'doc.txt')
        shutil.copyfile(messy_path, work)
        cmap = clean_to_messy_map(clean, messy)
        spans = []
        paras = []
        pos = 0
        for p in clean.split('\n'):
            if len(p) > 14:
                paras.append((pos, pos + len(p)))
            pos += len(p) + 1
        for _ in range(40):
            ps, pe = rng.choice(paras)
            s = rng.randrange(ps, pe - 12)
            e = s + rng.randint(2, 12)
            quote = clean[s:e]
            if quote != quote.strip():
                continue
            spans.append((s, e, quote))
        ids = {}
        for s, e, quote in spans:
            r = subprocess.run([cli, 'add', work, '--range', '%d:%d' % (cmap[s], cmap[e])],
                               capture_output=True, text=True)
            if r.returncode == 0:
                ids[r.stdout.strip()] = quote
        subprocess.run([cli, 'tidy', work, '--in-place'], check=True, stderr=subprocess.DEVNULL)
        listed = json.loads(subprocess.run([cli, 'list', work, '--format', 'json'], check=True,
                                           capture_output=True, text=True).stdout)
        got = {a['id']: a for a in listed}
        same = sum(1 for i, q in ids.items()
                   if i in got and got[i]['quote'] == q and got[i]['state'] != 'orphaned')
        orphaned = sum(1 for i in ids if i in got and got[i]['state'] == 'orphaned')
        lost = sum(1 for i in ids if i not in got)
        return {
            'name': name, 'artifacts': len(arts), 'unrepaired': unrepaired,
            'other': other, 'length': len(clean),
            'leftover_lines': len(lines), 'removed': removed,
            'annotations': len(ids), 'same': same, 'orphaned': orphaned, 'lost': lost,
            'exact': tidied == clean,
        }
    finally:
        shutil.rmtree(tmp)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    heldout = '--heldout' in sys.argv
    cli = os.path.join(build, 'src', 'cli', 'marginalia-cli')
    messy_dir = 'heldout-messy' if heldout else 'messy'
    names = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, messy_dir)) if f.endswith('.json'))
    rng = random.Random(7)
    rows = [score(cli, n, messy_dir, rng) for n in names]
    print('| speech | artifacts | repaired | other text changed | leftover lines removed | annotations same text | orphaned | lost | tidied == clean |')
    print('|---|---|---|---|---|---|---|---|---|')
    tot = {k: 0 for k in ('artifacts', 'unrepaired', 'other', 'length', 'leftover_lines', 'removed',
                          'annotations', 'same', 'orphaned', 'lost')}
    for r in rows:
        for k in tot:
            tot[k] += r[k]
        print('| %s | %d | %d (%.1f%%) | %d cp (%.2f%%) | %d/%d | %d/%d | %d | %d | %s |' % (
            r['name'], r['artifacts'], r['artifacts'] - r['unrepaired'],
            100.0 * (r['artifacts'] - r['unrepaired']) / max(r['artifacts'], 1),
            r['other'], 100.0 * r['other'] / r['length'], r['removed'], r['leftover_lines'],
            r['same'], r['annotations'], r['orphaned'], r['lost'], 'yes' if r['exact'] else 'no'))
    print('| **all** | %d | %d (%.1f%%) | %d cp (%.3f%%) | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %d | %d | |' % (
        tot['artifacts'], tot['artifacts'] - tot['unrepaired'],
        100.0 * (tot['artifacts'] - tot['unrepaired']) / max(tot['artifacts'], 1),
        tot['other'], 100.0 * tot['other'] / tot['length'],
        tot['removed'], tot['leftover_lines'], 100.0 * tot['removed'] / max(tot['leftover_lines'], 1),
        tot['same'], tot['annotations'], 100.0 * tot['same'] / max(tot['annotations'], 1),
        tot['orphaned'], tot['lost']))


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Speeches to open a member's annotations file on, for layer-bench.

Writes into --out (default bench/out/layers):

  speech.txt, speech.txt.marginalia.json
      generate.py's speech and its 20,000 annotations (the member's file);
  other.txt
      another speech from the same generator (--seed 2): the same
      vocabulary, templates, slogans and figures, none of the sentences;
  edited.txt
      speech.txt revised: a note added at the top, 60 sentences deleted,
      replaced or inserted, 10 paragraphs moved, 200 characters changed;
  cut.txt
      speech.txt with 45 % of its paragraphs deleted (a short version:
      about half of the annotations still have their text);
  spliced.txt
      the first 40 % of speech.txt's paragraphs followed by other.txt's;
  replaced.txt
      speech.txt with one Han character in eight replaced by another.

The member's file belongs on speech.txt, edited.txt and cut.txt (it must
be accepted there, re-anchored) and not on other.txt (it must be refused
there). spliced.txt and replaced.txt are the cases in between, where the
rule of one annotation in two placed decides (both are accepted: 55 % and
93 % of the annotations place). Python 3 standard library only; the same
seed gives the same bytes.
"""

import argparse
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def generate(out, seed, annotations, name):
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--seed", str(seed),
                    "--annotations", str(annotations), "--out", out, "--name", name],
                   check=True, stderr=subprocess.DEVNULL)
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return f.read()


def paragraphs(text):
    return re.findall(r"[^\n]*\n", text)


def sentences(text):
    return re.findall(r"[^。！？；\n]*[。！？；]", text)


def edited(rng, text, donors):
    paras = paragraphs(text)
    paras.insert(0, "（根据录音整理，有删节）\n")
    for _ in range(60):
        i = rng.randrange(1, len(paras))
        ss = sentences(paras[i])
        if not ss:
            continue
        s = rng.choice(ss)
        kind = rng.randrange(3)
        if kind == 0:
            paras[i] = paras[i].replace(s, "", 1)
        elif kind == 1:
            paras[i] = paras[i].replace(s, rng.choice(donors), 1)
        else:
            paras[i] = paras[i].replace(s, s + rng.choice(donors), 1)
    for _ in range(10):
        p = paras.pop(rng.randrange(1, len(paras)))
        paras.insert(rng.randrange(1, len(paras)), p)
    chars = list("".join(paras))
    han = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for i in rng.sample(han, 200):
        chars[i] = chr(0x4e00 + rng.randrange(0x5000))
    return "".join(chars)


def cut(rng, text):
    paras = paragraphs(text)
    keep = sorted(rng.sample(range(len(paras)), len(paras) * 55 // 100))
    return "".join(paras[i] for i in keep)


def spliced(text, other):
    a = paragraphs(text)
    b = paragraphs(other)
    return "".join(a[:len(a) * 40 // 100] + b[len(b) * 40 // 100:])


def replaced(rng, text):
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return "".join(rng.choice(han) if "\u4e00" <= c <= "\u9fff" and rng.random() < 0.125 else c
                   for c in text)


def main():
    p = argparse.ArgumentParser(description="Make speeches to open a member's file on.")
    p.add_argument("--out", default=os.path.join(HERE, "out", "layers"), help="output folder")
    p.add_argument("--seed", type=int, default=1, help="random seed of the edits (default 1)")
    args = p.parse_args()

    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    text = generate(args.out, 1, 20000, "speech.txt")
    other = generate(args.out, 2, 0, "other.txt")
    os.remove(os.path.join(args.out, "other.txt.marginalia.json"))
    donors = sentences(other)
    cases = {
        "edited.txt": edited(rng, text, donors),
        "cut.txt": cut(rng, text),
        "spliced.txt": spliced(text, other),
        "replaced.txt": replaced(rng, text),
    }
    for name, t in cases.items():
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(t)
    for name in ["speech.txt", "other.txt"] + list(cases):
        with open(os.path.join(args.out, name), encoding="utf-8") as f:
            print("%s: %d code points" % (name, len(f.read())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

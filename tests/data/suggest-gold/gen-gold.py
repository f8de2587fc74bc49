#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns each labelled speech NAME.src of this folder into the speech
NAME.txt and its labels NAME.tsv (see GUIDELINES.md)."""

import pathlib
import sys

KINDS = {"f": "figure", "s": "slogan", "g": "policy-goal"}


def convert(src):
    text = []
    labels = []
    stack = []
    i = 0
    line = 1
    while i < len(src):
        c = src[i]
        if c == "{" and src[i + 2:i + 3] == ":" and src[i + 1] in KINDS:
            stack.append((KINDS[src[i + 1]], len(text), line))
            i += 3
            continue
        if c == "}":
            if not stack:
                raise ValueError(f"line {line}: '}}' closes no label")
            kind, start, _ = stack.pop()
            end = len(text)
            if end <= start:
                raise ValueError(f"line {line}: empty label")
            quote = "".join(text[start:end])
            if "\n" in quote or "\t" in quote:
                raise ValueError(f"line {line}: label {quote!r} crosses a line")
            if quote != quote.strip():
                raise ValueError(f"line {line}: label {quote!r} starts or ends in white space")
            labels.append((kind, start, end, quote))
            i += 1
            continue
        if c == "{":
            raise ValueError(f"line {line}: stray {c!r}")
        if c == "\n":
            line += 1
        text.append(c)
        i += 1
    if stack:
        raise ValueError(f"line {stack[-1][2]}: label never closed")
    labels.sort(key=lambda l: (l[1], l[2], l[0]))
    return "".join(text), labels


def main():
    folder = pathlib.Path(__file__).resolve().parent
    for path in sorted(folder.glob("*.src")):
        try:
            text, labels = convert(path.read_text(encoding="utf-8"))
        except ValueError as e:
            sys.exit(f"{path.name}: {e}")
        path.with_suffix(".txt").write_text(text, encoding="utf-8")
        with path.with_suffix(".tsv").open("w", encoding="utf-8") as out:
            out.write("kind\tstart\tend\tquote\n")
            for kind, start, end, quote in labels:
                out.write(f"{kind}\t{start}\t{end}\t{quote}\n")
        counts = {k: sum(1 for l in labels if l[0] == k) for k in KINDS.values()}
        print(f"{path.stem}: {len(text)} code points, {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()

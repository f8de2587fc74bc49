#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generates re-anchoring cases: an old speech, annotations on it, an
edited new speech, and the true new range of every annotation.

Each case is a directory holding
  new.txt           the edited text (UTF-8)
  annotations.json  [{id, start, end, quote, prefix, suffix}] on the old text
  truth.json        [{id, status, start, end}] on the new text; status is
                    intact (text unchanged up to spacing/width),
                    edited (a few characters inside changed),
                    damaged (an edge of the quote was cut: not scored),
                    deleted (its text is gone: must not be placed)
Offsets are code points, as in the sidecar.

Speeches come from ../shared/corpus (or --corpus DIR) when present;
otherwise text is generated.
"""

import argparse
import json
import os
import random
import re
import sys

CONTEXT = 32
SENT_END = set("。！？!?.；;")
WS = set(" \t\n\r\u3000\u200b\ufeff\u00a0")


def is_han(c):
    return "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def is_cjk_punct(c):
    return c in "，。、：；！？“”‘’（）《》——…" or "\uff00" <= c <= "\uffef"


# ---------------------------------------------------------------- sources

VOCAB_ZH = ("发展 改革 经济 社会 人民 群众 建设 推进 坚持 全面 深化 创新 开放 "
            "制度 治理 现代化 高质量 实体经济 数字经济 乡村振兴 生态环境 "
            "民生 就业 教育 医疗 养老 住房 安全 稳定 风险 防范 科技 人才 "
            "产业链 供应链 营商环境 自贸区 市场主体 基础设施 城乡 区域 "
            "协调 绿色 低碳 共同富裕 党建 作风 纪律 干部 基层 责任 落实 "
            "目标 任务 政策 措施 工作 体系 能力 水平 质量 效益 机制").split()
VOCAB_EN = ("nation people freedom government economy work families children "
            "future world peace strength history democracy justice hope promise "
            "we will must our the a of to and in for with across every new "
            "build protect defend serve secure growth jobs schools health "
            "century generation liberty citizens country union purpose").split()


def synth_sentence(rng, zh):
    if zh:
        words = [rng.choice(VOCAB_ZH) for _ in range(rng.randint(4, 12))]
        s = ""
        for i, w in enumerate(words):
            s += w
            if i and i % 4 == 0:
                s += rng.choice("，、")
        if rng.random() < 0.3:
            s = "%d年，" % rng.randint(2015, 2035) + s
        if rng.random() < 0.2:
            s += "增长%d.%d%%" % (rng.randint(1, 9), rng.randint(0, 9))
        return s + rng.choice("。。。！；")
    words = [rng.choice(VOCAB_EN) for _ in range(rng.randint(6, 20))]
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice("...!?")


def synth_text(rng, zh, n_chars):
    paras = []
    total = 0
    while total < n_chars:
        p = ("" if zh else " ").join(synth_sentence(rng, zh) for _ in range(rng.randint(2, 8)))
        paras.append(p)
        total += len(p) + 1
    return "\n\n".join(paras) + "\n"


def markov_text(rng, source, zh, n_chars, order=2):
    """Novel text in the style of @source: a character (Chinese) or word
    (English) Markov chain, so that a long text is not a copy."""
    toks = list(source) if zh else re.findall(r"\S+|\n", source)
    model = {}
    for i in range(len(toks) - order):
        model.setdefault(tuple(toks[i:i + order]), []).append(toks[i + order])
    keys = list(model)
    out = []
    state = rng.choice(keys)
    size = 0
    while size < n_chars:
        nxt = model.get(state)
        if not nxt:
            state = rng.choice(keys)
            continue
        t = rng.choice(nxt)
        out.append(t)
        size += len(t) + (0 if zh else 1)
        state = tuple(list(state[1:]) + [t])
    if zh:
        return "".join(out)
    return " ".join(out).replace(" \n ", "\n").replace("\n ", "\n")


def load_corpus(d):
    speeches = []
    if not d or not os.path.isdir(d):
        return speeches
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt") or name.count(".") > 1:
            continue  # the other encodings/line ends of the same speeches
        with open(os.path.join(d, name), "rb") as f:
            data = f.read()
        try:
            t = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        t = t.replace("\r\n", "\n").replace("\r", "\n")
        speeches.append((name[:-4], t))
    return speeches


def sentences(text):
    out = []
    start = 0
    for i, c in enumerate(text):
        if c in SENT_END or c == "\n":
            j = i + 1
            while j < len(text) and text[j] in "”’\"'":
                j += 1
            if j - start > 1:
                out.append((start, j))
            start = j
    return out


# ---------------------------------------------------------------- edits
#
# The text being edited is a list of [char, origin]; origin is the old
# code point offset, or -1 for inserted text. A character changed only in
# width keeps its origin.

def cur_text(cur):
    return "".join(c for c, _ in cur)


def donor_sentence(rng, donors):
    return rng.choice(donors)


def at_sentence_boundary(rng, cur):
    t = cur_text(cur)
    b = [e for _, e in sentences(t)]
    return rng.choice(b) if b else len(cur)


def ed_insert_sentence(rng, cur, donors, zh):
    at = at_sentence_boundary(rng, cur)
    s = donor_sentence(rng, donors)
    cur[at:at] = [[c, -1] for c in s]


def ed_delete_sentence(rng, cur, donors, zh):
    ss = sentences(cur_text(cur))
    if ss:
        a, b = rng.choice(ss)
        del cur[a:b]


def ed_replace_sentence(rng, cur, donors, zh):
    ss = sentences(cur_text(cur))
    if ss:
        a, b = rng.choice(ss)
        cur[a:b] = [[c, -1] for c in donor_sentence(rng, donors)]


def paragraphs(t):
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+\n?", t)]


def ed_insert_paragraph(rng, cur, donors, zh):
    ps = paragraphs(cur_text(cur))
    at = rng.choice(ps)[0] if ps else 0
    p = ("" if zh else " ").join(donor_sentence(rng, donors) for _ in range(rng.randint(2, 5)))
    cur[at:at] = [[c, -1] for c in p + "\n"]


def small_paragraphs(cur):
    """Paragraphs small enough to drop or move (a speech written on one
    line is one paragraph: dropping it would drop the speech)."""
    ps = paragraphs(cur_text(cur))
    return [p for p in ps if p[1] - p[0] < len(cur) // 5]


def ed_delete_paragraph(rng, cur, donors, zh):
    ps = small_paragraphs(cur)
    if ps:
        a, b = rng.choice(ps)
        del cur[a:b]


def ed_move_paragraph(rng, cur, donors, zh):
    ps = small_paragraphs(cur)
    if len(ps) < 3:
        return
    a, b = rng.choice(ps)
    piece = cur[a:b]
    if not piece or piece[-1][0] != "\n":
        return
    del cur[a:b]
    ps = paragraphs(cur_text(cur))
    at = rng.choice(ps)[0]
    cur[at:at] = piece


def ed_word(rng, cur, donors, zh):
    """A small change inside a sentence: a word replaced, dropped or added."""
    if not cur:
        return
    for _ in range(20):
        at = rng.randrange(len(cur))
        if cur[at][0] not in WS and cur[at][0] != "\n":
            break
    kind = rng.choice(["sub", "del", "ins"])
    n = rng.randint(1, 3)
    repl = "".join(rng.choice("的了和在是有为新大中" if zh else "aeinorst") for _ in range(n))
    if kind == "sub":
        cur[at:at + n] = [[c, -1] for c in repl]
    elif kind == "del":
        del cur[at:at + n]
    else:
        cur[at:at] = [[c, -1] for c in repl]


def ed_spacing(rng, cur, donors, zh):
    """Spacing fixed everywhere: spaces around Han characters and inside
    Chinese quotes dropped, zero-width spaces dropped (Chinese); double
    spaces and spaces before punctuation dropped (English)."""
    out = []
    n = len(cur)
    for i, (c, o) in enumerate(cur):
        if c in " \u3000\u200b\u00a0\ufeff":
            prev = cur[i - 1][0] if i > 0 else "\n"
            nxt = cur[i + 1][0] if i + 1 < n else "\n"
            if c in "\u200b\ufeff":
                continue
            if zh and (is_han(prev) or is_han(nxt) or is_cjk_punct(prev) or is_cjk_punct(nxt)
                       or prev == "\n" or nxt == "\n"):
                continue
            if not zh and (prev == " " or nxt in ",.;:!?" or prev == "\n"):
                continue
        out.append([c, o])
    cur[:] = out


def ed_spacing_add(rng, cur, donors, zh):
    """The reverse: spaces put between Han characters and digits/Latin,
    and inside Chinese quotes (as web pages do)."""
    out = []
    for i, (c, o) in enumerate(cur):
        out.append([c, o])
        if i + 1 < len(cur):
            nxt = cur[i + 1][0]
            if zh and ((is_han(c) and (nxt.isdigit() or nxt == "“")) or
                       (c.isdigit() and is_han(nxt)) or c == "“" or nxt == "”"):
                out.append([" ", -1])
            elif not zh and c in ",;" and nxt == " " and rng.random() < 0.3:
                out.append(["\u00a0", -1])


HALF = ",:;()!?"
FULL = "，：；（）！？"


def ed_width(rng, cur, donors, zh):
    """Punctuation width fixed: ASCII punctuation next to Han characters
    made full-width, full-width digits and letters made ASCII (the same
    characters, so they keep their origin)."""
    for i, (c, o) in enumerate(cur):
        prev = cur[i - 1][0] if i > 0 else ""
        nxt = cur[i + 1][0] if i + 1 < len(cur) else ""
        if c in HALF and (is_han(prev) or is_han(nxt)):
            cur[i] = [FULL[HALF.index(c)], o]
        elif "\uff10" <= c <= "\uff5a":
            cur[i] = [chr(ord(c) - 0xfee0), o]
        elif not zh and c == "-" and nxt == "-":
            cur[i] = ["\u2014", o]


def ed_width_back(rng, cur, donors, zh):
    for i, (c, o) in enumerate(cur):
        if c in FULL:
            cur[i] = [HALF[FULL.index(c)], o]
        elif c.isdigit() and zh and rng.random() < 0.5:
            cur[i] = [chr(ord(c) + 0xfee0), o]


def ed_footer(rng, cur, donors, zh):
    """Web-page leftovers or a licence footer removed: the last lines."""
    t = cur_text(cur)
    lines = [m.start() for m in re.finditer(r"\n", t)]
    if len(lines) < 4:
        return
    cut_from = int(len(t) * (1 - rng.uniform(0.02, 0.06)))
    starts = [p + 1 for p in lines if p + 1 >= cut_from] or [lines[-2] + 1]
    del cur[starts[0]:]


def ed_rewrap(rng, cur, donors, zh):
    """Line breaks repaired (a paragraph broken mid-sentence joined), or a
    hard wrap added: either way only white space changes."""
    if rng.random() < 0.5:
        out = []
        for i, (c, o) in enumerate(cur):
            if c == "\n" and 0 < i < len(cur) - 1 and cur[i - 1][0] != "\n" and \
               cur[i + 1][0] != "\n" and cur[i - 1][0] not in SENT_END and rng.random() < 0.8:
                if not zh:
                    out.append([" ", -1])
                continue
            out.append([c, o])
        cur[:] = out
    else:
        out = []
        col = 0
        width = rng.choice([40, 60, 72])
        for c, o in cur:
            if c == "\n":
                col = 0
            elif col >= width and (zh or c == " "):
                if c == " ":
                    out.append(["\n", o])
                    col = 0
                    continue
                out.append(["\n", -1])
                col = 0
            out.append([c, o])
            col += 1
        cur[:] = out


EDITS = {
    "insert-sentence": ed_insert_sentence,
    "delete-sentence": ed_delete_sentence,
    "replace-sentence": ed_replace_sentence,
    "insert-paragraph": ed_insert_paragraph,
    "delete-paragraph": ed_delete_paragraph,
    "move-paragraph": ed_move_paragraph,
    "word": ed_word,
    "spacing": ed_spacing,
    "spacing-add": ed_spacing_add,
    "width": ed_width,
    "width-back": ed_width_back,
    "footer": ed_footer,
    "rewrap": ed_rewrap,
}
LOCAL = ["insert-sentence", "delete-sentence", "replace-sentence", "insert-paragraph",
         "delete-paragraph", "move-paragraph", "word"]


# ---------------------------------------------------------------- annotations

def make_annotations(rng, text, n, zh):
    anns = []
    ss = sentences(text)
    L = len(text)
    tries = 0
    while len(anns) < n and tries < n * 20:
        tries += 1
        if ss and rng.random() < 0.15:
            s, e = rng.choice(ss)
        else:
            s = rng.randrange(max(L - 2, 1))
            if zh:
                ln = int(rng.choice([2, 3, 4, 4, 5, 6, 8, 10, 12, 16, 24, 40]))
            else:
                ln = int(rng.choice([4, 6, 8, 12, 16, 24, 32, 48, 64, 100]))
            e = min(L, s + ln)
        while s < e and text[s] in WS:
            s += 1
        while e > s and text[e - 1] in WS:
            e -= 1
        if e - s < 2:
            continue
        anns.append({
            "id": "a%06d" % len(anns),
            "start": s,
            "end": e,
            "quote": text[s:e],
            "prefix": text[max(0, s - CONTEXT):s],
            "suffix": text[e:e + CONTEXT],
        })
    return anns


def classify(ann, old, newpos):
    s, e = ann["start"], ann["end"]
    nonws = [i for i in range(s, e) if old[i] not in WS]
    surv = [i for i in nonws if newpos[i] >= 0]
    if not surv:
        return "deleted", None, None
    if newpos[s] < 0 or newpos[e - 1] < 0:
        return "damaged", None, None
    ns, ne = newpos[s], newpos[e - 1] + 1
    mono = all(newpos[a] < newpos[b] for a, b in zip(surv, surv[1:]))
    if not mono or ne - ns > (e - s) * 1.5 + 8 or len(surv) < 0.75 * len(nonws):
        return "damaged", None, None
    return "surviving", ns, ne


def build_case(rng, old, zh, kinds, n_edits, n_ann, donors, outdir):
    cur = [[c, i] for i, c in enumerate(old)]
    anns = make_annotations(rng, old, n_ann, zh)
    applied = []
    for _ in range(n_edits):
        k = rng.choice(kinds)
        EDITS[k](rng, cur, donors, zh)
        applied.append(k)
    new = cur_text(cur)
    newpos = [-1] * len(old)
    for i, (_, o) in enumerate(cur):
        if o >= 0:
            newpos[o] = i
    # An old character is intact when it is still there and its new
    # neighbours inside the annotation are its old ones (up to white space).
    new_inserted = [o < 0 and c not in WS for c, o in cur]
    truth = []
    for a in anns:
        status, ns, ne = classify(a, old, newpos)
        if status == "surviving":
            nonws = [i for i in range(a["start"], a["end"]) if old[i] not in WS]
            lost = any(newpos[i] < 0 for i in nonws)
            added = any(new_inserted[ns:ne])
            status = "edited" if (lost or added) else "intact"
        truth.append({"id": a["id"], "status": status,
                      "start": ns if ns is not None else -1,
                      "end": ne if ne is not None else -1})
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "new.txt"), "w", encoding="utf-8") as f:
        f.write(new)
    with open(os.path.join(outdir, "annotations.json"), "w", encoding="utf-8") as f:
        json.dump(anns, f, ensure_ascii=False)
    with open(os.path.join(outdir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False)
    with open(os.path.join(outdir, "edits.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(applied) + "\n")
    return len(anns)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    corpus_default = os.environ.get("MG_CORPUS")
    for c in (os.path.join(here, "..", "..", "shared", "corpus"),
              os.path.join(here, "..", "..", "..", "shared", "corpus")):
        if corpus_default is None and os.path.isdir(c):
            corpus_default = c
    ap.add_argument("--corpus", default=corpus_default,
                    help="folder of UTF-8 speeches (default: ../shared/corpus next to the checkout, or $MG_CORPUS)")
    ap.add_argument("--out", default=os.path.join(here, "out", "cases"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--big-annotations", type=int, default=20000)
    ap.add_argument("--big-size", type=int, default=1 << 20, help="bytes of the big speech")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    corpus = load_corpus(args.corpus)
    if not corpus:
        corpus = [("gen-zh-%d" % i, synth_text(rng, True, 20000)) for i in range(3)] + \
                 [("gen-en-%d" % i, synth_text(rng, False, 30000)) for i in range(2)]
        print("corpus not found: using generated speeches", file=sys.stderr)
    zh_src = [t for n, t in corpus if sum(map(is_han, t)) * 3 > len(t)]
    en_src = [t for n, t in corpus if sum(map(is_han, t)) * 3 <= len(t)]
    donors_zh = [synth_sentence(rng, True) for _ in range(300)]
    donors_en = [synth_sentence(rng, False) for _ in range(300)]
    for t in zh_src:
        donors_zh += [t[a:b] for a, b in sentences(t) if b - a > 6][:200]
    for t in en_src:
        donors_en += [t[a:b].strip() + " " for a, b in sentences(t) if b - a > 20][:200]

    scenarios = [
        ("sentences", ["insert-sentence", "delete-sentence", "replace-sentence"], 12),
        ("paragraphs", ["insert-paragraph", "delete-paragraph", "move-paragraph"], 6),
        ("words", ["word"], 25),
        ("spacing", ["spacing"], 1),
        ("spacing-add", ["spacing-add"], 1),
        ("width", ["width"], 1),
        ("width-back", ["width-back"], 1),
        ("footer", ["footer"], 1),
        ("rewrap", ["rewrap"], 1),
        ("mixed", LOCAL + ["spacing", "width", "footer", "rewrap"], 20),
    ]
    os.makedirs(args.out, exist_ok=True)
    manifest = []
    for name, text in corpus:
        zh = sum(map(is_han, text)) * 3 > len(text)
        donors = donors_zh if zh else donors_en
        n_ann = max(200, min(3000, len(text) // 25))
        for sname, kinds, n_edits in scenarios:
            cid = "%s.%s" % (name, sname)
            n = build_case(rng, text, zh, kinds, n_edits, n_ann, donors, os.path.join(args.out, cid))
            manifest.append({"case": cid, "annotations": n, "chars": len(text)})
            print("%-50s %6d annotations" % (cid, n), file=sys.stderr)

    # A collection-sized speech: ~1 MB with 20,000 annotations.
    src = "\n\n".join(zh_src) if zh_src else synth_text(rng, True, 50000)
    big = "\n\n".join(zh_src)
    while len(big.encode("utf-8")) < args.big_size:
        big += "\n\n" + markov_text(rng, src, True, 20000)
    cid = "big-1mb.mixed"
    n = build_case(rng, big, True, LOCAL + ["spacing", "width", "rewrap"], 60,
                   args.big_annotations, donors_zh, os.path.join(args.out, cid))
    manifest.append({"case": cid, "annotations": n, "chars": len(big)})
    cid = "big-1mb.sentences"
    n = build_case(rng, big, True, ["insert-sentence", "delete-sentence", "replace-sentence"], 60,
                   args.big_annotations, donors_zh, os.path.join(args.out, cid))
    manifest.append({"case": cid, "annotations": n, "chars": len(big)})
    print("%-50s %6d annotations, %d chars" % (cid, n, len(big)), file=sys.stderr)

    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()

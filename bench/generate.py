#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate a large Chinese speech and a matching sidecar for benchmarks.

The output depends only on the options: the same seed gives the same bytes.
Python 3 standard library only. See bench/README.md.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import re
import sys
import uuid

DEFAULT_TAGS = [
    ("policy-goal", "政策目标", "#3584e4"),
    ("figure", "数据", "#2ec27e"),
    ("slogan", "口号", "#e66100"),
]

AUTHORS = [
    "Li Wei", "王芳", "Zhang Min", "陈晓东", "Anna Schmidt",
    "刘洋", "Chen Jing", "赵磊", "Maria Rossi", "孙悦",
]

NOTES = [
    "与去年报告对比",
    "可作为开场引用",
    "这个数字需要核实",
    "口号首次出现",
    "Compare with the 2019 figure.",
    "Key target for the group discussion.",
    "重复出现，注意语气变化",
    "Quote in the summary.",
    "和“十四五”规划纲要的表述一致",
    "需要补充背景材料",
]

REGIONS = ["全市", "全区", "自贸试验区", "国际商贸城", "各镇街", "开发区",
           "陆港新区", "高新区", "全省", "城乡结合部"]
# Indicators with the units they are counted in.
INDICATOR_UNITS = {
    "地区生产总值": ["亿元"],
    "一般公共预算收入": ["亿元", "万元"],
    "外贸进出口总额": ["亿元", "亿美元"],
    "社会消费品零售总额": ["亿元"],
    "固定资产投资": ["亿元"],
    "城乡居民人均可支配收入": ["元"],
    "规上工业增加值": ["亿元"],
    "实际利用外资": ["亿美元", "万美元"],
    "市场主体数量": ["万户", "家"],
    "快递业务量": ["亿件", "万件"],
    "高新技术产业投资": ["亿元"],
    "研发经费支出": ["亿元", "万元"],
    "新建保障性住房": ["套", "万平方米"],
    "新增城镇就业": ["万人", "人"],
}
INDICATORS = sorted(INDICATOR_UNITS)
JUDGEMENTS = ["高于全省平均水平", "创历史新高", "好于预期", "稳中有进",
              "增速居全省前列", "实现了“十四五”良好开局", "主要指标保持合理区间"]
SLOGANS = ["十四五", "出六进四", "两个确保", "三服务", "最多跑一次", "放管服",
           "六稳", "六保", "双循环", "共同富裕", "腾笼换鸟", "亩均论英雄",
           "店小二", "一带一路", "数字化改革", "无证明城市"]
VERBS = ["加快推进", "全面落实", "深入实施", "持续深化", "大力推动", "扎实推进",
         "坚定不移推进", "着力抓好", "统筹推进", "积极探索"]
FIELDS = ["营商环境优化提升", "自贸试验区建设", "国际贸易综合改革", "城市有机更新",
          "乡村振兴", "科技创新", "数字经济发展", "干部作风建设", "安全生产",
          "共同富裕示范区建设", "现代物流体系建设", "生态环境保护", "公共服务均等化"]
GOALS = ["取得明显成效", "走在全省前列", "形成一批可复制可推广的经验",
         "打造全国标杆", "实现质的突破", "让群众有更多获得感",
         "形成新的增长点", "守住安全底线"]
STYLES = ["敢于担当", "真抓实干", "马上就办", "一线工作", "钉钉子精神",
          "求真务实", "清正廉洁", "雷厉风行", "善作善成"]
OPENINGS = ["同志们：", "各位代表：", "同志们，朋友们："]
CONNECTORS = ["同时，", "另一方面，", "与此同时，", "总的来看，", "必须清醒看到，",
              "实践证明，", "下一步，", "特别是，", "今年以来，", "对此，"]
ENGLISH = ["GDP", "CPI", "PMI", "5G", "RCEP", "WTO", "AI"]


def blank(c):
    """White space as the sidecar format means it (see sidecar-format.md)."""
    return c.isspace() or c in "\u200b\ufeff\u3000"


class Speech:
    def __init__(self, rng):
        self.rng = rng

    def pct(self):
        r = self.rng
        return "%d.%d" % (r.randint(0, 25), r.randint(0, 9))

    def year(self):
        return str(self.rng.randint(2015, 2035))

    def num(self):
        r = self.rng
        k = r.random()
        if k < 0.4:
            return str(r.randint(2, 999))
        if k < 0.7:
            return "%d.%d" % (r.randint(1, 9999), r.randint(1, 99))
        if k < 0.85:
            return "{:,}".format(r.randint(1000, 999999))
        return r.choice(["一", "两", "三", "五", "十", "百"]) + r.choice(["", "十", "百", "千"])

    def amount(self, indicator):
        # "233 亿元": a space between figure and unit now and then.
        sep = " " if self.rng.random() < 0.1 else ""
        return self.num() + sep + self.rng.choice(INDICATOR_UNITS[indicator])

    def slogan(self):
        # Web-page copies put spaces inside the quotes now and then.
        s = self.rng.choice(SLOGANS)
        if self.rng.random() < 0.2:
            return "“ %s ”" % s
        return "“%s”" % s

    def yr(self):
        # "2018 年" with a space, as pasted from web pages.
        return self.year() + (" 年" if self.rng.random() < 0.15 else "年")

    def sentence(self):
        r = self.rng
        c = r.choice
        templates = [
            lambda: "%s，%s%s增长%s%%，%s。" % (self.yr(), c(REGIONS), c(INDICATORS), self.pct(), c(JUDGEMENTS)),
            lambda: "我们要坚持以%s为统领，%s%s，力争%s。" % (self.slogan(), c(VERBS), c(FIELDS), c(GOALS)),
            lambda: (lambda i: "全年%s%s达到%s，比上年%s%s%%。" % (c(REGIONS), i, self.amount(i),
                                                          c(["增长", "提高", "下降"]), self.pct()))(c(INDICATORS)),
            lambda: (lambda i: "到%s，%s%s要突破%s。" % (self.yr(), c(REGIONS), i, self.amount(i)))(c(INDICATORS)),
            lambda: "各级干部要%s、%s，以%s的状态%s%s。" % (c(STYLES), c(STYLES), c(STYLES), c(VERBS), c(FIELDS)),
            lambda: "%s%s%s，确保%s%s！" % (c(CONNECTORS), c(VERBS), c(FIELDS), c(FIELDS), c(GOALS)),
            lambda: "%s是我们的重要法宝，%s这一条不能丢。" % (self.slogan(), c(["", "无论什么时候，"])),
            lambda: "%s占比提高到%s%%，%s指数连续%s个月保持在%s以上。" % (c(INDICATORS), self.pct(), c(ENGLISH),
                                                         r.randint(2, 24), r.randint(50, 120)),
            lambda: "难道我们就满足于%s吗？" % c(GOALS),
            lambda: "要把%s和%s结合起来，推动%s%s；" % (self.slogan(), self.slogan(), c(FIELDS), c(GOALS)),
            lambda: "%s新建项目%s个，其中%s%s个，同比增长%s%%。" % (c(REGIONS), r.randint(10, 9999),
                                                     c(REGIONS), r.randint(10, 999), self.pct()),
            lambda: "我们提出%s的目标，就是要%s%s。" % (self.slogan(), c(VERBS), c(FIELDS)),
        ]
        return c(templates)()

    def paragraph(self):
        r = self.rng
        n = r.randint(2, 9)
        parts = []
        for _ in range(n):
            s = self.sentence()
            # A paragraph broken mid-sentence, as copied from a PDF.
            if r.random() < 0.03 and len(s) > 8:
                cut = r.randint(3, len(s) - 3)
                s = s[:cut] + "\n" + s[cut:]
            parts.append(s)
        body = "".join(parts)
        indent = "\u3000\u3000" if r.random() < 0.6 else ""
        trailing = " " if r.random() < 0.05 else ""
        return indent + body + trailing

    def heading(self, k):
        numerals = "一二三四五六七八九十"
        if k <= 10:
            return "%s、%s" % (numerals[k - 1], self.rng.choice(FIELDS))
        return "（%d）%s" % (k, self.rng.choice(FIELDS))

    def build(self, chars):
        r = self.rng
        title = "在%s%s暨%s推进大会上的讲话" % (r.choice(REGIONS), "作风建设",
                                          r.choice(["自贸试验区工作", "数字化改革", "共同富裕示范区建设"]))
        out = [title, "", "（%s年%d月%d日）" % (self.year(), r.randint(1, 12), r.randint(1, 28)), "",
               r.choice(OPENINGS)]
        size = sum(len(s) + 1 for s in out)
        section = 0
        while size < chars:
            if r.random() < 0.06:
                section += 1
                block = self.heading(section)
            else:
                block = self.paragraph()
            # Blank lines between paragraphs; some hold a full-width space.
            sep = r.choice(["", "", "", "\u3000", "  "])
            out.append(sep)
            out.append(block)
            size += len(block) + len(sep) + 2
        text = "\n".join(out) + "\n"
        return text


def spans(text):
    """Candidate annotation ranges: figures, slogans, sentences."""
    figures = [m.span() for m in re.finditer(
        r"\d[\d,.]*\s?(?:%|年|亿美元|万美元|亿元|万元|元|万户|亿件|万件|万平方米|万人|人|个月|个|家|套)", text)]
    slogans = [(m.start(1), m.end(1)) for m in re.finditer(r"“ ?([^“”\n ]{2,12}) ?”", text)]
    sentences = []
    start = 0
    for m in re.finditer(r"[。！？；]|\n\s*\n", text):
        s, e = start, m.end() if m.group(0) in "。！？；" else m.start()
        while s < e and blank(text[s]):
            s += 1
        while e > s and blank(text[e - 1]):
            e -= 1
        if e - s >= 4 and text[e - 1] in "。！？；":
            sentences.append((s, e))
        start = m.end()
    return figures, slogans, sentences


def rfc3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_annotations(rng, text, count):
    figures, slogans, sentences = spans(text)
    base = datetime.datetime(2026, 10, 1, 8, 0, 0)
    result = []
    for _ in range(count):
        k = rng.random()
        if k < 0.35 and figures:
            start, end = rng.choice(figures)
            tags = ["figure"]
        elif k < 0.6 and slogans:
            start, end = rng.choice(slogans)
            tags = ["slogan"]
        elif k < 0.9 and sentences:
            start, end = rng.choice(sentences)
            tags = ["policy-goal"]
        else:
            start = rng.randrange(0, max(1, len(text) - 40))
            end = min(len(text), start + rng.randint(1, 40))
            tags = []
        if rng.random() < 0.08:
            extra = rng.choice([t[0] for t in DEFAULT_TAGS])
            if extra not in tags:
                tags.append(extra)
        tags.sort(key=[t[0] for t in DEFAULT_TAGS].index)

        created = base + datetime.timedelta(seconds=rng.randrange(0, 30 * 86400))
        modified = created
        if rng.random() < 0.3:
            modified = created + datetime.timedelta(seconds=rng.randrange(1, 5 * 86400))
        author = rng.choice(AUTHORS)
        a = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "start": start,
            "end": end,
            "quote": text[start:end],
            "prefix": text[max(0, start - 32):start],
            "suffix": text[end:end + 32],
            "tags": tags,
            "note": rng.choice(NOTES) if rng.random() < 0.15 else "",
            "starred": rng.random() < 0.1,
            "author": author,
        }
        if rng.random() < 0.02:
            others = sorted(set(rng.sample(AUTHORS, rng.randint(1, 3))) - {author})
            if others:
                a["contributors"] = others
        a["created"] = rfc3339(created)
        a["modified"] = rfc3339(modified)
        result.append(a)
    result.sort(key=lambda a: (a["start"], a["end"], a["id"]))
    return result


def dump_inline(value):
    """{ "id": "figure", "name": "数据" } on one line, as the sidecar writes a tag."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join("%s: %s" % (json.dumps(k, ensure_ascii=False), dump_inline(v))
                                for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(dump_inline(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def dump(value, indent=0, inline_items=()):
    """JSON in the sidecar's style: two-space indent, "key": value, objects
    one member a line, arrays of scalars on one line, raw UTF-8; the
    top-level arrays named in inline_items hold one object a line, each
    written on that single line."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for k, v in value.items():
            if indent == 0 and k in inline_items and isinstance(v, list) and v:
                inner = ",\n".join(pad + "    " + dump_inline(e) for e in v)
                text = "[\n" + inner + "\n" + pad + "  ]"
            else:
                text = dump(v, indent + 2, inline_items)
            items.append('%s  %s: %s' % (pad, json.dumps(k, ensure_ascii=False), text))
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(dump(v, indent) for v in value) + "]"
        items = [pad + "  " + dump(v, indent + 2, inline_items) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def title_of(text):
    for line in text.split("\n"):
        if not all(blank(c) for c in line):
            s, e = 0, len(line)
            while s < e and blank(line[s]):
                s += 1
            while e > s and blank(line[e - 1]):
                e -= 1
            return line[s:e]
    return ""


def main(argv=None):
    p = argparse.ArgumentParser(description="Generate a Chinese speech and a sidecar for benchmarks.")
    p.add_argument("--chars", type=int, default=370000,
                   help="length of the speech in code points (default 370000, about 1 MB of UTF-8)")
    p.add_argument("--annotations", type=int, default=20000,
                   help="number of annotations in the sidecar (default 20000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", default=".", help="output folder (default: the current one)")
    p.add_argument("--name", default="bench-speech.txt", help="file name of the speech")
    p.add_argument("--annotation-seed", type=int, default=None,
                   help="another seed for the annotations only: the same speech, "
                        "another member's annotations (default: from --seed)")
    p.add_argument("--sidecar", default=None,
                   help="file name of the sidecar (default NAME.marginalia.json)")
    args = p.parse_args(argv)
    if args.chars < 0 or args.annotations < 0:
        p.error("--chars and --annotations must not be negative")

    rng = random.Random(args.seed)
    text = Speech(rng).build(args.chars)
    if args.annotation_seed is not None:
        rng = random.Random(args.annotation_seed)
    annotations = make_annotations(rng, text, args.annotations)

    data = text.encode("utf-8")
    sidecar = {
        "format": "marginalia-annotations",
        "version": 1,
        "document": {
            "name": args.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "length": len(text),
            "encoding": "UTF-8",
            "title": title_of(text),
        },
        "tags": [{"id": i, "name": n, "color": c, "description": ""} for i, n, c in DEFAULT_TAGS],
        "annotations": annotations,
    }

    os.makedirs(args.out, exist_ok=True)
    speech_path = os.path.join(args.out, args.name)
    sidecar_path = (os.path.join(args.out, args.sidecar) if args.sidecar
                    else speech_path + ".marginalia.json")
    with open(speech_path, "wb") as f:
        f.write(data)
    with open(sidecar_path, "wb") as f:
        f.write((dump(sidecar, inline_items=("tags",)) + "\n").encode("utf-8"))

    print("%s: %d code points, %d bytes" % (speech_path, len(text), len(data)), file=sys.stderr)
    print("%s: %d annotations, %d bytes" % (sidecar_path, len(annotations), os.path.getsize(sidecar_path)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the messy speeches tidy is scored on, from the clean ones we wrote.

For every clean speech in tests/data/tidy/clean/ (and heldout/) it writes
tests/data/tidy/messy/NAME.txt (heldout-messy/) with the artifacts a web
page or a PDF copy adds, and NAME.json, the manifest: each artifact's kind
and its place in the clean text (a code point offset), and the leftover
lines added at the end. The file's encoding and line ends are part of the
case (GB18030, CRLF, a BOM). Deterministic: run again, same bytes.

    python3 bench/gen-tidy-fixtures.py
"""
import json
import os
import random
import re

# MG_TIDY_FIXTURES: another folder laid out the same (clean/, heldout/), such
# as speeches from elsewhere, never committed.
ROOT = os.environ.get('MG_TIDY_FIXTURES') or \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data', 'tidy')

TERMINATORS = '。！？：；.!?:;”"）)'

ZH_LEFTOVERS = [
    ['分享到：微信 微博 QQ空间', '【打印】【关闭窗口】', '责任编辑：李晓明'],
    ['相关文章', '市政府召开常务会议研究部署下半年工作', '我市举行重点项目集中开工仪式',
     '版权所有 © 2024 某某市人民政府 转载请注明出处'],
    ['推荐阅读：港口 物流 发展', 'http://www.example.gov.cn/art/2024/4/18/art_1234.html',
     '来源：某某日报'],
    ['本作品在知识共享署名-相同方式共享许可协议之条款下提供', '上一篇：全市安全生产工作会议召开',
     '下一篇：关于开展文明城市创建工作的通知', '扫一扫在手机打开当前页'],
]
EN_LEFTOVERS = [
    ['Share this: Facebook  Twitter  Email', 'Related articles',
     'County launches new recycling program', 'Copyright © 2025 Clearwater Gazette. All rights reserved.'],
    ['Source: Office of the Mayor', 'https://www.example.org/news/remarks-library-opening',
     'Read more: City budget hearings begin next week'],
    ['This work is licensed under a Creative Commons Attribution 4.0 License.', 'Print this page',
     'Back to top'],
]

CASES = {
    # name: (encoding, line end, bom)
    'zh-harbour': ('gb18030', '\r\n', False),
    'zh-village': ('utf-8', '\n', False),
    'zh-science': ('utf-8', '\r\n', False),
    'zh-water': ('utf-8', '\n', True),
    'en-library': ('utf-8', '\n', False),
    'en-transit': ('utf-8', '\r\n', False),
    'zh-heritage': ('gb18030', '\n', False),
    'zh-youth': ('utf-8', '\r\n', False),
    'en-harbour': ('utf-8', '\n', False),
}


def is_han(c):
    return '\u4e00' <= c <= '\u9fff'


class Messer:
    """Builds the messy text piece by piece, recording artifacts by the
    clean offset they stand at."""

    def __init__(self, rng):
        self.rng = rng
        self.out = []
        self.artifacts = []

    def art(self, kind, pos, text):
        self.artifacts.append({'kind': kind, 'at': pos})
        self.out.append(text)


def mess_paragraph(m, para, start, zh, rng):
    """Writes @para (clean text starting at clean offset @start) with
    spaces and line-break artifacts."""
    heading = len(para) <= 40
    # Indentation, as web pages and word processors leave it.
    if rng.random() < 0.4:
        m.art('spaces', start, '\u3000\u3000' if zh else '    ')
    col = 0
    width = 30 if zh else 68
    pdf = not heading and rng.random() < 0.35
    web_break_at = -1
    if not heading and not pdf and len(para) > 80 and rng.random() < 0.5:
        # Web copies cut a paragraph well into it, at a space in English.
        web_break_at = rng.randrange(25 if zh else 45, len(para) - 20)
        while not zh and web_break_at < len(para) - 1 and para[web_break_at] != ' ':
            web_break_at += 1
    for i, c in enumerate(para):
        pos = start + i
        prev = para[i - 1] if i > 0 else ''
        # Spaces around quotes and between digits and Han.
        if zh and i > 0:
            if c in '“' and rng.random() < 0.7:
                m.art('spaces', pos, ' ')
            elif prev in '“' and rng.random() < 0.7:
                m.art('spaces', pos, ' ')
            elif c in '”' and rng.random() < 0.7:
                m.art('spaces', pos, ' ')
            elif prev in '”' and is_han(c) and rng.random() < 0.5:
                m.art('spaces', pos, ' ')
            elif prev.isdigit() and is_han(c) and rng.random() < 0.5:
                m.art('spaces', pos, ' ')
            elif is_han(prev) and c.isdigit() and rng.random() < 0.5:
                m.art('spaces', pos, ' ')
        if not zh and prev in '.,' and c == ' ' and rng.random() < 0.25:
            # "  " for " ": the clean space is kept, one more added.
            m.art('spaces', pos, ' ')
        if pdf and col >= width and prev not in TERMINATORS and not (zh and c in '，、。；：') \
                and (zh or c == ' '):
            if zh:
                m.art('line-breaks', pos, '\n')
            else:
                m.art('line-breaks', pos, '\n')
                col = 0
                continue  # the space becomes the line end
            col = 0
        if i == web_break_at and prev not in TERMINATORS and c not in '，、。；：,.;:':
            m.art('line-breaks', pos, '\n\n' + (' ' if rng.random() < 0.5 else ''))
            if c == ' ':
                col += 1
                continue  # the space becomes the break
        m.out.append(c)
        col += 1
    if rng.random() < 0.3:
        m.art('spaces', start + len(para), ' ' * rng.randint(1, 3))


def make(name, clean, zh, rng, leftovers):
    m = Messer(rng)
    paras = clean.rstrip('\n').split('\n\n')
    pos = 0
    # Blank lines before the title, as a page copy often starts.
    if rng.random() < 0.5:
        m.art('blank-lines', 0, '\n' * rng.randint(2, 6))
    for k, para in enumerate(paras):
        if k > 0:
            gap = rng.random()
            if gap < 0.35:
                m.art('blank-lines', pos, '\n\n' + '\n' * rng.randint(2, 9))
            else:
                m.out.append('\n\n')
            pos += 2
        # A word cut across lines by a zero-width space line.
        if zh and len(para) > 60 and rng.random() < 0.3:
            cut = rng.randrange(10, len(para) - 10)
            while cut < len(para) - 1 and (para[cut - 1] in TERMINATORS or not is_han(para[cut])
                                           or not is_han(para[cut - 1])):
                cut += 1
            if cut < len(para) - 1:
                mess_paragraph(m, para[:cut], pos, zh, rng)
                m.art('line-breaks', pos + cut, '\n\u200b\n')
                mess_paragraph(m, para[cut:], pos + cut, zh, rng) if False else m.out.append(para[cut:])
                pos += len(para)
                continue
        mess_paragraph(m, para, pos, zh, rng)
        pos += len(para)
    m.out.append('\n')
    pos += 1
    lines = rng.choice(leftovers)
    tail = '\n' + '\n'.join(lines) + '\n'
    if rng.random() < 0.5:
        tail = '\n' + tail
    m.out.append(tail)
    m.artifacts.append({'kind': 'leftovers', 'at': pos, 'lines': lines})
    return ''.join(m.out), m.artifacts


def main():
    for group, out_dir in (('clean', 'messy'), ('heldout', 'heldout-messy')):
        os.makedirs(os.path.join(ROOT, out_dir), exist_ok=True)
        for fname in sorted(os.listdir(os.path.join(ROOT, group))):
            name = fname[:-4]
            if name not in CASES and not os.environ.get('MG_TIDY_FIXTURES'):
                continue
            with open(os.path.join(ROOT, group, fname), encoding='utf-8') as f:
                clean = f.read()
            zh = name.startswith('zh')
            rng = random.Random(name)
            text, artifacts = make(name, clean, zh, rng, ZH_LEFTOVERS if zh else EN_LEFTOVERS)
            encoding, eol, bom = CASES.get(name, ('utf-8', '\n', False))
            data = text.replace('\n', eol).encode(encoding)
            if bom:
                data = b'\xef\xbb\xbf' + data
            with open(os.path.join(ROOT, out_dir, fname), 'wb') as f:
                f.write(data)
            with open(os.path.join(ROOT, out_dir, name + '.json'), 'w', encoding='utf-8') as f:
                json.dump({'clean': group + '/' + fname, 'encoding': encoding,
                           'line_ends': 'CRLF' if eol == '\r\n' else 'LF', 'bom': bom,
                           'artifacts': artifacts}, f, ensure_ascii=False, indent=1)
                f.write('\n')


if __name__ == '__main__':
    main()

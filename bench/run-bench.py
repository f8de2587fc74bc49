#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs Marginalia's re-anchoring and the approx-string-match (Hypothesis)
matcher on every case made by gen-scenarios.py, each as a whole process per
case, scores both with anchor-bench --score, and prints a Markdown table.

usage: run-bench.py [--build DIR] [--cases DIR] [--details]
"""

import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import time

FIELDS = ["surviving", "correct", "wrong", "orphaned", "edited", "edited_correct",
          "deleted", "deleted_placed", "damaged", "damaged_placed", "seconds"]


def score(driver, case, results):
    out = subprocess.run([driver, "--score", results, case], check=True,
                         capture_output=True, text=True).stdout.split("\t")
    return dict(zip(FIELDS, [int(x) for x in out[1:-1]]))


def timed(cmd):
    """Wall-clock and CPU (user + system) seconds of the whole process."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def pct(a, b):
    return "%.2f%%" % (100.0 * a / b) if b else "–"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(here, "..", "build"))
    ap.add_argument("--cases", default=os.path.join(here, "out", "cases"))
    ap.add_argument("--details", action="store_true", help="one row per case")
    args = ap.parse_args()

    driver = os.path.join(args.build, "bench", "anchor-bench")
    node_script = os.path.join(here, "hypothesis-bench.mjs")
    with open(os.path.join(args.cases, "manifest.json")) as f:
        manifest = json.load(f)

    groups = collections.OrderedDict()
    totals = {m: collections.Counter() for m in ("marginalia", "hypothesis")}
    rows = []
    for item in manifest:
        case = os.path.join(args.cases, item["case"])
        t_ours = timed([driver, "--quiet", case])
        t_hyp = timed(["node", node_script, case])
        scenario = item["case"].split(".")[-1]
        lang = "zh" if item["case"].startswith(("zh", "big")) else "en"
        key = "big (1 MB, 20k)" if item["case"].startswith("big") else "%s %s" % (lang, scenario)
        for m, t in (("marginalia", t_ours), ("hypothesis", t_hyp)):
            s = score(driver, case, os.path.join(case, "result-%s.json" % m))
            s["wall"] = t[0]
            s["cpu"] = t[1]
            s["cases"] = 1
            groups.setdefault(key, {}).setdefault(m, collections.Counter()).update(s)
            totals[m].update(s)
            rows.append((item["case"], m, s))
        print("%-48s ours %.3fs (cpu %.3fs)  approx-string-match %.3fs (cpu %.3fs)" % (
            item["case"], t_ours[0], t_ours[1], t_hyp[0], t_hyp[1]), file=sys.stderr)

    def line(name, m, s):
        surv = s["surviving"]
        scored = surv + s["deleted"]
        return "| %s | %s | %d | %s | %s | %s | %d | %s | %.2f s | %.2f s |" % (
            name, m, surv, pct(s["correct"], surv), pct(s["wrong"] + s["deleted_placed"], scored),
            pct(s["orphaned"], surv), s["deleted"], pct(s["deleted_placed"], s["deleted"]),
            s["cpu"], s["wall"])

    print("| scenario | matcher | surviving | placed correctly | placed wrongly | orphaned | deleted | deleted but placed | CPU time | wall time |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key, ms in groups.items():
        for m in ("marginalia", "hypothesis"):
            print(line(key, "Marginalia" if m == "marginalia" else "approx-string-match", ms[m]))
    for m in ("marginalia", "hypothesis"):
        print(line("**all**", "**Marginalia**" if m == "marginalia" else "**approx-string-match**",
                   totals[m]))
    print()
    for m in ("marginalia", "hypothesis"):
        s = totals[m]
        print("%s: %d cases, %d annotations scored; edited (a few characters changed inside) %d, "
              "of which placed correctly %s; damaged (an edge cut, not scored) %d, placed %d." % (
                  "Marginalia" if m == "marginalia" else "approx-string-match", s["cases"],
                  s["surviving"] + s["deleted"], s["edited"], pct(s["edited_correct"], s["edited"]),
                  s["damaged"], s["damaged_placed"]))
    if args.details:
        print()
        print("| case | matcher | surviving | correct | wrong | orphaned | deleted | deleted placed | CPU time |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for case, m, s in rows:
            print("| %s | %s | %d | %d | %d | %d | %d | %d | %.3f s |" % (
                case, m, s["surviving"], s["correct"], s["wrong"], s["orphaned"],
                s["deleted"], s["deleted_placed"], s["cpu"]))


if __name__ == "__main__":
    main()

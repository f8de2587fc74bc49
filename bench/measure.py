#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times whole processes for bench/run.sh.

  measure.py row RESULTS.jsonl --label L --cmd "CMD" [--ref "CMD"] [--ref-label L]
                 [--target-ratio R | --target-seconds S] [--runs N] [--note TEXT]
                 [--until-title TITLE [--ref-title TITLE]]
  measure.py report RESULTS.jsonl RESULTS.md

`row` runs CMD (and REF, its reference, alternately with it) RUNS times as
whole processes, output thrown away, and appends one JSON line: the medians
of the wall-clock times, the peak resident set size (the largest of the
runs, from wait4), and whether the target is met: CMD's median at most R
times REF's median, or at most S seconds. A command that fails stops the
row (exit status 1). `report` prints the Markdown table and puts it into
RESULTS.md between the markers `<!-- bench/run.sh: begin -->` and
`<!-- bench/run.sh: end -->` (appended with a heading when missing).
"""

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time

BEGIN = "<!-- bench/run.sh: begin -->"
END = "<!-- bench/run.sh: end -->"


def run_once(argv):
    """Wall-clock seconds, CPU seconds (user + system) and peak RSS (MB) of
    one run of argv."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # wait4 gives the child's own resource usage (peak RSS included).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write("measure.py: %s exited with %d\n%s" % (shlex.join(argv), code, err))
        sys.exit(1)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def cpu_ticks(pid):
    """User + system CPU ticks of pid (threads included), or None once gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def peak_rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def window_shown(title):
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    return any(title in line and '"' in line for line in tree.splitlines())


def run_until_title(argv, title):
    """Seconds until a window named with title is on the display, the CPU
    seconds used until then, and the peak RSS (MB) once the process is
    idle; then it is terminated."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while not window_shown(title):
        if proc.poll() is not None or time.perf_counter() - start > 300:
            sys.stderr.write("measure.py: %s showed no window named %s\n" % (shlex.join(argv), title))
            proc.kill()
            sys.exit(1)
        time.sleep(0.01)
    shown = time.perf_counter() - start
    shown_cpu = (cpu_ticks(proc.pid) or 0) / os.sysconf("SC_CLK_TCK")
    last_ticks, last_change = -1, time.perf_counter()
    while time.perf_counter() - last_change < 1.0 and time.perf_counter() - start < shown + 20:
        time.sleep(0.05)
        ticks = cpu_ticks(proc.pid)
        if ticks is None:
            break
        if ticks != last_ticks:
            last_ticks, last_change = ticks, time.perf_counter()
    rss = peak_rss_mb(proc.pid)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return shown, shown_cpu, rss


def cmd_row(args):
    global run_once
    cmd = shlex.split(args.cmd)
    ref = shlex.split(args.ref) if args.ref else None
    walls, cpus, rss, ref_walls, ref_cpus, ref_rss = [], [], [], [], [], []
    if args.until_title is not None:
        def run_once(argv):
            title = args.ref_title if argv is ref and args.ref_title else args.until_title
            return run_until_title(argv, title)
    # One untimed run each, to warm the page cache.
    run_once(cmd)
    if ref:
        run_once(ref)
    for _ in range(args.runs):
        w, c, r = run_once(cmd)
        walls.append(w)
        cpus.append(c)
        rss.append(r)
        if ref:
            w, c, r = run_once(ref)
            ref_walls.append(w)
            ref_cpus.append(c)
            ref_rss.append(r)

    row = {
        "label": args.label,
        "cmd": args.cmd,
        "runs": args.runs,
        "median": statistics.median(walls),
        "min": min(walls),
        "cpu": statistics.median(cpus),
        "rss_mb": max(rss),
        "note": args.note or "",
    }
    if ref:
        row.update({
            "ref": args.ref,
            "ref_label": args.ref_label or "reference",
            "ref_median": statistics.median(ref_walls),
            "ref_cpu": statistics.median(ref_cpus),
            "ref_rss_mb": max(ref_rss),
        })
        row["ratio"] = row["median"] / row["ref_median"]
        row["cpu_ratio"] = row["cpu"] / row["ref_cpu"] if row["ref_cpu"] > 0 else 0.0
    if args.target_ratio is not None:
        row["target"] = "≤ %g× %s" % (args.target_ratio, row.get("ref_label", "reference"))
        row["met"] = ref is not None and row["ratio"] <= args.target_ratio
    elif args.target_seconds is not None:
        row["target"] = "≤ %g s" % args.target_seconds
        row["met"] = row["median"] <= args.target_seconds
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(format_row(row), flush=True)


def fmt_s(x):
    return "%.3f s" % x


def format_row(row):
    ref = "—"
    if "ref_median" in row:
        ref = "%s: %s, CPU %s (%.0f MB) → %.2f× (CPU %.2f×)" % (
            row["ref_label"], fmt_s(row["ref_median"]), fmt_s(row["ref_cpu"]),
            row["ref_rss_mb"], row["ratio"], row["cpu_ratio"])
    target = row.get("target", "—")
    if "met" in row:
        target += " " + ("met" if row["met"] else "**not met**")
    note = (" " + row["note"]) if row.get("note") else ""
    return "| %s%s | %s | %s | %.0f MB | %s | %s |" % (row["label"], note, fmt_s(row["median"]),
                                                      fmt_s(row["cpu"]), row["rss_mb"], ref, target)


def cmd_report(args):
    rows = []
    with open(args.results, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    load = os.getloadavg()
    lines = [
        BEGIN,
        "",
        "Written by `bench/run.sh` on %s (%s, %d CPUs, load average %.1f at the end); "
        "wall-clock and CPU (user + system) medians of %d runs of whole processes, each "
        "reference run alternately with its step; peak RSS is the largest of the runs. "
        "Targets are judged on wall-clock time; on a busy machine the CPU ratios are the "
        "steadier figures."
        % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), platform.machine(),
           os.cpu_count() or 0, load[0], rows[0]["runs"] if rows else 0),
        "",
        "| step | wall, median | CPU, median | peak RSS | reference in the same run | target (on wall time) |",
        "|---|---:|---:|---:|---|---|",
    ]
    lines += [format_row(r) for r in rows]
    lines += ["", END]
    table = "\n".join(lines)
    print(table)

    try:
        with open(args.markdown, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        text = "# Benchmark results\n"
    if BEGIN in text and END in text:
        before = text[:text.index(BEGIN)]
        after = text[text.index(END) + len(END):]
        text = before + table + after
    else:
        text = text.rstrip("\n") + "\n\n## `bench/run.sh`: the scale targets side by side\n\n" + table + "\n"
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="what", required=True)
    r = sub.add_parser("row")
    r.add_argument("results")
    r.add_argument("--label", required=True)
    r.add_argument("--cmd", required=True)
    r.add_argument("--ref")
    r.add_argument("--ref-label")
    r.add_argument("--target-ratio", type=float)
    r.add_argument("--target-seconds", type=float)
    r.add_argument("--runs", type=int, default=5)
    r.add_argument("--note")
    r.add_argument("--until-title", metavar="TITLE")
    r.add_argument("--ref-title", metavar="TITLE")
    r.set_defaults(func=cmd_row)
    rep = sub.add_parser("report")
    rep.add_argument("results")
    rep.add_argument("markdown")
    rep.set_defaults(func=cmd_report)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()

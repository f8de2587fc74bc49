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
import tempfile
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


class WindowTitles:
    """The titles of the windows on the display: asked of the X server
    through libX11 in this process (a poll costs well under a millisecond),
    else by running xwininfo (about 10 ms of CPU a poll, taken from the
    program being measured on a small machine)."""

    def __init__(self):
        self.x = None
        try:
            self._open()
        except (OSError, AttributeError):
            self.x = None

    def _open(self):
        import ctypes
        import ctypes.util
        c = ctypes
        x = c.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x.XOpenDisplay.restype = c.c_void_p
        x.XOpenDisplay.argtypes = [c.c_char_p]
        x.XDefaultRootWindow.restype = c.c_ulong
        x.XDefaultRootWindow.argtypes = [c.c_void_p]
        x.XInternAtom.restype = c.c_ulong
        x.XInternAtom.argtypes = [c.c_void_p, c.c_char_p, c.c_int]
        x.XQueryTree.argtypes = [c.c_void_p, c.c_ulong, c.POINTER(c.c_ulong), c.POINTER(c.c_ulong),
                                 c.POINTER(c.POINTER(c.c_ulong)), c.POINTER(c.c_uint)]
        x.XGetWindowProperty.argtypes = [c.c_void_p, c.c_ulong, c.c_ulong, c.c_long, c.c_long, c.c_int,
                                         c.c_ulong, c.POINTER(c.c_ulong), c.POINTER(c.c_int),
                                         c.POINTER(c.c_ulong), c.POINTER(c.c_ulong),
                                         c.POINTER(c.c_void_p)]
        x.XFree.argtypes = [c.c_void_p]
        # A window may go between listing it and asking its name: ignore
        # the X error rather than let libX11's default handler exit.
        handler_type = c.CFUNCTYPE(c.c_int, c.c_void_p, c.c_void_p)
        self._handler = handler_type(lambda display, event: 0)
        x.XSetErrorHandler.argtypes = [handler_type]
        x.XSetErrorHandler(self._handler)
        display = x.XOpenDisplay(None)
        if not display:
            raise OSError("cannot open the display")
        self.c, self.x, self.display = c, x, display
        self.root = x.XDefaultRootWindow(display)
        self.atoms = [x.XInternAtom(display, b"_NET_WM_NAME", 0), x.XInternAtom(display, b"WM_NAME", 0)]

    def _name(self, window):
        c, x = self.c, self.x
        for atom in self.atoms:
            actual_type, actual_format = c.c_ulong(), c.c_int()
            n_items, after, data = c.c_ulong(), c.c_ulong(), c.c_void_p()
            if x.XGetWindowProperty(self.display, window, atom, 0, 4096, 0, 0,  # AnyPropertyType
                                    c.byref(actual_type), c.byref(actual_format), c.byref(n_items),
                                    c.byref(after), c.byref(data)) != 0 or not data.value:
                continue
            try:
                if actual_format.value == 8 and n_items.value > 0:
                    return c.string_at(data.value, n_items.value).decode("utf-8", "replace")
            finally:
                x.XFree(data)
        return ""

    def _titles(self, window, depth=0):
        c, x = self.c, self.x
        root, parent = c.c_ulong(), c.c_ulong()
        children, n = c.POINTER(c.c_ulong)(), c.c_uint()
        if not x.XQueryTree(self.display, window, c.byref(root), c.byref(parent),
                            c.byref(children), c.byref(n)):
            return
        try:
            kids = [children[i] for i in range(n.value)]
        finally:
            if children:
                x.XFree(children)
        for kid in kids:
            yield self._name(kid)
            if depth < 3:
                yield from self._titles(kid, depth + 1)

    def shown(self, title):
        if self.x is None:
            tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
            return any(title in line and '"' in line for line in tree.splitlines())
        return any(title in name for name in self._titles(self.root))


# How long a window may take to show. Under load (and under `nice`) the
# program gets a small share of the processor, so the limit is on the CPU
# time it used, not on the wall clock; the wall-clock limit only catches a
# program that waits for something that never comes.
WINDOW_CPU_LIMIT = 120.0
WINDOW_WALL_LIMIT = 3600.0


def run_until_title(argv, title):
    """Seconds until a window named with title is on the display, the CPU
    seconds used until then, and the peak RSS (MB) once the process is
    idle; then it is terminated."""
    global titles
    if titles is None:
        titles = WindowTitles()
    hz = os.sysconf("SC_CLK_TCK")
    err = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    while not titles.shown(title):
        why = None
        if proc.poll() is not None:
            why = "exited with status %d before" % proc.returncode
        elif (cpu_ticks(proc.pid) or 0) / hz > WINDOW_CPU_LIMIT:
            why = "used %g s of CPU without" % WINDOW_CPU_LIMIT
        elif time.perf_counter() - start > WINDOW_WALL_LIMIT:
            why = "waited %g s without" % WINDOW_WALL_LIMIT
        if why is not None:
            proc.kill()
            proc.wait()
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            sys.stderr.write("measure.py: %s %s showing a window named %s (after %.1f s)\n%s"
                             % (shlex.join(argv), why, title, time.perf_counter() - start, tail))
            sys.exit(1)
        time.sleep(0.005)
    shown = time.perf_counter() - start
    shown_cpu = (cpu_ticks(proc.pid) or 0) / hz
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
    err.close()
    return shown, shown_cpu, rss


titles = None


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

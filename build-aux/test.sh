#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and runs every test (GUI tests under
# Xvfb). Ends with a line "tests: N passed, N failed".
#
#   build-aux/test.sh [--setup asan|valgrind] [meson test arguments…]
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=build-aux/deps.sh
. "$top/build-aux/deps.sh"
extra=""
case " $* " in
  *" asan "*|*"--setup=asan"*) extra="libasan8 libubsan1" ;;
  *" valgrind "*|*"--setup=valgrind"*) extra="valgrind" ;;
esac
# shellcheck disable=SC2086
mg_ensure_packages $MG_BUILD_PACKAGES $MG_TEST_PACKAGES $extra || exit 1

builddir="${MG_BUILDDIR:-$top/build}"
setup_args=()
case " $* " in
  *asan*) builddir="${MG_BUILDDIR:-$top/build-asan}"; setup_args=(-Db_sanitize=address,undefined -Db_lundef=false) ;;
esac

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "${setup_args[@]}" "$builddir" "$top" || exit 1
fi
ninja -C "$builddir" || exit 1
case " $* " in
  # Memcheck's reports, one file per process (see the setup in meson.build).
  *valgrind*) rm -rf "$builddir/meson-logs/valgrind"; mkdir -p "$builddir/meson-logs/valgrind" ;;
esac

meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
status=$?

# meson test names its log after the setup: testlog-asan.json…
log="$builddir/meson-logs/testlog.json"
case " $* " in
  *" --setup "*) setup=$(printf '%s\n' "$@" | grep -A1 -x -- --setup | tail -1)
                 log="$builddir/meson-logs/testlog-$setup.json" ;;
  *"--setup="*) setup=$(printf '%s\n' "$@" | sed -n 's/^--setup=//p')
                log="$builddir/meson-logs/testlog-$setup.json" ;;
esac
python3 - "$log" <<'PY'
# Counts the TAP test cases of every test program; a program that failed
# without reporting a failing case counts as one failure.
import json, re, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            result = entry.get("result")
            out = entry.get("stdout") or ""
            p = f = s = 0
            for tap in out.splitlines():
                if re.match(r"^ok\b", tap):
                    if re.search(r"#\s*skip", tap, re.I):
                        s += 1
                    else:
                        p += 1
                elif re.match(r"^not ok\b", tap):
                    if re.search(r"#\s*todo", tap, re.I):
                        s += 1
                    else:
                        f += 1
            if p + f + s == 0:
                if result in ("OK", "EXPECTEDFAIL"):
                    p = 1
                elif result == "SKIP":
                    s = 1
                else:
                    f = 1
            elif result not in ("OK", "EXPECTEDFAIL", "SKIP") and f == 0:
                f = 1
            passed += p
            failed += f
            skipped += s
except OSError:
    failed += 1
suffix = f", {skipped} skipped" if skipped else ""
print(f"tests: {passed} passed, {failed} failed{suffix}")
PY
case " $* " in
  *valgrind*)
    # A process that goes on as a program memcheck does not follow (the X
    # server, python3) leaves a report without a summary: nothing found.
    logs=$(grep -lE 'ERROR SUMMARY: [1-9]' "$builddir"/meson-logs/valgrind/*.log 2>/dev/null)
    echo "valgrind: $(grep -l 'ERROR SUMMARY' "$builddir"/meson-logs/valgrind/*.log | wc -l) processes checked," \
      "$(printf '%s' "$logs" | grep -c .) with errors"
    for log in $logs; do echo "  $log"; done
    [ -n "$logs" ] && status=1 ;;
esac
exit $status

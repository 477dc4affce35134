#!/usr/bin/env python3
"""Golden tests of ownership-check's text output: each CASE.cpp of this folder is checked and
its standard output compared, exactly, with CASE.expected (the folder's absolute path removed,
so paths read `CASE.cpp:7:4: ...`). Options for a case come from a `// golden-args: ...` line
in it. Output without --no-snippets or --color must also give the --no-snippets output once
its snippet lines (empty, or starting with ` N |`, `   |`, ` ...`) are dropped.

Usage: run_golden.py --checker BIN [--update] [DIR]. --update rewrites the .expected files
from the current output (review the diff before committing). Prints `N passed, N failed`.
"""
import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys

ARGS = re.compile(r"//\s*golden-args:(.*)")
SNIPPET_LINE = re.compile(r"^( +\d* \|.*| \.\.\.)$")


def case_args(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for line in f:
            m = ARGS.search(line)
            if m:
                return shlex.split(m.group(1).strip())
    return []


def run(checker, folder, name, args):
    argv = [checker] + args + [os.path.join(folder, name), "--", "-std=c++20"]
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    p = subprocess.run(argv, capture_output=True, timeout=300, env=env)
    out = p.stdout.decode("utf-8", errors="surrogateescape")
    return p.returncode, out.replace(folder + os.sep, ""), p.stderr.decode("utf-8", errors="replace")


def without_snippets(text):
    return "".join(l for l in text.splitlines(keepends=True)
                   if l.strip("\n") and not SNIPPET_LINE.match(l.rstrip("\n")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checker", required=True)
    ap.add_argument("--update", action="store_true", help="rewrite the .expected files")
    ap.add_argument("dir", nargs="?", default=os.path.dirname(os.path.abspath(__file__)))
    a = ap.parse_args()
    folder = os.path.abspath(a.dir)
    passed = failed = 0
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".cpp") and not n.startswith(".")):
        args = case_args(os.path.join(folder, name))
        rc, out, err = run(a.checker, folder, name, args)
        expected_path = os.path.join(folder, name[:-4] + ".expected")
        problems = []
        if rc not in (0, 1):
            problems.append(f"exit status {rc}: {err.strip()[:500]}")
        if a.update and not problems:
            with open(expected_path, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
                f.write(out)
            print(f"updated {os.path.basename(expected_path)}")
        elif not os.path.exists(expected_path):
            problems.append(f"{os.path.basename(expected_path)} is missing (run with --update)")
        else:
            with open(expected_path, encoding="utf-8", errors="surrogateescape", newline="") as f:
                want = f.read()
            if out != want:
                diff = difflib.unified_diff(want.splitlines(keepends=True), out.splitlines(keepends=True),
                                            os.path.basename(expected_path), "got")
                problems.append("output differs:\n" + "".join(diff))
        # The snippet lines are all that snippets add: dropping them gives the --no-snippets output.
        if not any(x.startswith("--color") or x == "--no-snippets" for x in args):
            _, plain, _ = run(a.checker, folder, name, args + ["--no-snippets"])
            if without_snippets(out) != plain:
                problems.append(f"output without its snippet lines is not the --no-snippets output:\n{plain}")
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "\n".join(problems))
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

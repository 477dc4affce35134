#!/usr/bin/env python3
"""Checks that ownership-check's SARIF on every corpus file is byte-identical to a recorded baseline.

Kept while the analysis is re-laid out (issue 12: behaviour must not change).
  python3 scripts/identical_output.py --record   # writes scripts/identical_output.baseline
  python3 scripts/identical_output.py            # compares; exit 1 and a diff on any change
"""
import argparse, difflib, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "scripts", "identical_output.baseline")
DIRS = [os.path.join(ROOT, "tests", "corpus"), os.path.join(ROOT, "..", "shared", "corpus")]


def run(checker, path):
    p = subprocess.run([checker, "--format=sarif", path], capture_output=True, text=True)
    out = p.stdout.replace(os.path.dirname(path), "<DIR>")
    return f"=== {os.path.basename(os.path.dirname(path))}/{os.path.basename(path)} exit={p.returncode}\n{out}\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checker", default=os.path.join(ROOT, "build", "ownership-check"))
    ap.add_argument("--record", action="store_true")
    a = ap.parse_args()
    files = sorted(os.path.join(d, f) for d in DIRS if os.path.isdir(d) for f in os.listdir(d) if f.endswith(".cpp"))
    with ThreadPoolExecutor(max_workers=2) as ex:
        text = "".join(ex.map(lambda f: run(a.checker, f), files))
    if a.record:
        open(BASELINE, "w").write(text)
        print(f"recorded {len(files)} files")
        return 0
    old = open(BASELINE).read()
    if old == text:
        print(f"identical: {len(files)} files")
        return 0
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True), "baseline", "now", n=2))
    print("DIFFERENT", file=sys.stderr)
    return 1


sys.exit(main())

#!/usr/bin/env python3
"""Quick-fix coverage (spec §4): runs ownership-check --format=sarif on every .cpp of the
given corpus folders and prints, per code, how many diagnostics offer at least one fix.
Suppression actions are not in SARIF fixes, so they never count. With -v, lists the
diagnostics without a fix (file:line code).

  python3 bench/fix_coverage.py --checker build/ownership-check tests/corpus ../shared/corpus
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys


def results(checker, path):
    p = subprocess.run([checker, "--format=sarif", path, "--", "-std=c++20"], capture_output=True, text=True,
                       timeout=300)
    try:
        return json.loads(p.stdout)["runs"][0]["results"]
    except (ValueError, KeyError, IndexError):
        return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checker", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", action="store_true", help="list the diagnostics without a fix")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    files = [os.path.join(d, f) for d in args.dirs for f in sorted(os.listdir(d))
             if f.endswith(".cpp") and not f.startswith(".")]
    total, fixed = collections.Counter(), collections.Counter()
    missing = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for path, res in zip(files, ex.map(lambda p: results(args.checker, p), files)):
            for r in res:
                code = r["ruleId"]
                total[code] += 1
                if r.get("fixes"):
                    fixed[code] += 1
                else:
                    line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    missing.append(f"{os.path.basename(path)}:{line} {code}")
    for code in sorted(total):
        print(f"{code:24} {fixed[code]:4} / {total[code]:4}  {100.0 * fixed[code] / total[code]:5.1f} %")
    all_f, all_t = sum(fixed.values()), sum(total.values())
    print(f"{'all':24} {all_f:4} / {all_t:4}  {100.0 * all_f / max(all_t, 1):5.1f} %")
    if args.v:
        print("\n".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())

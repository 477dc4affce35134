#!/usr/bin/env python3
"""Data-driven corpus test: runs ownership-check on every .cpp file of a folder and
compares the SARIF results with the `// expect: CODE` markers (spec section 6).

Every file must produce exactly the marked (line, code) pairs, nothing else; files
with `// expect-none` must produce nothing. A file may also carry
`// expect-exit: N` to pin the exit status. Prints one line per failing file and a
final `N passed, N failed`; exits 1 when any file fails.

Pinned fixes: `// fix: CODE[, CODE...]` on the line of an expect marker, e.g.

    delete p;  // expect: double-release  // fix: double-release

means every CODE diagnostic on that line must offer at least one quick-fix (SARIF
`fixes`), so a dropped fix fails the run. tests/run_fixes.py applies the fixes and
proves they compile and remove the diagnostic; this pins that they are offered.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import urllib.parse

MARK = re.compile(r"//\s*expect:\s*([a-z\-]+(?:\s*,\s*[a-z\-]+)*)")
FIX_MARK = re.compile(r"//\s*fix:\s*([a-z\-]+(?:\s*,\s*[a-z\-]+)*)")


def expectations(path):
    exp = collections.Counter()
    fixes = set()  # (line, code) whose diagnostics must offer a fix
    none = False
    exit_status = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if "// expect-none" in line:
                none = True
            m = re.search(r"//\s*expect-exit:\s*(\d+)", line)
            if m:
                exit_status = int(m.group(1))
            m = MARK.search(line)
            if m:
                for code in m.group(1).split(","):
                    exp[(n, code.strip())] += 1
            m = FIX_MARK.search(line)
            if m:
                for code in m.group(1).split(","):
                    fixes.add((n, code.strip()))
    return exp, fixes, none, exit_status


def run(checker, path, timeout):
    argv = [checker, "--format=sarif", path, "--", "-std=c++20"]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    got = collections.Counter()
    unfixed = collections.Counter()  # (line, code) diagnostics offering no fix
    if p.returncode not in (0, 1):
        return None, None, p.returncode, p.stderr.strip()
    doc = json.loads(p.stdout)
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        uri = urllib.parse.unquote(loc["artifactLocation"]["uri"].replace("file://", ""))
        if os.path.realpath(uri) != os.path.realpath(path):
            got[(0, r["ruleId"])] += 1
            continue
        got[(loc["region"]["startLine"], r["ruleId"])] += 1
        if not r.get("fixes"):
            unfixed[(loc["region"]["startLine"], r["ruleId"])] += 1
    return got, unfixed, p.returncode, ""


def check(checker, path, timeout):
    exp, fixes, none, exit_status = expectations(path)
    try:
        got, unfixed, rc, err = run(checker, path, timeout)
    except subprocess.TimeoutExpired:
        return path, [f"timed out after {timeout}s"]
    if got is None:
        return path, [f"checker failed with exit status {rc}: {err}"]
    problems = []
    for key, n in (exp - got).items():
        problems.append(f"line {key[0]}: expected {key[1]} (missing {n})")
    for key, n in (got - exp).items():
        problems.append(f"line {key[0]}: unexpected {key[1]} ({n})")
    for key in sorted(fixes):
        if key not in exp:
            problems.append(f"line {key[0]}: `fix: {key[1]}` without `expect: {key[1]}`")
        elif unfixed[key]:
            problems.append(f"line {key[0]}: {key[1]} offers no fix (pinned by `fix:`)")
    if none and got:
        problems.append("expect-none file produced diagnostics")
    if exit_status is not None and rc != exit_status:
        problems.append(f"exit status {rc}, expected {exit_status}")
    return path, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checker", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("corpus")
    args = ap.parse_args()
    files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus) if f.endswith(".cpp") and not f.startswith("."))
    if not files:
        print(f"no .cpp files in {args.corpus}")
        return 1
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, problems in pool.map(lambda f: check(args.checker, f, args.timeout), files):
            if problems:
                failed += 1
                print(f"FAIL {os.path.basename(path)}")
                for p in problems:
                    print(f"    {p}")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

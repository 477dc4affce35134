#!/usr/bin/env python3
"""Multi-file corpus for spec 2d (headers): each case is a folder with src/*.cpp and headers.

For a case, a compile_commands.json is written to a temporary build directory (one entry per
src/*.cpp, compiled in src/ with `-std=c++20 -I<case>/include`, plus the case's `flags` file, one
flag per line, with @CASE@ standing for the case folder), then one `ownership-check -p BUILD
--format=sarif src/*.cpp [ARGS]` run checks every source file (ARGS: the case's `args` file).
`// expect: CODE` markers in any file of the case (sources and headers) must each be matched by
exactly one result at that file and line: a header's diagnostic is reported once per run however
many sources include it. Any other result fails the case. Prints `N passed, N failed`.
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

MARK = re.compile(r"//\s*expect:\s*([a-z\-]+(?:\s*,\s*[a-z\-]+)*)")


def expectations(case):
    exp = collections.Counter()
    for path in sorted(glob.glob(os.path.join(case, "**", "*"), recursive=True)):
        if not os.path.isfile(path) or not path.endswith((".h", ".hpp", ".cpp")):
            continue
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = MARK.search(line)
                if m:
                    for code in m.group(1).split(","):
                        exp[(os.path.realpath(path), n, code.strip())] += 1
    return exp


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def run_case(checker, case):
    case = os.path.realpath(case)
    sources = sorted(glob.glob(os.path.join(case, "src", "*.cpp")))
    flags = [f.replace("@CASE@", case) for f in read_lines(os.path.join(case, "flags"))]
    args = [a.replace("@CASE@", case) for a in read_lines(os.path.join(case, "args"))]
    with tempfile.TemporaryDirectory() as build:
        db = [{"directory": os.path.join(case, "src"), "file": s,
               "arguments": ["clang++", "-std=c++20", "-I" + os.path.join(case, "include")] + flags + ["-c", s]}
              for s in sources]
        with open(os.path.join(build, "compile_commands.json"), "w") as f:
            json.dump(db, f)
        p = subprocess.run([checker, "-p", build, "--format=sarif"] + sources + args,
                           capture_output=True, text=True, timeout=300)
    if p.returncode not in (0, 1):
        return [f"checker exited {p.returncode}: {p.stderr.strip()[:300]}"]
    got = collections.Counter()
    for r in json.loads(p.stdout)["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        path = urllib.parse.unquote(urllib.parse.urlparse(loc["artifactLocation"]["uri"]).path)
        got[(os.path.realpath(path), loc["region"]["startLine"], r["ruleId"])] += 1
    want = expectations(case)
    problems = []
    for key in sorted(set(want) | set(got)):
        if want[key] != got[key]:
            f, line, code = key
            problems.append(f"{os.path.relpath(f, case)}:{line}: {code}: expected {want[key]}, got {got[key]}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checker", required=True)
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    cases = a.cases or sorted(d for d in glob.glob(os.path.join(here, "*")) if os.path.isdir(d))
    passed = failed = 0
    for case in cases:
        problems = run_case(a.checker, case)
        if problems:
            failed += 1
            print(f"FAIL {os.path.basename(case)}")
            for pr in problems:
                print(f"    {pr}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

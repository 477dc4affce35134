#!/usr/bin/env python3
"""Message lint (spec 2b.7): every message and note the checker writes on a corpus names
what the user wrote.

Fails when a message or note contains a compiler-made identifier (`__begin1`, `__range`,
`__end`), when backticks hold prose instead of code (`temporary value`), or when the
note about std's "valid but unspecified" moved-from state is attached to a variable whose
declared type is not a std type. Usage: check_messages.py --checker BIN DIR...
Prints one line per problem and `N passed, N failed` (files); exits 1 on any problem.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

COMPILER_NAMES = re.compile(r"__(begin|range|end)\d*")
BACKTICKED = re.compile(r"`([^`]*)`")
# Prose: two or more plain words and nothing that code has (operators, brackets, ::, digits).
PROSE = re.compile(r"^[A-Za-z]+( [A-Za-z]+)+$")
STD_NOTE = "valid but unspecified"


def std_declared(source, name):
    """Whether `name` (its last component for `r.body`) is declared in `source` with a std type,
    or with a template parameter's type (spec 2d: the note is about the instantiation's type)."""
    n = re.escape(name.split(".")[-1])
    if re.search(r"std::[\w:]+(<[^;{}]*>)?\s*[&*]*\s*\b" + n + r"\b", source):
        return True
    params = set()
    for m in re.finditer(r"template\s*<([^>]*)>", source):
        params.update(re.findall(r"(?:class|typename)\s+(\w+)", m.group(1)))
    for p in params:
        if re.search(r"\b" + re.escape(p) + r"\s*[&*]*\s*\b" + n + r"\b", source):
            return True
    return bool(re.search(r"auto\s*[&*]*\s*\b" + n + r"\b\s*=\s*std::", source))


def problems(checker, path):
    p = subprocess.run([checker, "--format=sarif", path, "--", "-std=c++20"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return [f"{path}: checker exited {p.returncode}: {p.stderr.strip()[:200]}"]
    source = open(path, encoding="utf-8").read()
    out = []
    for r in json.loads(p.stdout)["runs"][0]["results"]:
        line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
        texts = [r["message"]["text"]] + [n["message"]["text"] for n in r.get("relatedLocations", [])]
        for t in texts:
            if COMPILER_NAMES.search(t):
                out.append(f"{path}:{line}: compiler-made name in message: {t!r}")
            for code in BACKTICKED.findall(t):
                if PROSE.match(code):
                    out.append(f"{path}:{line}: prose in backticks: {t!r}")
        if any(STD_NOTE in t for t in texts):
            m = BACKTICKED.search(r["message"]["text"])
            if m and not std_declared(source, m.group(1)):
                out.append(f"{path}:{line}: std-only note on a variable not of std type `{m.group(1)}`")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checker", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    files = sorted(os.path.join(d, f) for d in a.dirs for f in os.listdir(d) if f.endswith(".cpp") and not f.startswith("."))  # .fix_* are run_fixes.py temporaries
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        results = list(ex.map(lambda f: problems(a.checker, f), files))
    failed = 0
    for probs in results:
        failed += bool(probs)
        for line in probs:
            print(line)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())

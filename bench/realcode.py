#!/usr/bin/env python3
# Real-code harness: runs ownership-check over real projects and tallies findings against docs/real-code-review.md.
"""Checks real projects with ownership-check and counts the findings against the review table.

Each CHECKOUT is a project directory holding compile_commands.json, or with a build/
subdirectory that holds it (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON). The project's name
is the directory's name.

Files checked: every entry of the compile database whose file ends in .cc, .cpp or .cxx and
lies inside the checkout, except (paths relative to the checkout):
  always:      a path component that is a build directory (build, build-*, out, or a
               directory holding CMakeCache.txt), or third_party, third-party, external,
               vendor, deps
  by default:  a path component test, tests, testing, testdata, benchmark, benchmarks,
               bench, fuzz, fuzzer, fuzzers, fuzzing; or a file name matching *_test.*,
               *_tests.*, *_unittest.*, *test_main.*, *_bench*, *_benchmark*, *fuzz*
  --include-tests keeps the second group.

A project's files are checked by one `CHECKER -p BUILDDIR -j JOBS --format=sarif FILE...` run
(so a header's functions are analysed and reported once); a file's exit status is derived
from the run (2: could not be checked, 1: an error-level finding in it). Printed first:
functions analysed (the files' own, template instantiations, in headers) and skipped
(templates never instantiated, for errors, at the work cap), from the SARIF run's properties. Printed per project: files, KLOC (non-blank lines of the checked files), wall time,
exit statuses, findings per code and per level, and the review status: each finding is
looked up in the review file's Markdown table by (project, file:line, code) and counted
as TP, FP, noise, or unreviewed. A finding in a header seen from several files counts once.
A total line follows. --json OUT writes every finding (project, file relative to the
checkout, line, col, code, level, message, notes).

Exit status: 0 when the checker ran (whatever it found), 2 when it could not be run at all
(missing checker or compile database) or every file of a project exited 2.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

SOURCE_EXTS = (".cc", ".cpp", ".cxx")
ALWAYS_SKIP_DIRS = {"third_party", "third-party", "external", "vendor", "deps", "out"}
TEST_DIRS = {"test", "tests", "testing", "testdata", "benchmark", "benchmarks", "bench",
             "fuzz", "fuzzer", "fuzzers", "fuzzing"}
TEST_NAME = re.compile(r"(_test|_tests|_unittest|test_main)\.[^.]+$|_bench|_benchmark|fuzz")
VERDICTS = ("TP", "FP", "noise")


def find_build_dir(checkout):
    for d in (checkout, os.path.join(checkout, "build")):
        if os.path.isfile(os.path.join(d, "compile_commands.json")):
            return d
    return None


def is_build_dir(path):
    name = os.path.basename(path)
    return (name == "build" or name.startswith("build-")
            or os.path.isfile(os.path.join(path, "CMakeCache.txt")))


def skip_reason(checkout, rel, include_tests):
    parts = rel.split(os.sep)
    cur = checkout
    for part in parts[:-1]:
        cur = os.path.join(cur, part)
        if part in ALWAYS_SKIP_DIRS or is_build_dir(cur):
            return "build/vendored"
        if not include_tests and part in TEST_DIRS:
            return "test/bench/fuzz"
    if not include_tests and TEST_NAME.search(parts[-1]):
        return "test/bench/fuzz"
    return None


def source_files(checkout, build_dir, include_tests):
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        db = json.load(f)
    files, skipped = set(), collections.Counter()
    for entry in db:
        path = os.path.normpath(os.path.join(entry.get("directory", ""), entry["file"]))
        if not path.endswith(SOURCE_EXTS):
            continue
        rel = os.path.relpath(path, checkout)
        if rel.startswith(".."):
            skipped["outside checkout"] += 1
            continue
        why = skip_reason(checkout, rel, include_tests)
        if why:
            skipped[why] += 1
        else:
            files.add(path)
    return sorted(files), skipped


def uri_to_path(uri):
    if uri.startswith("file://"):
        return urllib.parse.unquote(urllib.parse.urlparse(uri).path)
    return uri


def rel_to(checkout, path):
    rel = os.path.relpath(path, checkout)
    return path if rel.startswith("..") else rel


STAT_KEYS = ("functionsAnalysed", "templateInstantiationsAnalysed", "headerFunctionsAnalysed",
             "mainFileNonTemplateFunctionsAnalysed", "templatesNeverInstantiated",
             "functionsSkippedForErrors", "functionsSkippedAtWorkCap")


def check_project(checker, build_dir, files, jobs):
    """One `CHECKER -p BUILDDIR -j JOBS --format=sarif FILE...` run, so that a header is analysed and
    reported once. Returns ({file: exit status}, SARIF results, {stat: count}, stderr's first line).
    A file's status is 2 when the run reports it could not be checked, 1 when an error-level result
    lies in it, else 0."""
    proc = subprocess.run([checker, "-p", build_dir, "-j", str(jobs), "--format=sarif"] + files,
                          capture_output=True, text=True)
    results, stats, broken = [], collections.Counter(), set()
    try:
        for run in json.loads(proc.stdout or "{}").get("runs", []):
            results.extend(run.get("results", []))
            for k, v in (run.get("properties") or {}).items():
                if isinstance(v, int):
                    stats[k] += v
            for inv in run.get("invocations", []):
                for note in inv.get("toolExecutionNotifications", []):
                    for loc in note.get("locations", []):
                        uri = loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri")
                        if uri:
                            broken.add(os.path.realpath(uri_to_path(uri)))
    except json.JSONDecodeError:
        pass
    statuses = {}
    for f in files:
        statuses[f] = 2 if os.path.realpath(f) in broken or proc.returncode not in (0, 1) else 0
    for r in results:
        if r.get("level") != "error":
            continue
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        p = os.path.realpath(uri_to_path(uri))
        for f in files:
            if os.path.realpath(f) == p and statuses[f] == 0:
                statuses[f] = 1
    err = (proc.stderr.strip().splitlines() or [""])[0]
    return statuses, results, stats, err


def to_finding(project, checkout, result):
    def where(loc):
        phys = loc["physicalLocation"]
        region = phys.get("region", {})
        return (rel_to(checkout, uri_to_path(phys["artifactLocation"]["uri"])),
                region.get("startLine", 0), region.get("startColumn", 0))
    file, line, col = where(result["locations"][0])
    notes = []
    for rel in result.get("relatedLocations", []):
        nf, nl, nc = where(rel)
        notes.append({"file": nf, "line": nl, "col": nc, "message": rel.get("message", {}).get("text", "")})
    return {"project": project, "file": file, "line": line, "col": col,
            "code": result.get("ruleId", "?"), "level": result.get("level", "?"),
            "message": result.get("message", {}).get("text", ""), "notes": notes}


def load_review(path):
    """{(project, file, line, code): verdict} from every Markdown table row with those columns."""
    review = {}
    if not path or not os.path.exists(path):
        return review
    header = None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("|"):
                header = None
                continue
            cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
            if header is None:
                header = [c.lower() for c in cells]
                continue
            if set(cells) <= set("-: "):
                continue
            row = dict(zip(header, cells))
            loc = row.get("file:line", "")
            if not {"project", "code", "verdict"} <= row.keys() or ":" not in loc:
                continue
            file, _, num = loc.rpartition(":")
            if num.isdigit():
                review[(row["project"], file, int(num), row["code"])] = row["verdict"]
    return review


def run_project(args, checkout, review):
    checkout = os.path.abspath(checkout).rstrip(os.sep)
    project = os.path.basename(checkout)
    build_dir = find_build_dir(checkout)
    if not build_dir:
        print(f"{project}: no compile_commands.json in {checkout} or {checkout}/build", file=sys.stderr)
        return None
    files, skipped = source_files(checkout, build_dir, args.include_tests)
    kloc = 0
    for path in files:
        with open(path, errors="replace") as f:
            kloc += sum(1 for line in f if line.strip())
    start = time.monotonic()
    file_status, results, stats, err = check_project(args.checker, build_dir, files, args.jobs)
    wall = time.monotonic() - start

    statuses = collections.Counter()
    findings, seen = [], set()
    failures = []
    for path in files:
        status = file_status[path]
        statuses[status] += 1
        if status not in (0, 1):
            failures.append(f"{rel_to(checkout, path)}: exit {status}: {err}")
    for r in results:
        fd = to_finding(project, checkout, r)
        key = (fd["file"], fd["line"], fd["col"], fd["code"], fd["message"])
        if key not in seen:
            seen.add(key)
            findings.append(fd)
    verdicts = collections.Counter(
        review.get((project, fd["file"], fd["line"], fd["code"]), "unreviewed") for fd in findings)

    skipped_text = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())) or "none"
    print(f"== {project}  ({checkout}, flags from {build_dir})")
    print(f"  files {len(files)} (skipped: {skipped_text}), KLOC {kloc / 1000:.1f}, wall {wall:.1f} s")
    print(f"  exit status: {statuses[0]} x 0, {statuses[1]} x 1, {statuses[2]} x 2"
          + "".join(f", {n} x {s}" for s, n in sorted(statuses.items()) if s not in (0, 1, 2)))
    for line in failures:
        print(f"    {line}")
    if stats:
        print(f"  functions analysed {stats['functionsAnalysed']} (the files' own non-template "
              f"{stats['mainFileNonTemplateFunctionsAnalysed']}, template instantiations "
              f"{stats['templateInstantiationsAnalysed']}, in headers {stats['headerFunctionsAnalysed']}); "
              f"skipped: templates never instantiated {stats['templatesNeverInstantiated']}, "
              f"for errors {stats['functionsSkippedForErrors']}, at the work cap {stats['functionsSkippedAtWorkCap']}")
    print(f"  findings {len(findings)}")
    by_code = collections.Counter(fd["code"] for fd in findings)
    by_level = collections.Counter(fd["level"] for fd in findings)
    print("    per code:  " + (", ".join(f"{c} {n}" for c, n in by_code.most_common()) or "-"))
    print("    per level: " + (", ".join(f"{lv} {n}" for lv, n in by_level.most_common()) or "-"))
    print("  review: " + ", ".join(f"{v} {verdicts[v]}" for v in VERDICTS + ("unreviewed",)))
    return {"project": project, "files": len(files), "kloc": kloc, "wall": wall, "stats": stats,
            "statuses": statuses, "findings": findings, "verdicts": verdicts,
            "all_failed": bool(files) and statuses[2] == len(files)}


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog=__doc__.split("\n", 2)[2],
        usage="python3 bench/realcode.py --checker build/ownership-check [--review FILE] "
              "[--jobs 2] [--json OUT] [--include-tests] CHECKOUT...",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checker", required=True, help="path to ownership-check")
    ap.add_argument("--review", default=os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), "docs", "real-code-review.md"),
        help="review table (default: docs/real-code-review.md)")
    ap.add_argument("--jobs", type=int, default=2, help="files checked in parallel (default 2)")
    ap.add_argument("--json", metavar="OUT", help="write every finding to OUT as JSON")
    ap.add_argument("--include-tests", action="store_true",
                    help="also check tests, benchmarks and fuzzers")
    ap.add_argument("checkouts", nargs="+", metavar="CHECKOUT",
                    help="project directory with compile_commands.json (in it or in its build/)")
    args = ap.parse_args()

    args.checker = os.path.abspath(args.checker)
    if not os.access(args.checker, os.X_OK):
        print(f"realcode.py: checker not found or not executable: {args.checker}", file=sys.stderr)
        return 2
    review = load_review(args.review)
    print(f"checker {args.checker}; review {args.review} ({len(review)} rows); jobs {args.jobs}")

    projects, broken = [], False
    for checkout in args.checkouts:
        res = run_project(args, checkout, review)
        broken |= res is None or res["all_failed"]
        if res:
            projects.append(res)

    statuses = sum((p["statuses"] for p in projects), collections.Counter())
    verdicts = sum((p["verdicts"] for p in projects), collections.Counter())
    findings = [fd for p in projects for fd in p["findings"]]
    print(f"== total: {len(projects)} projects, files {sum(p['files'] for p in projects)}, "
          f"KLOC {sum(p['kloc'] for p in projects) / 1000:.1f}, wall {sum(p['wall'] for p in projects):.1f} s, "
          f"exit 1: {statuses[1]}, exit 2: {statuses[2]}, findings {len(findings)} "
          f"({len(findings) / max(1, sum(p['kloc'] for p in projects)) * 1000:.1f}/KLOC); "
          + ", ".join(f"{v} {verdicts[v]}" for v in VERDICTS + ("unreviewed",)))
    stats = sum((p["stats"] for p in projects), collections.Counter())
    if stats:
        print(f"== functions analysed {stats['functionsAnalysed']} (the files' own non-template "
              f"{stats['mainFileNonTemplateFunctionsAnalysed']}, template instantiations "
              f"{stats['templateInstantiationsAnalysed']}, in headers {stats['headerFunctionsAnalysed']}); "
              f"skipped: templates never instantiated {stats['templatesNeverInstantiated']}, "
              f"for errors {stats['functionsSkippedForErrors']}, at the work cap {stats['functionsSkippedAtWorkCap']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(findings, f, indent=1)
            f.write("\n")
    return 2 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

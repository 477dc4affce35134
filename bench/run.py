# The one-command benchmark of issues 6 and 17: ownership-lsp beside clangd-22 on a realistic generated file and real project files, ownership-check beside clang-22 -fsyntax-only, and RSS growth.
"""run.py - measure ownership-lsp / ownership-check against clangd-22 / clang-22 in one run.

    python3 bench/run.py            # full: 3 runs per file and server, 1,000-edit RSS run (~40 min)
    python3 bench/run.py --quick    # 1 run, 6 + 4 edits per file, 200-edit RSS run (~10 min)
    python3 bench/run.py --quick --only lsp --profile   # the LSP table and where our time goes

(Times on 2 cores shared with other builds, load average 4-8.)

Steps:
  1. installs clangd-22 with apt if it is missing (needs root, or sudo without a password);
  2. generates the inputs with bench/generate.py into WORKDIR/inputs and verifies them
     (clean: no diagnostic; with errors: exactly the injected ones; all compile). Measured:
     realistic.cpp (~2,000 lines, ten subsystems, findings of eight codes) and the real
     project files of REAL_FILES (leveldb db/db_impl.cc, yaml-cpp src/emitterutils.cpp under
     --realcode, default /work/realcode; their flags from the project's compile_commands.json;
     a checkout that is absent, as in CI, is skipped with a message); with --legacy also
     issue 6's inputs (the four repetitive generated files, ../shared/bench/large_generated.cpp);
  3. per input file, bench/lsp_edits.py runs one session per run for our server (as shipped,
     --log=verbose so that its build log says incremental or full, and why) and one for
     `clangd-22 --background-index=false` with `wantDiagnostics: true` (no debounce),
     alternating which goes first, so both see the same machine load. A session: cold open
     -> diagnostics; edits inside a function body (a statement inserted and removed: our
     server re-checks that function only); edits outside every body (a top-level
     declaration inserted and removed: our server re-parses fully); hovers, code actions;
     VmHWM. clangd's standard-library index is turned off by a `.clangd` file
     (`Index: StandardLibrary: No`) in the directory that holds the sessions' temp
     dirs: clangd reads .clangd from every ancestor of the file, and has no flag for it;
     --profile prints where our server's time went per build (its "profile" log lines);
  4. times `ownership-check FILE` against `clang-22 -fsyntax-only -std=c++20 FILE`
     (median wall time of N interleaved runs);
  5. RSS growth: N edits against our server (each waits for its diagnostics), VmRSS
     printed every N/10 edits and the growth in per cent;
  6. prints one table, ours beside clangd with ratios and PASS/MISS per target of the
     issue, and writes everything as JSON (--out, default WORKDIR/results.json).

Our server runs as shipped (its default 30 ms debounce); clangd gets wantDiagnostics so
that its 500 ms debounce is not counted against it. Both get the same compile flags
(-std=c++20, or the project's, via compile_commands.json in the session's temp dir).

Exit status: 0 measured (targets may be MISSed; --strict makes a MISS exit 3);
1 something could not be measured (a server died, diagnostics timed out);
2 setup failed (missing harness, binaries, clangd not installable, bad inputs).
Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED_BENCH = REPO.parent / "shared" / "bench"

sys.dont_write_bytecode = True  # no __pycache__ in the checkout from importing generate / lsp_bench
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402  (bench/generate.py, next to this file)
import lsp_edits  # noqa: E402  (bench/lsp_edits.py: the LSP sessions)

# The targets. "ratio" targets compare ours / clangd's (or clang's) in this run.
TARGETS = {
    "edit_p50": ("ratio", 0.3),      # an edit inside a body, on large files (and every real file)
    "outside_p50": ("ratio", 1.0),   # an edit outside every body: a full re-parse in our server
    "cold": ("ratio", 1.1),
    "hover_p50": ("abs_ms", 5.0),
    "code_action_p50": ("abs_ms", 5.0),
    "peak_rss": ("ratio", 1.0),
    "check": ("ratio", 1.15),
    "rss_growth": ("pct", 10.0),     # "RSS stays flat": growth after warm-up, in per cent
}
LARGE_LINES = 1000  # files at least this long get the edit-latency target

# Real project files (issue 17): (name, checkout under --realcode, the file in it, its build dir,
# the function whose body is edited: a regex of its header, an ordinary function in the middle).
REAL_FILES = [
    ("leveldb/db_impl.cc", "leveldb", "db/db_impl.cc", "build", r"^void DBImpl::BackgroundCompaction\(\) \{$"),
    ("yaml-cpp/emitterutils.cpp", "yaml-cpp", "src/emitterutils.cpp", "build", r"^bool WriteSingleQuotedString\("),
]


def log(msg: str) -> None:
    print(msg, flush=True)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --------------------------------------------------------------------------- setup


def ensure_clangd(clangd: str, no_install: bool) -> str:
    """Path of clangd; installs the clangd-22 package with apt when it is missing."""
    found = shutil.which(clangd)
    if found:
        return found
    if no_install:
        raise SystemExit(f"error: {clangd} not found and --no-install given")
    pkg = "clangd-22"
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None:
        raise SystemExit(f"error: {clangd} not found; install it as root: apt-get install -y {pkg}")
    log(f"{clangd} not found: installing {pkg} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    r = subprocess.run(prefix + ["apt-get", "install", "-y", pkg], env=env)
    if r.returncode != 0:  # the package lists may be stale or missing: update once, retry
        subprocess.run(prefix + ["apt-get", "update"], env=env)
        r = subprocess.run(prefix + ["apt-get", "install", "-y", pkg], env=env)
    found = shutil.which(clangd)
    if r.returncode != 0 or not found:
        raise SystemExit(f"error: could not install {pkg} (apt-get rc={r.returncode}); "
                         f"install it by hand: apt-get install -y {pkg}")
    return found


def tool_version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv + ["--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip().splitlines()[0] if out.strip() else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


# --------------------------------------------------------------------------- LSP runs


def clangd_config_check(run: dict) -> str | None:
    """Reads a kept clangd log: was .clangd loaded, did the standard-library index run?"""
    wd = run.get("workdir")
    if not wd:
        return None
    logf = Path(wd) / "server.stderr.log"
    try:
        text = logf.read_text(errors="replace")
    except OSError:
        return None
    finally:
        if not run.get("errors"):  # a failed run keeps its log for the report
            shutil.rmtree(wd, ignore_errors=True)
    loaded = "Loading config file at" in text
    stdlib = "Indexing c++" in text and "standard library" in text
    return f"config {'loaded' if loaded else 'NOT loaded'}, stdlib index {'ON' if stdlib else 'off'}"


def combine(runs: list[dict]) -> dict:
    """Pools the sessions of one server on one file: edit p50/p90 over all edits of all runs,
    medians over runs for the rest; for our server, how its builds went per kind of edit."""
    out: dict = {"runs": len(runs), "errors": [e for r in runs for e in r.get("errors", [])]}
    body = [x for r in runs for x in r.get("body_ms") or []]
    body_cpu = [x for r in runs for x in r.get("body_cpu_ms") or []]
    outside_cpu = [x for r in runs for x in r.get("outside_cpu_ms") or []]
    outside = [x for r in runs for x in r.get("outside_ms") or []]
    hov = [x for r in runs for x in r.get("hover_ms") or []]
    ca = [x for r in runs for x in r.get("code_action_ms") or []]

    def med(key):
        v = [r[key] for r in runs if r.get(key) is not None]
        return round(statistics.median(v), 2) if v else None

    kinds: dict = {}
    for r in runs:
        if r.get("builds"):
            for ph, c in lsp_edits.build_kinds(r).items():
                for k, n in c.items():
                    kinds.setdefault(ph, {})[k] = kinds.get(ph, {}).get(k, 0) + n
    out.update({
        "cold_ms": med("cold_ms"), "edit_p50_ms": pct(body, 50), "edit_p90_ms": pct(body, 90),
        "outside_p50_ms": pct(outside, 50), "edits": len(body), "outside_edits": len(outside),
        "cold_cpu_ms": med("cold_cpu_ms"), "edit_cpu_p50_ms": pct(body_cpu, 50),
        "outside_cpu_p50_ms": pct(outside_cpu, 50),
        "hover_p50_ms": pct(hov, 50), "code_action_p50_ms": pct(ca, 50), "peak_rss_mb": med("peak_rss_mb"),
        "body_line": runs[0].get("body_line") if runs else None,
        "outside_line": runs[0].get("outside_line") if runs else None,
        "server_info": runs[0].get("server_info") if runs else None, "build_kinds": kinds,
        "profile": lsp_edits.profile_medians(runs),
    })
    return out


pct = lsp_edits.pct  # percentiles, interpolated, as the LSP sessions compute them


# --------------------------------------------------------------------------- CLI timing


def time_cmd(argv: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000.0, r.returncode


def bench_check(checker: Path, clang: str, file: Path, n: int, flags: list[str] | None = None) -> dict:
    """Median wall ms of `ownership-check FILE -- FLAGS` and `clang-22 -fsyntax-only FLAGS FILE`
    (FLAGS: -std=c++20, or a real file's project flags), interleaved (one of each per round) so
    that both see the same load."""
    ours, theirs, rcs = [], [], set()
    flags = flags if flags is not None else ["-std=c++20"]
    ours_argv = [str(checker), str(file)] + (["--", *flags] if flags != ["-std=c++20"] else [])
    clang_argv = [clang, "-fsyntax-only", *flags, str(file)]
    time_cmd(ours_argv)  # warm the page cache for both binaries and the headers
    time_cmd(clang_argv)
    for i in range(n):
        pair = [("ours", ours_argv), ("clang", clang_argv)]
        if i % 2:
            pair.reverse()
        for who, argv in pair:
            ms, rc = time_cmd(argv)
            (ours if who == "ours" else theirs).append(ms)
            rcs.add((who, rc))
    return {"ours_ms": round(statistics.median(ours), 1), "clang_ms": round(statistics.median(theirs), 1),
            "ours_samples_ms": [round(x, 1) for x in ours], "clang_samples_ms": [round(x, 1) for x in theirs],
            "exit_codes": sorted(f"{w}={rc}" for w, rc in rcs)}


# --------------------------------------------------------------------------- RSS growth


def vm_rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_growth(harness_dir: Path, server: str, file: Path, n_edits: int, every: int, timeout: float,
               work: Path, edit_line_1based: int | None) -> dict:
    """Drives our server through n_edits didChange edits (insert / remove a statement in one
    function, like lsp_bench.py), each waiting for the diagnostics of its version, with a hover
    every 10 edits; samples VmRSS of the server pid every `every` edits."""
    sys.path.insert(0, str(harness_dir))
    import lsp_bench  # the shared harness's client, so the wire handling is the same

    work.mkdir(parents=True, exist_ok=True)
    wd = Path(tempfile.mkdtemp(prefix="growth-", dir=work))
    copy = wd / file.name
    text = file.read_text()
    copy.write_text(text)
    lsp_bench.write_compile_db(wd, copy, ["-std=c++20"], "commands", "clang++")
    lines = text.split("\n")
    edit_line = (edit_line_1based - 1) if edit_line_1based else lsp_bench.find_edit_line(lines)
    ins = edit_line + 1
    indent = re.match(r"\s*", lines[ins]).group(0) or "    "
    hover_pos = {"line": edit_line, "character": lsp_bench.find_hover_col(lines[edit_line])}
    uri = copy.as_uri()
    res: dict = {"file": str(file), "edits": n_edits, "edit_line": edit_line + 1, "samples": [],
                 "timeouts": 0, "errors": []}
    client = lsp_bench.LspClient(shlex.split(server), wd, wd / "server.stderr.log", None)
    client.workspace_folders = [{"uri": wd.as_uri(), "name": wd.name}]
    pid = client.pid

    def wait_version(t_send: float, ver: int) -> bool:
        def done() -> bool:
            for ev in client.diag_events:
                if ev["uri"] == uri and ev["t"] > t_send and (ev["version"] is None or ev["version"] >= ver):
                    return True
            return False
        ok = client.pump(time.perf_counter() + timeout, done)
        client.diag_events.clear()  # keep the client's own memory flat over many edits
        return ok

    try:
        rid, _ = client.request("initialize", {
            "processId": os.getpid(), "rootUri": wd.as_uri(), "workspaceFolders": client.workspace_folders,
            "capabilities": lsp_bench.client_capabilities()})
        if client.wait_response(rid, timeout) is None:
            raise lsp_bench.ServerGone("no initialize response")
        client.notify("initialized", {})
        t = client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        if not wait_version(t, 1):
            raise lsp_bench.ServerGone("no diagnostics after didOpen")
        res["samples"].append({"edit": 0, "rss_kb": vm_rss_kb(pid)})
        log(f"    edit {0:5d}: VmRSS {res['samples'][-1]['rss_kb'] / 1024:7.1f} MiB (after open)")
        inserted, consecutive = False, 0
        t_start = time.perf_counter()
        for k in range(1, n_edits + 1):
            if not inserted:
                change = {"range": {"start": {"line": ins, "character": 0}, "end": {"line": ins, "character": 0}},
                          "text": f"{indent}int bench_tmp_{k} = {k};\n"}
            else:
                change = {"range": {"start": {"line": ins, "character": 0},
                                    "end": {"line": ins + 1, "character": 0}}, "text": ""}
            inserted = not inserted
            t = client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": k + 1},
                                                         "contentChanges": [change]})
            if wait_version(t, k + 1):
                consecutive = 0
            else:
                res["timeouts"] += 1
                consecutive += 1
                if consecutive >= 3:
                    res["errors"].append(f"3 edits in a row without diagnostics within {timeout} s (edit {k})")
                    break
            if k % 10 == 0:
                rid, _ = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": hover_pos})
                client.wait_response(rid, timeout)
            if k % every == 0 or k == n_edits:
                rss = vm_rss_kb(pid)
                res["samples"].append({"edit": k, "rss_kb": rss})
                rate = k / (time.perf_counter() - t_start)
                log(f"    edit {k:5d}: VmRSS {rss / 1024:7.1f} MiB  ({rate:.1f} edits/s)")
        hwm = lsp_bench.read_proc_status(pid).get("VmHWM")
        res["peak_rss_mb"] = round(hwm / 1024, 1) if hwm else None
    except lsp_bench.ServerGone as e:
        res["errors"].append(str(e))
    finally:
        res["stop"] = client.stop()
        if not res["errors"]:
            shutil.rmtree(wd, ignore_errors=True)
        else:
            res["workdir"] = str(wd)
    s = [x for x in res["samples"] if x["rss_kb"]]
    # Baseline: the first sample after warm-up (preamble built, allocator arenas grown);
    # the open itself is reported too.
    if len(s) >= 3:
        base, last = s[1], s[-1]
        res["baseline_edit"] = base["edit"]
        res["growth_pct"] = round((last["rss_kb"] - base["rss_kb"]) * 100.0 / base["rss_kb"], 1)
        res["growth_from_open_pct"] = round((last["rss_kb"] - s[0]["rss_kb"]) * 100.0 / s[0]["rss_kb"], 1)
        res["max_rss_mb"] = round(max(x["rss_kb"] for x in s) / 1024, 1)
    return res


# --------------------------------------------------------------------------- report


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "MISS"


def fmt_ms(v) -> str:
    return "n/a" if v is None else (f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms")


def fmt_mb(v) -> str:
    return "n/a" if v is None else f"{v:.0f} MiB"


def ratio(a, b) -> float | None:
    return None if a is None or b in (None, 0) else round(a / b, 2)


def build_rows(results: dict) -> list[dict]:
    """One row per (file, metric): ours, theirs, ratio, target, verdict."""
    rows = []
    for fname, fr in results["lsp"].items():
        o, c = fr["ours"], fr["clangd"]
        large = fr["lines"] >= LARGE_LINES or fr.get("real")

        def add(metric, key, tkey, unit="ms"):
            ov, cv = o.get(key), c.get(key)
            r = ratio(ov, cv)
            tk = TARGETS.get(tkey) if tkey else None
            if tk and tk[0] == "ratio":
                target, v = f"<= {tk[1]:g}x", verdict(r, tk[1])
            elif tk and tk[0] == "abs_ms":
                target, v = f"<= {tk[1]:g} ms", verdict(ov, tk[1])
            else:
                target, v = "", ""
            rows.append({"section": "lsp", "file": fname, "metric": metric, "ours": ov, "theirs": cv,
                         "ratio": r, "target": target, "verdict": v, "unit": unit})

        add("cold open -> diags", "cold_ms", "cold")
        add("  server CPU", "cold_cpu_ms", None)
        add("edit in body -> diags p50", "edit_p50_ms", "edit_p50" if large else None)
        add("edit in body -> diags p90", "edit_p90_ms", None)
        add("  server CPU p50", "edit_cpu_p50_ms", None)
        add("edit outside bodies p50", "outside_p50_ms", "outside_p50" if large else None)
        add("  server CPU p50", "outside_cpu_p50_ms", None)
        add("hover p50", "hover_p50_ms", "hover_p50")
        add("codeAction p50", "code_action_p50_ms", "code_action_p50")
        add("peak RSS (VmHWM)", "peak_rss_mb", "peak_rss", unit="MiB")
    for fname, cr in results["check"].items():
        r = ratio(cr["ours_ms"], cr["clang_ms"])
        rows.append({"section": "check", "file": fname, "metric": "wall time, median", "ours": cr["ours_ms"],
                     "theirs": cr["clang_ms"], "ratio": r, "target": f"<= {TARGETS['check'][1]:g}x",
                     "verdict": verdict(r, TARGETS["check"][1]), "unit": "ms"})
    g = results.get("growth")
    if g:
        gp = g.get("growth_pct")
        rows.append({"section": "growth", "file": Path(g["file"]).name,
                     "metric": f"VmRSS growth, edit {g.get('baseline_edit')} -> {g['samples'][-1]['edit']}",
                     "ours": gp, "theirs": None, "ratio": None, "target": f"<= {TARGETS['rss_growth'][1]:g} %",
                     "verdict": verdict(gp, TARGETS["rss_growth"][1]) if not g.get("errors") else "n/a",
                     "unit": "%"})
    return rows


SECTIONS = {"lsp": ("ownership-lsp", "clangd-22"), "check": ("ownership-check", "clang-22 -fsyntax-only"),
            "growth": ("ownership-lsp", "")}


def print_table(rows: list[dict]) -> None:
    last, section = None, None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            ours_h, theirs_h = SECTIONS[section]
            head = (f"{'file':26s} {'metric':30s} {ours_h:>15s} {theirs_h:>22s} {'ratio':>7s}  "
                    f"{'target':10s} verdict")
            log("")
            log(head)
            log("-" * len(head))
            last = None
        f = r["file"] if r["file"] != last else ""
        last = r["file"]
        if r["unit"] == "MiB":
            o, t = fmt_mb(r["ours"]), fmt_mb(r["theirs"])
        elif r["unit"] == "%":
            o, t = ("n/a" if r["ours"] is None else f"{r['ours']:+.1f} %"), ""
        else:
            o, t = fmt_ms(r["ours"]), fmt_ms(r["theirs"])
        rt = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        log(f"{f:26s} {r['metric']:30s} {o:>15s} {t:>22s} {rt:>7s}  {r['target']:10s} {r['verdict']}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ownership-lsp vs clangd-22, ownership-check vs clang-22 (issues 6, 17)")
    ap.add_argument("--quick", action="store_true",
                    help="1 session per file and server (6 body + 4 outside edits, 3 hovers/code actions), "
                         "3 CLI rounds, 200-edit RSS run")
    ap.add_argument("--runs", type=int, help="sessions per server and file (default 3; quick 1)")
    ap.add_argument("--edits", type=int, help="edits inside a body per session (default 20; quick 6)")
    ap.add_argument("--outside-edits", type=int, help="edits outside bodies per session (default 10; quick 4)")
    ap.add_argument("--hovers", type=int, help="hover requests per session (default 10; quick 3)")
    ap.add_argument("--code-actions", type=int, help="codeAction requests per session (default 10; quick 3)")
    ap.add_argument("--realcode", default="/work/realcode",
                    help="holds the real projects' checkouts (leveldb, yaml-cpp) with their build dirs")
    ap.add_argument("--legacy", action="store_true",
                    help="also measure issue 6's inputs (the repetitive generated files, large_generated.cpp)")
    ap.add_argument("--profile", action="store_true",
                    help="print where our server's time went per build (medians of its profile log lines)")
    ap.add_argument("--check-runs", type=int, help="timed runs of each CLI per file (default 7; quick 3)")
    ap.add_argument("--growth-edits", type=int, help="edits of the RSS-growth run (default 1000; quick 200; 0 skips)")
    ap.add_argument("--growth-file", default="small_clean.cpp",
                    help="generated file (or a path) the RSS-growth run edits; every edit waits for a full "
                         "re-check, so the 300-line file keeps 1,000 edits within ~15 minutes")
    ap.add_argument("--build-dir", default=str(REPO / "build"), help="holds ownership-lsp and ownership-check (default build/)")
    ap.add_argument("--clangd", default="clangd-22", help="clangd binary (installed with apt if missing)")
    ap.add_argument("--clang", default="clang-22", help="compiler timed with -fsyntax-only (default clang-22)")
    ap.add_argument("--harness", default=str(SHARED_BENCH / "lsp_bench.py"),
                    help="the shared LSP harness (default ../shared/bench/lsp_bench.py)")
    ap.add_argument("--shared-file", action="append", default=None,
                    help="extra input measured as is (default ../shared/bench/large_generated.cpp)")
    ap.add_argument("--only", choices=["lsp", "check", "growth"], action="append",
                    help="run only these parts (repeatable)")
    ap.add_argument("--seed", type=int, default=6, help="generator seed (default 6)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each diagnostics/reply (default 120)")
    ap.add_argument("--workdir", default=None, help="where inputs and temp dirs go (default: a new /tmp dir)")
    ap.add_argument("--out", default=None, help="JSON results (default WORKDIR/results.json)")
    ap.add_argument("--no-install", action="store_true", help="do not apt-get install clangd-22")
    ap.add_argument("--strict", action="store_true", help="exit 3 when a target is MISSed")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every session's figures")
    args = ap.parse_args(argv)
    q = args.quick
    for key, quick, full in (("runs", 1, 3), ("edits", 6, 20), ("outside_edits", 4, 10), ("hovers", 3, 10),
                             ("code_actions", 3, 10), ("check_runs", 3, 7), ("growth_edits", 200, 1000)):
        if getattr(args, key) is None:
            setattr(args, key, quick if q else full)
    parts = set(args.only or ["lsp", "check", "growth"])

    # ---- setup: everything checked before anything is measured
    harness = Path(args.harness)
    if not harness.is_file():
        log(f"error: the LSP harness is missing: {harness}\n"
            f"  bench/run.py expects the shared checkout next to the repo ({SHARED_BENCH}); pass --harness PATH")
        return 2
    build = Path(args.build_dir)
    server, checker = build / "ownership-lsp", build / "ownership-check"
    for b in (server, checker):
        if not os.access(b, os.X_OK):
            log(f"error: {b} not found; build it (scripts/build.sh, or cmake + ninja ownership-lsp ownership-check) "
                f"or pass --build-dir")
            return 2
    try:
        clangd = ensure_clangd(args.clangd, args.no_install) if "lsp" in parts else args.clangd
    except SystemExit as e:
        log(str(e))
        return 2
    if "check" in parts and not shutil.which(args.clang):
        log(f"error: {args.clang} not found (apt-get install -y clang-22)")
        return 2
    shared_files = [Path(p) for p in (args.shared_file or
                                      ([str(SHARED_BENCH / "large_generated.cpp")] if args.legacy else []))]
    for p in shared_files:
        if not p.is_file():
            log(f"error: input {p} is missing")
            return 2

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="ownership-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out_path = Path(args.out) if args.out else work / "results.json"
    inputs = work / "inputs"
    lsp_dir = work / "lsp"  # parent of lsp_bench's per-run temp dirs
    lsp_dir.mkdir(exist_ok=True)
    # clangd reads project config from .clangd in any ancestor of the file: this one turns
    # off the standard-library index (platform-facts: "Index: StandardLibrary: No").
    (lsp_dir / ".clangd").write_text("Index:\n  StandardLibrary: No\n")

    results: dict = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"), "host": platform.node(), "cpus": os.cpu_count(),
        "load_at_start": load_average(), "mode": "quick" if q else "full",
        "settings": {k: getattr(args, k) for k in ("runs", "edits", "outside_edits", "hovers", "code_actions",
                                                  "check_runs", "growth_edits", "seed", "timeout", "legacy")},
        "versions": {"ownership-lsp": tool_version([str(server)]), "ownership-check": tool_version([str(checker)]),
                     "clangd": tool_version([clangd]) if "lsp" in parts else None,
                     "clang": tool_version([args.clang])},
        "workdir": str(work), "lsp": {}, "check": {}, "growth": None, "problems": [],
    }
    log(f"bench: workdir {work}; {os.cpu_count()} CPUs, load average {results['load_at_start']}")
    log(f"bench: {results['versions']['ownership-lsp']} / {results['versions']['clangd']} / "
        f"{results['versions']['clang']}")

    # ---- inputs
    manifest = generate.write_all(inputs, args.seed)
    problems = generate.verify(inputs, manifest, str(checker), "clang++-22" if shutil.which("clang++-22")
                               else args.clang.replace("clang", "clang++"))
    results["inputs"] = manifest
    for name, info in manifest["files"].items():
        log(f"bench: input {name}: {info['lines']} lines, {len(info['expected'])} injected errors")
    if problems:
        for p in problems:
            log(f"PROBLEM (inputs): {p}")
        log("error: generated inputs do not check as expected (see above)")
        return 2
    log("bench: inputs verified (clean: 0 diagnostics; errors: exactly the injected ones; all compile)")
    # What is measured: (name, path, flags, body line, outside line, real). Generated files: the
    # manifest's positions; real files: the REAL_FILES function, flags from compile_commands.json.
    inputs_m: list[tuple[str, Path, list[str], int, int, bool]] = []
    names = [generate.REALISTIC] + ([n for n in manifest["files"] if n != generate.REALISTIC] if args.legacy else [])
    for n in names:
        info = manifest["files"][n]
        text_lines = (inputs / n).read_text().split("\n")
        ol = info.get("outside_line") or lsp_edits.pick_positions(text_lines, "^" + re.escape(
            text_lines[info["edit_line"] - 1]) + "$")[1]
        inputs_m.append((n, inputs / n, ["-std=c++20"], info["edit_line"], ol, False))
    for p in shared_files:
        bl, ol = lsp_edits.pick_positions(p.read_text().split("\n"))
        inputs_m.append((p.name, p, ["-std=c++20"], bl, ol, False))
    for name, proj, rel, bdir, prefer in REAL_FILES:
        src, db = Path(args.realcode) / proj / rel, Path(args.realcode) / proj / bdir / "compile_commands.json"
        if not src.is_file() or not db.is_file():
            log(f"bench: SKIP {name}: {src if not src.is_file() else db} is absent (the real projects are not "
                f"checked out here: see README, 'Real code'; --realcode DIR points elsewhere)")
            results["problems_skipped"] = results.get("problems_skipped", []) + [name]
            continue
        try:
            flags = lsp_edits.flags_from_compile_db(db, src)
            bl, ol = lsp_edits.pick_positions(src.read_text().split("\n"), prefer)
        except SystemExit as e:
            log(f"bench: SKIP {name}: {e}")
            continue
        inputs_m.append((name, src, flags, bl, ol, True))
    for name, path, flags, bl, ol, real in inputs_m:
        log(f"bench: input {name}: {path.read_text().count(chr(10))} lines, edit in the body after line {bl}, "
            f"outside bodies at line {ol}" + (f"; flags {' '.join(flags)}" if real else ""))

    # ---- LSP: ours beside clangd, alternating who goes first in each round
    ours_cmd = f"{server.resolve()} --log=verbose"  # absolute (sessions run in a temp cwd); the log: build kinds
    clangd_cmd = f"{clangd} --background-index=false"
    t_all = time.perf_counter()
    if "lsp" in parts:
        for name, f, flags, bl, ol, real in inputs_m:
            runs = {"ours": [], "clangd": []}
            cfg_checks = []
            for i in range(args.runs):
                order = ["ours", "clangd"] if i % 2 == 0 else ["clangd", "ours"]
                for who in order:
                    log(f"bench: lsp {name} run {i + 1}/{args.runs}: {who} (load {load_average()})")
                    r = lsp_edits.session(ours_cmd if who == "ours" else clangd_cmd, f, flags, bl, ol,
                                          body_edits=args.edits, outside_edits=args.outside_edits,
                                          hovers=args.hovers, code_actions=args.code_actions, timeout=args.timeout,
                                          want_diagnostics=who == "clangd", workdir=lsp_dir, keep=who == "clangd",
                                          harness_dir=harness.parent)
                    if who == "clangd":
                        cfg_checks.append(clangd_config_check(r))
                    if args.verbose:
                        log(f"    {lsp_edits.summary(r)}")
                    runs[who].append(r)
            entry = {"lines": f.read_text().count("\n"), "real": real, "flags": flags,
                     "ours": combine(runs["ours"]), "clangd": combine(runs["clangd"]),
                     "clangd_config": cfg_checks, "raw": runs}
            results["lsp"][name] = entry
            for who in ("ours", "clangd"):
                c = entry[who]
                for e in c["errors"]:
                    results["problems"].append(f"lsp {name} {who}: {e}")
                log(f"  {who:7s} cold {fmt_ms(c.get('cold_ms'))}, edit in body p50 {fmt_ms(c.get('edit_p50_ms'))} "
                    f"p90 {fmt_ms(c.get('edit_p90_ms'))}, outside {fmt_ms(c.get('outside_p50_ms'))}, "
                    f"hover {fmt_ms(c.get('hover_p50_ms'))}, codeAction {fmt_ms(c.get('code_action_p50_ms'))}, "
                    f"RSS {fmt_mb(c.get('peak_rss_mb'))}")
            log(f"  ours' builds: {entry['ours']['build_kinds']}")
            if entry["ours"]["build_kinds"].get("body", {}).keys() - {"incremental"}:
                results["problems"].append(f"lsp {name}: not every edit inside the body was incremental: "
                                           f"{entry['ours']['build_kinds']['body']}")
            if any(x and "stdlib index ON" in x for x in cfg_checks):
                results["problems"].append(f"clangd indexed the standard library on {name}: .clangd not honoured")
            log(f"  clangd: {', '.join(sorted(set(x for x in cfg_checks if x))) or 'log not checked'}")

    # ---- CLI: ownership-check beside clang -fsyntax-only
    if "check" in parts:
        for name, f, flags, _, _, _ in inputs_m:
            log(f"bench: ownership-check vs {args.clang} -fsyntax-only on {name} ({args.check_runs} rounds, "
                f"load {load_average()})")
            cr = bench_check(checker, args.clang, f, args.check_runs, flags)
            results["check"][name] = cr
            log(f"  ownership-check {fmt_ms(cr['ours_ms'])}, {args.clang} {fmt_ms(cr['clang_ms'])}  "
                f"(exit codes {', '.join(cr['exit_codes'])})")

    # ---- RSS growth
    if "growth" in parts and args.growth_edits > 0:
        gf = Path(args.growth_file)
        if not gf.is_file():
            gf = inputs / args.growth_file
        every = max(1, args.growth_edits // 10)
        log(f"bench: RSS growth: {args.growth_edits} edits on {gf.name}, VmRSS every {every} "
            f"(load {load_average()})")
        g = rss_growth(harness.parent, str(server.resolve()), gf, args.growth_edits, every, args.timeout,
                       work / "growth", manifest["files"].get(gf.name, {}).get("edit_line") if gf.parent == inputs
                       else None)
        results["growth"] = g
        for e in g["errors"]:
            results["problems"].append(f"growth: {e}")
        if g.get("growth_pct") is not None:
            log(f"  growth {g['growth_pct']:+.1f} % from edit {g['baseline_edit']} to edit {g['samples'][-1]['edit']} "
                f"({g['growth_from_open_pct']:+.1f} % from the open); max VmRSS {g['max_rss_mb']} MiB, "
                f"VmHWM {g.get('peak_rss_mb')} MiB, timeouts {g['timeouts']}")

    results["load_at_end"] = load_average()
    results["elapsed_s"] = round(time.perf_counter() - t_all, 1)
    rows = build_rows(results)
    results["table"] = rows
    misses = [r for r in rows if r["verdict"] == "MISS"]
    passes = [r for r in rows if r["verdict"] == "PASS"]
    log("")
    what = []
    if "lsp" in parts:
        what.append(f"LSP {args.runs} session(s) x ({args.edits} in body + {args.outside_edits} outside) edits "
                    f"per file and server")
    if "check" in parts:
        what.append(f"CLI median of {args.check_runs}")
    if "growth" in parts and args.growth_edits > 0:
        what.append(f"{args.growth_edits}-edit RSS run")
    log(f"=== ours vs clangd-22 / clang-22 ({results['mode']}: {'; '.join(what)}; load average "
        f"{results['load_at_start']} at start, {results['load_at_end']} at end; {os.cpu_count()} CPUs)")
    print_table(rows)
    if args.profile and results["lsp"]:
        log("")
        log("where our server's time goes (medians per build, ms; bench/lsp_edits.py profile_medians):")
        for name, fr in results["lsp"].items():
            lsp_edits.print_profile(name, fr["ours"].get("profile") or {}, log)
    log(f"targets: {len(passes)} PASS, {len(misses)} MISS"
        + (f", {len(results['problems'])} problem(s)" if results["problems"] else ""))
    for p in results["problems"]:
        log(f"PROBLEM: {p}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(results, indent=1) + "\n")
    log(f"results: {out_path}")
    if results["problems"]:
        return 1
    return 3 if (args.strict and misses) else 0


if __name__ == "__main__":
    sys.exit(main())

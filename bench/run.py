# The one-command benchmark of issue 6: ownership-lsp beside clangd-22, ownership-check beside clang-22 -fsyntax-only, and RSS growth over many edits.
"""run.py - measure ownership-lsp / ownership-check against clangd-22 / clang-22 in one run.

    python3 bench/run.py            # full: 3 runs x 20 edits per file, 1,000-edit RSS run (~30 min)
    python3 bench/run.py --quick    # 1 run x 6 edits per file, 200-edit RSS run (~5 min)

(Times on 2 cores shared with other builds, load average 4-8.)

Steps:
  1. installs clangd-22 with apt if it is missing (needs root, or sudo without a password);
  2. generates the inputs with bench/generate.py into WORKDIR/inputs (a ~300- and a
     ~2,000-line file, clean and with injected ownership errors) and verifies them
     (clean: no diagnostic; errors: exactly the injected ones; all compile);
  3. per input file (the four generated ones and ../shared/bench/large_generated.cpp),
     runs ../shared/bench/lsp_bench.py once per run for our server and once for
     `clangd-22 --background-index=false` with `wantDiagnostics: true` (no debounce),
     alternating which goes first, so both see the same machine load;
     clangd's standard-library index is turned off by a `.clangd` file
     (`Index: StandardLibrary: No`) in the directory that holds the harness's temp
     dirs: clangd reads .clangd from every ancestor of the file, and has no flag for it;
  4. times `ownership-check FILE` against `clang-22 -fsyntax-only -std=c++20 FILE`
     (median wall time of N interleaved runs);
  5. RSS growth: N edits against our server (each waits for its diagnostics), VmRSS
     printed every N/10 edits and the growth in per cent;
  6. prints one table, ours beside clangd with ratios and PASS/MISS per target of the
     issue, and writes everything as JSON (--out, default WORKDIR/results.json).

Our server runs as shipped (its default 30 ms debounce); clangd gets wantDiagnostics so
that its 500 ms debounce is not counted against it. Both get the same compile flags
(-std=c++20, via compile_commands.json in the harness's temp dir).

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

# The targets. "ratio" targets compare ours / clangd's (or clang's) in this run.
TARGETS = {
    "edit_p50": ("ratio", 0.3),      # on the 2,000-line files only
    "cold": ("ratio", 1.1),
    "hover_p50": ("abs_ms", 5.0),
    "code_action_p50": ("abs_ms", 5.0),
    "peak_rss": ("ratio", 1.0),
    "check": ("ratio", 1.15),
    "rss_growth": ("pct", 10.0),     # "RSS stays flat": growth after warm-up, in per cent
}
LARGE_LINES = 1000  # files at least this long get the edit-latency target


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


def run_harness(harness: Path, server: str, file: Path, args, lsp_dir: Path, label: str,
                want_diagnostics: bool, keep: bool, edit_line: int | None) -> dict:
    """One lsp_bench.py run (--runs 1); returns its JSON summary (or an error record)."""
    cmd = [sys.executable, str(harness), "--server", server, "--file", str(file),
           "--compile-flags", "-std=c++20", "--edits", str(args.edits), "--hovers", str(args.hovers),
           "--code-actions", str(args.code_actions), "--timeout", str(args.timeout),
           "--workdir", str(lsp_dir), "--label", label, "--json"]
    if want_diagnostics:
        cmd.append("--want-diagnostics")
    if edit_line:
        cmd += ["--edit-line", str(edit_line)]
    if keep:
        cmd.append("--keep")
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    lines = r.stdout.strip().splitlines()
    try:
        data = json.loads(lines[-1])
    except (IndexError, ValueError):
        return {"error": f"lsp_bench.py rc={r.returncode}, no JSON; stderr: {r.stderr.strip()[-800:]}",
                "stdout_tail": "\n".join(lines[-15:])}
    data["harness_rc"] = r.returncode
    data["harness_wall_s"] = round(wall, 1)
    if args.verbose:
        print("\n".join(lines[:-1]))
    return data


def clangd_config_check(run: dict) -> str | None:
    """Reads a kept clangd log: was .clangd loaded, did the standard-library index run?"""
    per = (run.get("per_run") or [{}])[0]
    wd = per.get("workdir")
    if not wd:
        return None
    logf = Path(wd) / "server.stderr.log"
    try:
        text = logf.read_text(errors="replace")
    except OSError:
        return None
    finally:
        if not per.get("errors"):  # a failed run keeps its log for the report
            shutil.rmtree(wd, ignore_errors=True)
    loaded = "Loading config file at" in text
    stdlib = "Indexing c++" in text and "standard library" in text
    return f"config {'loaded' if loaded else 'NOT loaded'}, stdlib index {'ON' if stdlib else 'off'}"


def combine(runs: list[dict]) -> dict:
    """Pools the runs of one server on one file: edit p50/p90 over all edits of all runs,
    medians over runs for the rest."""
    per = [p for r in runs if "per_run" in r for p in r["per_run"]]
    out: dict = {"runs": len(per), "errors": [e for p in per for e in p.get("errors", [])]
                 + [r["error"] for r in runs if "error" in r]}
    if not per:
        return out
    edits = [x for p in per for x in p.get("edit_samples_ms") or []]
    cpu = [x for p in per for x in p.get("edit_cpu_samples_ms") or []]
    hov = [x for p in per for x in p.get("hover_samples_ms") or []]
    ca = [x for p in per for x in p.get("code_action_samples_ms") or []]

    def med(key):
        v = [p[key] for p in per if p.get(key) is not None]
        return round(statistics.median(v), 2) if v else None

    out.update({
        "cold_ms": med("cold_ms"), "cold_cpu_ms": med("cold_cpu_ms"),
        "edit_p50_ms": pct(edits, 50), "edit_p90_ms": pct(edits, 90), "edit_cpu_p50_ms": pct(cpu, 50),
        "edits": len(edits), "edit_timeouts": sum(p.get("edit_timeouts") or 0 for p in per),
        "hover_p50_ms": pct(hov, 50), "code_action_p50_ms": pct(ca, 50),
        "peak_rss_mb": med("peak_rss_mb"),
        "edit_line": per[0].get("edit_line"), "server_info": per[0].get("server_info"),
    })
    return out


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return round(v[lo] + (v[hi] - v[lo]) * (k - lo), 2)


# --------------------------------------------------------------------------- CLI timing


def time_cmd(argv: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000.0, r.returncode


def bench_check(checker: Path, clang: str, file: Path, n: int) -> dict:
    """Median wall ms of `ownership-check FILE` and `clang-22 -fsyntax-only -std=c++20 FILE`,
    interleaved (one of each per round) so that both see the same load."""
    ours, theirs, rcs = [], [], set()
    time_cmd([str(checker), str(file)])  # warm the page cache for both binaries and the headers
    time_cmd([clang, "-fsyntax-only", "-std=c++20", str(file)])
    for i in range(n):
        pair = [("ours", [str(checker), str(file)]), ("clang", [clang, "-fsyntax-only", "-std=c++20", str(file)])]
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
        large = fr["lines"] >= LARGE_LINES

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
        add("edit -> diags p50", "edit_p50_ms", "edit_p50" if large else None)
        add("edit -> diags p90", "edit_p90_ms", None)
        add("  server CPU / edit p50", "edit_cpu_p50_ms", None)
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
            head = (f"{'file':22s} {'metric':32s} {ours_h:>15s} {theirs_h:>22s} {'ratio':>7s}  "
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
        log(f"{f:22s} {r['metric']:32s} {o:>15s} {t:>22s} {rt:>7s}  {r['target']:10s} {r['verdict']}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ownership-lsp vs clangd-22, ownership-check vs clang-22 (issue 6)")
    ap.add_argument("--quick", action="store_true",
                    help="1 run x 6 edits per file, 5 hovers/code actions, 3 CLI rounds, 200-edit RSS run")
    ap.add_argument("--runs", type=int, help="lsp_bench runs per server and file (default 3; quick 1)")
    ap.add_argument("--edits", type=int, help="edits per lsp_bench run (default 20; quick 6)")
    ap.add_argument("--hovers", type=int, help="hover requests per run (default 20; quick 5)")
    ap.add_argument("--code-actions", type=int, help="codeAction requests per run (default 20; quick 5)")
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
    ap.add_argument("-v", "--verbose", action="store_true", help="print lsp_bench.py's own report per run")
    args = ap.parse_args(argv)
    q = args.quick
    for key, quick, full in (("runs", 1, 3), ("edits", 6, 20), ("hovers", 5, 20), ("code_actions", 5, 20),
                             ("check_runs", 3, 7), ("growth_edits", 200, 1000)):
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
    shared_files = [Path(p) for p in (args.shared_file or [str(SHARED_BENCH / "large_generated.cpp")])]
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
        "settings": {k: getattr(args, k) for k in ("runs", "edits", "hovers", "code_actions", "check_runs",
                                                  "growth_edits", "seed", "timeout")},
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
    files = [inputs / n for n in manifest["files"]] + shared_files
    # Generated files: edit inside a free function's body; others: lsp_bench.py's own choice.
    edit_lines = {n: info["edit_line"] for n, info in manifest["files"].items()}

    # ---- LSP: ours beside clangd, alternating who goes first in each round
    ours_cmd = str(server.resolve())  # the harness starts servers in a temp cwd: absolute path
    clangd_cmd = f"{clangd} --background-index=false"
    t_all = time.perf_counter()
    if "lsp" in parts:
        for f in files:
            lines = f.read_text().count("\n")
            el = edit_lines.get(f.name)
            runs = {"ours": [], "clangd": []}
            cfg_checks = []
            for i in range(args.runs):
                order = ["ours", "clangd"] if i % 2 == 0 else ["clangd", "ours"]
                for who in order:
                    log(f"bench: lsp {f.name} run {i + 1}/{args.runs}: {who} (load {load_average()})")
                    if who == "ours":
                        r = run_harness(harness, ours_cmd, f, args, lsp_dir, "ownership-lsp", False, False, el)
                    else:
                        r = run_harness(harness, clangd_cmd, f, args, lsp_dir, "clangd", True, True, el)
                        cfg_checks.append(clangd_config_check(r))
                    runs[who].append(r)
            entry = {"lines": lines, "ours": combine(runs["ours"]), "clangd": combine(runs["clangd"]),
                     "clangd_config": cfg_checks, "raw": runs}
            results["lsp"][f.name] = entry
            for who in ("ours", "clangd"):
                c = entry[who]
                for e in c["errors"]:
                    results["problems"].append(f"lsp {f.name} {who}: {e}")
                log(f"  {who:7s} cold {fmt_ms(c.get('cold_ms'))}, edit p50 {fmt_ms(c.get('edit_p50_ms'))} "
                    f"p90 {fmt_ms(c.get('edit_p90_ms'))}, hover {fmt_ms(c.get('hover_p50_ms'))}, "
                    f"codeAction {fmt_ms(c.get('code_action_p50_ms'))}, RSS {fmt_mb(c.get('peak_rss_mb'))}")
            if any(x and "stdlib index ON" in x for x in cfg_checks):
                results["problems"].append(f"clangd indexed the standard library on {f.name}: .clangd not honoured")
            log(f"  clangd: {', '.join(sorted(set(x for x in cfg_checks if x))) or 'log not checked'}")

    # ---- CLI: ownership-check beside clang -fsyntax-only
    if "check" in parts:
        for f in files:
            log(f"bench: ownership-check vs {args.clang} -fsyntax-only on {f.name} ({args.check_runs} rounds, "
                f"load {load_average()})")
            cr = bench_check(checker, args.clang, f, args.check_runs)
            results["check"][f.name] = cr
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
        g = rss_growth(harness.parent, ours_cmd, gf, args.growth_edits, every, args.timeout, work / "growth",
                       edit_lines.get(gf.name) if gf.parent == inputs else None)
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
        what.append(f"LSP {args.runs} run(s) x {args.edits} edits per file and server")
    if "check" in parts:
        what.append(f"CLI median of {args.check_runs}")
    if "growth" in parts and args.growth_edits > 0:
        what.append(f"{args.growth_edits}-edit RSS run")
    log(f"=== ours vs clangd-22 / clang-22 ({results['mode']}: {'; '.join(what)}; load average "
        f"{results['load_at_start']} at start, {results['load_at_end']} at end; {os.cpu_count()} CPUs)")
    print_table(rows)
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

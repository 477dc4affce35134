# The edit driver of bench/run.py, soak.py and profile.py: one LSP session that times cold open, edits inside a body and edits outside every body.
"""lsp_edits.py - drive one language server through the edits issue 17 measures.

    python3 bench/lsp_edits.py --server "build/ownership-lsp --log=verbose" --file F \\
        [--compile-db /path/to/compile_commands.json | --flags "-std=c++20"] \\
        [--body-line N] [--outside-line M] [--body-edits 10] [--outside-edits 6] [--json]

Why not ../shared/bench/lsp_bench.py alone: it edits one place (a statement inserted after a
function header) and copies the file into a temp dir with flags of its own. Issue 17 also needs
an edit outside every body (a top-level declaration inserted and removed: our server re-parses
the whole file, see its log's "full: ... (edit outside function bodies)") and real project files
compiled with their project's flags. The wire (LspClient: framing, server requests, VmHWM) is
lsp_bench.py's, imported, so both tools see servers the same way; /work/shared is never modified.

One session, per server and file (a fresh server, a fresh temp dir holding a copy of the file and
a compile_commands.json with the flags):
  1. initialize; didOpen; the first publishDiagnostics           -> cold_ms
  2. --body-edits didChange edits: `int bench_tmp_K = K;` inserted after --body-line (a function
     header ending with '{'), then removed again, alternately     -> body_ms (one per edit)
  3. --outside-edits: `void bench_decl_K();` inserted at --outside-line (a blank top-level line),
     then removed again                                            -> outside_ms
     Each edit waits for the diagnostics of its version; a pause before each (--pause-ms) lets
     the server go idle, as an editor's user would.
  4. hovers at the body function's name, code actions over the whole file -> hover_ms, code_action_ms
  5. VmHWM of the server process (peak RSS), then shutdown/exit.
For clangd, didChange carries `wantDiagnostics: true` (no debounce). With our server run with
--log=verbose, the per-build log lines are parsed (`builds`: version, incremental or full and why,
and the timing fields), so a run says whether its body edits really were incremental.
Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SHARED_BENCH = BENCH.parent.parent / "shared" / "bench"
CONTROL = ("if", "for", "while", "switch", "catch", "else", "do", "try", "namespace", "class", "struct",
           "enum", "union", "extern")


def import_harness(harness_dir: Path | None = None):
    """lsp_bench.py from the shared checkout (its client and /proc helpers)."""
    d = Path(harness_dir) if harness_dir else SHARED_BENCH
    if not (d / "lsp_bench.py").is_file():
        raise SystemExit(f"error: the shared LSP harness is missing: {d / 'lsp_bench.py'}")
    sys.dont_write_bytecode = True
    if str(d) not in sys.path:
        sys.path.insert(0, str(d))
    import lsp_bench  # noqa: E402
    return lsp_bench


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return round(v[lo] + (v[hi] - v[lo]) * (k - lo), 2)


# --------------------------------------------------------------------------- flags and positions


def flags_from_compile_db(db: Path, source: Path) -> list[str]:
    """The compile flags of `source` in a compile_commands.json: no compiler, no -c/-o, no input;
    relative include paths made absolute (the copy is compiled from another directory), and the
    source's own directory added with -iquote so that `#include "x.h"` next to it still resolves."""
    entries = json.loads(db.read_text())
    src = source.resolve()
    for e in entries:
        f = Path(e["file"])
        if not f.is_absolute():
            f = Path(e["directory"]) / f
        if f.resolve() != src:
            continue
        argv = e.get("arguments") or shlex.split(e["command"])
        d = Path(e["directory"])
        out: list[str] = []
        i = 1
        while i < len(argv):
            a = argv[i]
            if a in ("-c", "-S", "-E"):
                i += 1
                continue
            if a in ("-o", "-MF", "-MT", "-MQ"):
                i += 2
                continue
            if a.startswith("-o") and len(a) > 2:
                i += 1
                continue
            try:
                if Path(a).resolve() == src:
                    i += 1
                    continue
            except (OSError, ValueError):
                pass
            for opt in ("-I", "-isystem", "-iquote", "-idirafter"):
                if a == opt and i + 1 < len(argv):
                    p = argv[i + 1]
                    out += [opt, str(d / p) if not os.path.isabs(p) else p]
                    i += 2
                    break
                if a.startswith(opt) and len(a) > len(opt) and opt == "-I":
                    p = a[2:]
                    out.append("-I" + (str(d / p) if not os.path.isabs(p) else p))
                    i += 1
                    break
            else:
                out.append(a)
                i += 1
        return out + ["-iquote", str(src.parent)]
    raise SystemExit(f"error: {source} has no entry in {db}")


HEADER = re.compile(r"^[A-Za-z_][\w:<>,*& ]*[\w>&*]\s+[\w:~]+\(.*\)\s*(const\s*)?\{$")


def function_end(lines: list[str], header: int) -> int:
    """0-based index of the `}` at column 0 that closes the function whose header is `header`."""
    for i in range(header + 1, len(lines)):
        if lines[i] == "}":
            return i
    raise ValueError(f"no closing brace at column 0 after line {header + 1}")


def pick_positions(lines: list[str], prefer: str | None = None) -> tuple[int, int]:
    """(body line, outside line), 1-based. The body line is a function header ending with '{'
    (`prefer`, a regex, first; else the first at or after the middle whose result is not a
    pointer, reference or view: such a function's body is read by its callers' analysis, so our
    server re-checks the whole file for it), the outside line the blank line after its body."""
    cands: list[int] = []
    if prefer:
        cands = [i for i, l in enumerate(lines) if re.search(prefer, l)]
    if not cands:
        mid = len(lines) // 2
        for i in list(range(mid, len(lines))) + list(range(0, mid)):
            s = lines[i]
            m = HEADER.match(s)
            if not m or s.split("(")[0].split()[0] in CONTROL:
                continue
            ret = s.split("(")[0].rsplit(None, 1)[0]
            if any(c in ret for c in "*&") or "view" in ret or "span" in ret:
                continue
            name = s.split("(")[0].split()[-1]
            if "::" in name and name.split("::")[-1] == name.split("::")[-2]:
                continue  # a constructor
            cands.append(i)
            break
    if not cands:
        raise SystemExit("no function header to edit; pass --body-line")
    h = cands[0]
    end = function_end(lines, h)
    if end + 1 >= len(lines) or lines[end + 1].strip():
        raise SystemExit(f"no blank line after the function at line {h + 1}; pass --outside-line")
    return h + 1, end + 2


# --------------------------------------------------------------------------- our server's log

BUILT = re.compile(r"built (?P<path>.+) v(?P<v>\d+) in (?P<ms>\d+) ms \(parse (?P<parse>\d+) ms")
KIND = re.compile(r"^(?P<kind>incremental|full): re-checked (?P<n>\d+) of (?P<of>\d+) functions(?: \((?P<why>.*)\))?$")
PROFILE = re.compile(r"profile (?P<path>.+) v(?P<v>\d+): (?P<fields>.*)$")


def parse_server_log(text: str) -> dict[int, dict]:
    """version -> {ms, parse_ms, kind, reason, checked, of, profile: {field: ms}} from our server's
    verbose log (server/DocumentWorker.cpp's "built ..." / "incremental|full: ..." / "profile ..." lines)."""
    out: dict[int, dict] = {}
    last: int | None = None
    for line in text.splitlines():
        body = line[line.find("] ") + 2:] if line[:1] in "EIV" and "] " in line else line
        m = BUILT.search(body)
        if m:
            last = int(m.group("v"))
            out[last] = {"ms": int(m.group("ms")), "parse_ms": int(m.group("parse"))}
            continue
        m = KIND.match(body)
        if m and last is not None:
            out[last].update({"kind": m.group("kind"), "reason": m.group("why") or "", "checked": int(m.group("n")),
                              "of": int(m.group("of"))})
            continue
        m = PROFILE.search(body)
        if m:
            fields = {}
            for kv in m.group("fields").split():
                k, _, v = kv.partition("=")
                try:
                    fields[k] = float(v)
                except ValueError:
                    fields[k] = v
            out.setdefault(int(m.group("v")), {})["profile"] = fields
    return out


# --------------------------------------------------------------------------- one session


def session(server: str, file: Path, flags: list[str], body_line: int, outside_line: int, *,
            body_edits: int = 10, outside_edits: int = 6, hovers: int = 3, code_actions: int = 3,
            timeout: float = 120.0, pause_ms: float = 100.0, want_diagnostics: bool = False,
            workdir: Path | None = None, keep: bool = False, harness_dir: Path | None = None,
            init_options: dict | None = None, on_edit=None, on_phase=None) -> dict:
    """One server, one file (see the module doc). `server` is a command line. Returns a dict of
    lists of ms and scalars; `errors` lists what went wrong (an empty list: all measured).
    on_edit(kind, k, version, ms) follows each edit; on_phase(event, kind, pid) comes with "start"
    and "end" around each kind's edits (bench/profile.py samples the server in between)."""
    lb = import_harness(harness_dir)
    parent = Path(workdir) if workdir else Path(tempfile.gettempdir()) / "lsp-edits"
    parent.mkdir(parents=True, exist_ok=True)
    wd = Path(tempfile.mkdtemp(prefix="s-", dir=parent))
    copy = wd / file.name
    text = file.read_text()
    copy.write_text(text)
    (wd / "compile_commands.json").write_text(json.dumps(
        [{"directory": str(wd), "file": str(copy), "arguments": ["clang++", *flags, "-c", str(copy)]}], indent=1) + "\n")
    lines = text.split("\n")
    uri = copy.as_uri()
    body_at = body_line  # 0-based index of the line the statement is inserted before
    m = re.match(r"\s*", lines[body_at]) if body_at < len(lines) else None
    indent = (m.group(0) if m and lines[body_at].strip() else "") or "    "
    outside_at = outside_line - 1
    hover_pos = {"line": body_line - 1, "character": lb.find_hover_col(lines[body_line - 1])}
    res: dict = {"server": server, "file": str(file), "lines": text.count("\n"), "flags": flags,
                 "body_line": body_line, "outside_line": outside_line,
                 "body_line_text": lines[body_line - 1].strip()[:100], "cold_ms": None, "body_ms": [],
                 "outside_ms": [], "hover_ms": [], "code_action_ms": [], "errors": [], "workdir": str(wd),
                 # The server's CPU time (all threads, /proc) per open and edit: on a loaded machine the
                 # wall time includes waiting for a core, the CPU time much less so.
                 "cold_cpu_ms": None, "body_cpu_ms": [], "outside_cpu_ms": []}
    client = lb.LspClient(shlex.split(server), wd, wd / "server.stderr.log", None)
    client.workspace_folders = [{"uri": wd.as_uri(), "name": wd.name}]
    res["pid"] = client.pid
    version = 1
    last_diags: list = []

    def wait(t_send: float, ver: int):
        hit: dict = {}

        def done() -> bool:
            for ev in client.diag_events:
                if ev["uri"] == uri and ev["t"] > t_send and (ev["version"] is None or ev["version"] >= ver):
                    hit["ev"] = ev
                    return True
            return False
        ok = client.pump(t_send + timeout, done)
        client.diag_events.clear()  # flat client memory over long runs
        return hit.get("ev") if ok else None

    def edit(at: int, stmt: str | None) -> dict:
        nonlocal version
        version += 1
        if stmt is not None:
            change = {"range": {"start": {"line": at, "character": 0}, "end": {"line": at, "character": 0}},
                      "text": stmt + "\n"}
        else:
            change = {"range": {"start": {"line": at, "character": 0}, "end": {"line": at + 1, "character": 0}},
                      "text": ""}
        params = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
        if want_diagnostics:
            params["wantDiagnostics"] = True  # clangd's extension: skip its debounce
        return params

    try:
        init = {"processId": os.getpid(), "clientInfo": {"name": "lsp_edits", "version": "1"},
                "rootUri": wd.as_uri(), "rootPath": str(wd), "workspaceFolders": client.workspace_folders,
                "capabilities": lb.client_capabilities()}
        if init_options is not None:
            init["initializationOptions"] = init_options
        rid, _ = client.request("initialize", init)
        r = client.wait_response(rid, timeout)
        if r is None:
            raise lb.ServerGone(f"no initialize response within {timeout} s")
        res["server_info"] = (r[1].get("result") or {}).get("serverInfo")
        client.notify("initialized", {})
        cpu0 = lb.cpu_seconds(client.pid)
        t = client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                                     "version": 1, "text": text}})
        ev = wait(t, 1)
        if ev is None:
            raise lb.ServerGone(f"no diagnostics within {timeout} s of didOpen")
        res["cold_ms"] = round((ev["t"] - t) * 1000, 2)
        cpu1 = lb.cpu_seconds(client.pid)
        res["cold_cpu_ms"] = round((cpu1 - cpu0) * 1000, 1) if cpu0 is not None and cpu1 is not None else None
        res["cold_diags"] = len(ev["diagnostics"])
        last_diags = ev["diagnostics"]
        # Edits come in pairs (insert, remove) so the text is the original again after each pair.
        for kind, at, n, word in (("body", body_at, body_edits, "int bench_tmp_{k} = {k};"),
                                  ("outside", outside_at, outside_edits, "void bench_decl_{k}();")):
            if on_phase and n:
                on_phase("start", kind, client.pid)
            for k in range(1, n + (n % 2) + 1):
                if pause_ms:
                    time.sleep(pause_ms / 1000.0)
                    client.drain()
                stmt = ((indent if kind == "body" else "") + word.format(k=k)) if k % 2 else None
                params = edit(at, stmt)
                cpu0 = lb.cpu_seconds(client.pid)
                t = client.notify("textDocument/didChange", params)
                ev = wait(t, version)
                cpu1 = lb.cpu_seconds(client.pid)
                if ev is None:
                    res["errors"].append(f"{kind} edit {k}: no diagnostics within {timeout} s")
                    if len(res["errors"]) >= 3:
                        raise lb.ServerGone("3 edits without diagnostics")
                    continue
                res[f"{kind}_ms"].append(round((ev["t"] - t) * 1000, 2))
                if cpu0 is not None and cpu1 is not None:
                    res[f"{kind}_cpu_ms"].append(round((cpu1 - cpu0) * 1000, 1))
                last_diags = ev["diagnostics"]
                if on_edit:
                    on_edit(kind, k, version, res[f"{kind}_ms"][-1])
            if on_phase and n:
                on_phase("end", kind, client.pid)
        for _ in range(hovers):
            rid, t0 = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": hover_pos})
            r = client.wait_response(rid, timeout)
            if r is None:
                res["errors"].append("hover: no response")
                break
            res["hover_ms"].append(round((r[0] - t0) * 1000, 2))
        end = len(lines) - 1
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": end, "character": lb.utf16_len(lines[end])}}
        for _ in range(code_actions):
            rid, t0 = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole,
                                                                 "context": {"diagnostics": last_diags}})
            r = client.wait_response(rid, timeout)
            if r is None:
                res["errors"].append("codeAction: no response")
                break
            res["code_action_ms"].append(round((r[0] - t0) * 1000, 2))
        client.drain()
        hwm = lb.read_proc_status(client.pid).get("VmHWM")
        res["peak_rss_mb"] = round(hwm / 1024, 1) if hwm else None
        res["cpu_s"] = lb.cpu_seconds(client.pid)
    except lb.ServerGone as e:
        res["errors"].append(str(e))
    finally:
        res["stop"] = client.stop()
    try:
        res["builds"] = parse_server_log((wd / "server.stderr.log").read_text(errors="replace"))
    except OSError:
        res["builds"] = {}
    if not keep and not res["errors"]:
        shutil.rmtree(wd, ignore_errors=True)
        res["workdir"] = None
    return res


def build_kinds(res: dict) -> dict:
    """Per phase (body, outside): how our server built those versions ({"incremental": n, "full: why": n})."""
    b = res.get("builds") or {}
    nb = len(res["body_ms"])
    phases = {"body": range(2, 2 + nb), "outside": range(2 + nb, 2 + nb + len(res["outside_ms"]))}
    out = {}
    for ph, versions in phases.items():
        c: dict[str, int] = {}
        for v in versions:
            info = b.get(v)
            key = "?" if not info or "kind" not in info else (
                info["kind"] if info["kind"] == "incremental" else f"full ({info['reason']})")
            c[key] = c.get(key, 0) + 1
        out[ph] = c
    return out


# The profile fields of our server's log line (server/DocumentWorker.cpp), in print order. build =
# attempt + parse + collect + decls + functions + fixes + assemble + decide + other; parse =
# preamble + setup + frontend (Clang's parse and Sema of the main file, of which end_of_unit:
# pending template instantiations at the end of the file); wait, release (freeing the previous
# build's AST) and publish come around the build.
PROFILE_FIELDS = ["wait", "build", "attempt", "parse", "preamble", "setup", "frontend", "end_of_unit", "collect",
                  "decls", "functions", "fixes", "assemble", "decide", "other", "release", "publish"]


def profile_medians(runs: list[dict]) -> dict:
    """{phase: {field: median ms, "n": builds}} over the sessions' builds: phase "cold" (the open),
    "body" and "outside" (the edits of each kind), from our server's profile log lines."""
    acc: dict[str, dict[str, list[float]]] = {}
    for r in runs:
        b = r.get("builds") or {}
        nb, no = len(r.get("body_ms") or []), len(r.get("outside_ms") or [])
        for v, info in b.items():
            prof = info.get("profile")
            if not prof:
                continue
            phase = "cold" if v == 1 else "body" if v <= 1 + nb else "outside" if v <= 1 + nb + no else None
            if phase is None:
                continue
            d = acc.setdefault(phase, {})
            for k, x in prof.items():
                if isinstance(x, float):
                    d.setdefault(k, []).append(x)
            d.setdefault("_kind", []).append(prof.get("kind"))
    out = {}
    for phase, d in acc.items():
        kinds = d.pop("_kind")
        out[phase] = {k: round(statistics.median(v), 1) for k, v in d.items()}
        out[phase]["n"] = len(kinds)
        out[phase]["kinds"] = {k: kinds.count(k) for k in sorted(set(map(str, kinds)))}
    return out


def print_profile(name: str, prof: dict, log=print) -> None:
    if not prof:
        log(f"  {name}: no profile lines in the server log (a build without them, or not run with --log=verbose)")
        return
    log(f"  {name}")
    log("    " + f"{'':8s}" + "".join(f"{f[:11]:>12s}" for f in PROFILE_FIELDS))
    for phase in ("cold", "body", "outside"):
        d = prof.get(phase)
        if d:
            log("    " + f"{phase:8s}" + "".join(f"{d.get(f, float('nan')):12.1f}" for f in PROFILE_FIELDS)
                + f"   (n={d['n']}, {d['kinds']})")


def summary(res: dict) -> dict:
    return {"cold_ms": res["cold_ms"], "body_p50_ms": pct(res["body_ms"], 50), "body_p90_ms": pct(res["body_ms"], 90),
            "outside_p50_ms": pct(res["outside_ms"], 50), "cold_cpu_ms": res.get("cold_cpu_ms"),
            "body_cpu_p50_ms": pct(res["body_cpu_ms"], 50), "outside_cpu_p50_ms": pct(res["outside_cpu_ms"], 50),
            "hover_p50_ms": pct(res["hover_ms"], 50),
            "code_action_p50_ms": pct(res["code_action_ms"], 50), "peak_rss_mb": res.get("peak_rss_mb")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", required=True, help='command line, e.g. "build/ownership-lsp --log=verbose"')
    ap.add_argument("--file", required=True)
    ap.add_argument("--compile-db", help="take the file's flags from this compile_commands.json")
    ap.add_argument("--flags", default="-std=c++20", help="flags when there is no --compile-db")
    ap.add_argument("--body-line", type=int, help="1-based function header line (default: picked)")
    ap.add_argument("--outside-line", type=int, help="1-based blank top-level line (default: after that body)")
    ap.add_argument("--prefer", help="regex of the function header to edit")
    ap.add_argument("--body-edits", type=int, default=10)
    ap.add_argument("--outside-edits", type=int, default=6)
    ap.add_argument("--hovers", type=int, default=3)
    ap.add_argument("--code-actions", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--want-diagnostics", action="store_true", help="clangd: no debounce")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (server.stderr.log)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    f = Path(a.file).resolve()
    flags = flags_from_compile_db(Path(a.compile_db), f) if a.compile_db else shlex.split(a.flags)
    lines = f.read_text().split("\n")
    bl, ol = pick_positions(lines, a.prefer)
    bl, ol = a.body_line or bl, a.outside_line or ol
    r = session(a.server, f, flags, bl, ol, body_edits=a.body_edits, outside_edits=a.outside_edits, hovers=a.hovers,
                code_actions=a.code_actions, timeout=a.timeout, want_diagnostics=a.want_diagnostics, keep=a.keep)
    s = summary(r)
    print(f"{f.name}: body edit after line {bl} [{r['body_line_text']}], outside edit at line {ol}")
    print("  " + ", ".join(f"{k} {v}" for k, v in s.items()))
    if r.get("builds"):
        print(f"  our builds: {build_kinds(r)}")
        print_profile(f.name, profile_medians([r]))
    for e in r["errors"]:
        print(f"  PROBLEM: {e}")
    if a.json:
        print(json.dumps({**r, "summary": s}, separators=(",", ":")))
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

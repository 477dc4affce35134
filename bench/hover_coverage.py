#!/usr/bin/env python3
"""hover_coverage.py - how often a hover where a diagnostic points answers with ownership content.

Starts the language server over stdio, opens every .cpp of the given folders one at a time, waits
for its publishDiagnostics, then sends textDocument/hover at the start of each diagnostic's primary
range and at its middle. A probe is answered when the hover result has non-empty contents (the
server only ever answers with ownership content). A diagnostic is covered when both of its probes
are answered. Prints, per diagnostic code and in total, covered / total and the two probe columns;
-v lists every miss as file:line:col (1-based) with the code and the text under the cursor.

Usage: hover_coverage.py --server build/ownership-lsp tests/corpus /work/shared/corpus [-v] [--json]
Exit status: 0 always after a complete run (it measures, it does not judge); 1 when the server
could not be started or died.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

TIMEOUT = 60.0


class Server:
    """A JSON-RPC client over the child's stdio with Content-Length framing."""

    def __init__(self, argv: list[str], log: str | None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=open(log, "wb") if log else subprocess.DEVNULL)
        self.q: queue.Queue = queue.Queue()
        self.pending: list[dict] = []
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        raise EOFError
                    line = line.strip()
                    if not line:
                        if length is not None:
                            break
                        continue
                    k, _, v = line.decode("ascii", "replace").partition(":")
                    if k.strip().lower() == "content-length":
                        length = int(v)
                self.q.put(json.loads(out.read(length)))
        except (EOFError, OSError, ValueError):
            self.q.put(None)

    def send(self, msg: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **msg}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def wait(self, pred, timeout: float = TIMEOUT):
        for m in self.pending:
            if pred(m):
                self.pending.remove(m)
                return m
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                m = self.q.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                break
            if m is None:
                raise RuntimeError("the server closed its output")
            if "method" in m and "id" in m:  # a request from the server: answer it and go on
                self.send({"id": m["id"], "result": None})
                continue
            if pred(m):
                return m
            self.pending.append(m)
        return None

    def request(self, method: str, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        m = self.wait(lambda m: m.get("id") == rid and "method" not in m)
        if m is None:
            raise RuntimeError(f"no answer to {method}")
        return m

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def utf16_to_offset(text: str, line: int, ch: int) -> int:
    """A character offset into `text` of an LSP position (UTF-16 code units)."""
    lines = text.split("\n")
    off = sum(len(l) + 1 for l in lines[:line])
    units = 0
    for i, c in enumerate(lines[line] if line < len(lines) else ""):
        if units >= ch:
            return off + i
        units += 2 if ord(c) > 0xFFFF else 1
    return off + min(ch, len(lines[line]) if line < len(lines) else 0)


def offset_to_position(text: str, off: int) -> dict:
    line = text.count("\n", 0, off)
    start = text.rfind("\n", 0, off) + 1
    ch = sum(2 if ord(c) > 0xFFFF else 1 for c in text[start:off])
    return {"line": line, "character": ch}


def hover_text(result) -> str:
    if not result:
        return ""
    c = result.get("contents")
    if isinstance(c, dict):
        return c.get("value", "")
    if isinstance(c, str):
        return c
    if isinstance(c, list):
        return "\n".join(x if isinstance(x, str) else x.get("value", "") for x in c)
    return ""


def word_at(text: str, off: int) -> str:
    b = off
    while b > 0 and (text[b - 1].isalnum() or text[b - 1] == "_"):
        b -= 1
    e = off
    while e < len(text) and (text[e].isalnum() or text[e] in "_:[]\"()"):
        e += 1
    return text[b:e][:40] or text[off:off + 12]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", required=True, help="path of ownership-lsp")
    ap.add_argument("dirs", nargs="+", help="folders whose .cpp files are opened")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true", help="also print one JSON object with the counts")
    ap.add_argument("--dump", action="store_true", help="print every probe's hover text")
    ap.add_argument("--server-log", metavar="FILE", help="write the server's verbose log here")
    args = ap.parse_args()

    files = sorted(p for d in args.dirs for p in Path(d).glob("*.cpp") if not p.name.startswith("."))
    srv = Server([args.server] + (["--log=verbose"] if args.server_log else []), args.server_log)
    srv.request("initialize", {"processId": os.getpid(), "rootUri": None,
                               "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}},
                               "initializationOptions": {}})
    srv.notify("initialized", {})

    # code -> [diagnostics, start answered, middle answered, both answered]
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0])
    misses: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        uri = path.resolve().as_uri()
        srv.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1,
                                                             "text": text}})
        m = srv.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                     and m["params"]["uri"] == uri and m["params"].get("version") in (None, 1))
        if m is None:
            print(f"{path}: no diagnostics within {TIMEOUT:.0f}s", file=sys.stderr)
            continue
        for d in m["params"]["diagnostics"]:
            code = str(d.get("code", "?"))
            if code == "analysis-failed":
                continue
            r = d["range"]
            b = utf16_to_offset(text, r["start"]["line"], r["start"]["character"])
            e = utf16_to_offset(text, r["end"]["line"], r["end"]["character"])
            probes = {"start": r["start"], "middle": offset_to_position(text, (b + max(b, e - 1)) // 2)}
            answered = {}
            for name, pos in probes.items():
                h = srv.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
                answered[name] = bool(hover_text(h.get("result")).strip())
                if args.dump:
                    print(f"=== {path.name}:{pos['line'] + 1}:{pos['character'] + 1} {code} ({name})\n"
                          f"{hover_text(h.get('result')).strip()}")
                if not answered[name]:
                    off = utf16_to_offset(text, pos["line"], pos["character"])
                    misses.append(f"{path}:{pos['line'] + 1}:{pos['character'] + 1}: {code} ({name}) "
                                  f"at `{word_at(text, off)}`")
            c = counts[code]
            c[0] += 1
            c[1] += answered["start"]
            c[2] += answered["middle"]
            c[3] += answered["start"] and answered["middle"]
        srv.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    srv.close()

    def pct(n: int, d: int) -> str:
        return f"{100.0 * n / d:5.1f}%" if d else "    -"

    print(f"{'code':24} {'diags':>5}  {'covered':>14}  {'start':>14}  {'middle':>14}")
    total = [0, 0, 0, 0]
    for code in sorted(counts):
        c = counts[code]
        total = [a + b for a, b in zip(total, c)]
        print(f"{code:24} {c[0]:5}  {c[3]:4}/{c[0]:<3} {pct(c[3], c[0])}  {c[1]:4}/{c[0]:<3} {pct(c[1], c[0])}"
              f"  {c[2]:4}/{c[0]:<3} {pct(c[2], c[0])}")
    t = total
    print(f"{'total':24} {t[0]:5}  {t[3]:4}/{t[0]:<3} {pct(t[3], t[0])}  {t[1]:4}/{t[0]:<3} {pct(t[1], t[0])}"
          f"  {t[2]:4}/{t[0]:<3} {pct(t[2], t[0])}")
    probes_hit, probes = t[1] + t[2], 2 * t[0]
    print(f"probes answered: {probes_hit}/{probes} {pct(probes_hit, probes).strip()}")
    if args.verbose:
        for line in misses:
            print("miss: " + line)
    if args.json:
        print(json.dumps({"files": len(files), "per_code": {k: dict(zip(("total", "start", "middle", "covered"), v))
                                                             for k, v in counts.items()},
                          "total": dict(zip(("total", "start", "middle", "covered"), total))}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"hover_coverage: {e}", file=sys.stderr)
        sys.exit(1)

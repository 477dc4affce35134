#!/usr/bin/env python3
"""Depth bombs (issue 17) against the built CLI and server: nothing nested however deep crashes them.

The inputs are generated here (depth_bombs.py), not stored. Asserted:
- CLI: each C++ bomb exits 0, 1 or 2 (never a signal), 2 with an `error:` line; the two parse
  guards (the stack, the operators of one expression) and the nesting cap say what stopped them.
- Server: a request whose params nest 100,000 arrays deep gets InvalidRequest with its id, an
  unclosed 100,000-deep body and a deep notification are refused too, and a normal request is
  answered after each; then each C++ bomb is opened (and one edited) and gets its diagnostics
  published (possibly none), a hover and inlay hints answered; a normal document still gets its
  use-after-move; shutdown + exit give status 0.

Usage: depth_bombs_test.py SERVER CHECKER. Prints `N passed, N failed`; exit 1 on failure.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from depth_bombs import CPP_BOMBS, CPP_DEPTHS, json_array_bomb  # noqa: E402
from malformed_lsp_test import Server  # noqa: E402

INVALID_REQUEST = -32600
CLI_TIMEOUT = 120

results = []

NORMAL = """#include <memory>
#include <utility>
void f() {
  auto p = std::make_unique<int>(1);
  auto q = std::move(p);
  *p = 2;
}
"""


def check(name, cond, detail=""):
    results.append(bool(cond))
    print(("PASS " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
    sys.stdout.flush()


def error_code(m):
    return (m or {}).get("error", {}).get("code")


# What stops each bomb where a guard of ours (not Clang's own limits) is what must speak.
EXPECTED_CLI_MESSAGE = {
    "unary_chain": "nesting too deep to analyse: parsing stopped here",
    "member_unary_chain": "nesting too deep to analyse: parsing stopped here",
    "comma_chain": "expression too long to analyse",
    "plus_chain": "nesting cap of 2048 levels reached",
    "member_call_chain": "nesting cap of 2048 levels reached",
}


def cli_tests(checker, tmp):
    for name, make in CPP_BOMBS.items():
        path = os.path.join(tmp, f"cli_{name}.cpp")
        with open(path, "w") as f:
            f.write(make(CPP_DEPTHS[name]))
        t0 = time.time()
        try:
            r = subprocess.run([checker, "-v", path, "--", "-std=c++20"], capture_output=True, timeout=CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            check(f"cli {name}: finishes within {CLI_TIMEOUT} s", False)
            continue
        err = r.stderr.decode(errors="replace")
        ok = r.returncode in (0, 1, 2) and (r.returncode != 2 or "ownership-check: error:" in err)
        want = EXPECTED_CLI_MESSAGE.get(name)
        if want:
            ok = ok and want in err
        check(f"cli {name} ({CPP_DEPTHS[name]}): exit {r.returncode} in {time.time() - t0:.1f} s"
              + (f", says `{want}`" if want else ""), ok, err[-400:])


def json_bomb_tests(s, uri):
    def hover_answered(label):
        r = s.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3}})
        md = ((r or {}).get("result") or {}).get("contents", {}).get("value", "")
        check(f"a normal hover is answered after {label}", "moved" in md, r)

    s.frame(json_array_bomb(100000))
    r = s.response("deep")
    check("params 100,000 arrays deep: InvalidRequest answered with the request's id",
          r is not None and error_code(r) == INVALID_REQUEST and "nests deeper than 256" in r["error"]["message"], r)
    hover_answered("a 100,000-deep request")
    s.frame(b"[" * 100000)
    before = s.probe()
    check("an unclosed 100,000-deep body: one error, id null",
          before is not None and len(before) == 1 and error_code(before[0]) == INVALID_REQUEST
          and before[0].get("id") is None, before)
    s.frame(b'{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":'
            + b'{"a":' * 50000 + b"1" + b"}" * 50000 + b"}}")
    before = s.probe()
    # A notification that cannot be decoded is answered like any message that cannot: with a null id.
    check("a notification 50,000 objects deep: refused, the server goes on",
          before is not None and all(error_code(m) == INVALID_REQUEST for m in before), before)
    hover_answered("deep bodies and notifications")


def cpp_bomb_tests(s, tmp):
    version = 1
    for name, make in CPP_BOMBS.items():
        text = make(CPP_DEPTHS[name])
        uri = "file://" + os.path.join(tmp, f"lsp_{name}.cpp")
        t0 = time.time()
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": version,
                                                           "text": text}})
        d = s.diagnostics(uri, version)
        ok = d is not None
        # The read features on the document: a hover in the middle of its longest line, hints everywhere.
        lines = text.split("\n")
        line = max(range(len(lines)), key=lambda i: len(lines[i]))
        h = s.call("textDocument/hover", {"textDocument": {"uri": uri},
                                          "position": {"line": line, "character": len(lines[line]) // 2}})
        hints = s.call("textDocument/inlayHint", {"textDocument": {"uri": uri},
                                                  "range": {"start": {"line": 0, "character": 0},
                                                            "end": {"line": len(lines), "character": 0}}})
        ok = ok and h is not None and "result" in h and hints is not None and "result" in hints
        check(f"server {name}: diagnostics published ({len(d) if d is not None else '-'}), hover and hints "
              f"answered in {time.time() - t0:.1f} s", ok, (d, h, hints))
        if name == "plus_chain":
            # An edit inside the deep body: the incremental path (other bodies skipped) re-checks it.
            version += 1
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": [{"range": {"start": {"line": 0, "character": 30},
                                                                              "end": {"line": 0, "character": 31}},
                                                                    "text": "(a)"}]})
            d = s.diagnostics(uri, version)
            check(f"server {name}: an edit inside the deep body is re-checked", d is not None, d)
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        version += 1


def main():
    server, checker = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="ownership-depth-") as tmp:
        with open(os.path.join(tmp, "compile_flags.txt"), "w") as f:
            f.write("-std=c++20\n")
        cli_tests(checker, tmp)

        s = Server([server, "--log=info"], tmp, os.path.join(tmp, "server.log"))
        r = s.call("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                  "initializationOptions": {"debounceMs": 0}})
        check("initialize", r is not None and "capabilities" in r.get("result", {}), r)
        s.notify("initialized", {})
        uri = "file://" + os.path.join(tmp, "normal.cpp")
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1,
                                                           "text": NORMAL}})
        d = s.diagnostics(uri, 1)
        check("a normal document gets its use-after-move", d is not None and [x["code"] for x in d] == ["use-after-move"], d)

        json_bomb_tests(s, uri)
        cpp_bomb_tests(s, tmp)

        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                            "contentChanges": [{"text": NORMAL + "\n"}]})
        d = s.diagnostics(uri, 2)
        check("after every bomb a normal document still gets its use-after-move",
              d is not None and [x["code"] for x in d] == ["use-after-move"], d)
        r = s.call("shutdown", None)
        check("shutdown answered", r is not None and "result" in r, r)
        s.notify("exit", None)
        rc = s.close()
        check("exit after shutdown: status 0 (the server never died)", rc == 0, (rc, s.log()[-2000:]))
        check("every message the server wrote was well framed", not s.framing_errors, s.framing_errors)

    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed in {time.time() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

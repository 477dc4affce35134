#!/usr/bin/env python3
"""Malformed LSP traffic against the built ownership-lsp over real pipes: every bad request gets the right JSON-RPC error, every bad notification is dropped with a log line, and the server keeps serving.

Covered: bad headers (non-numeric, negative, missing Content-Length, a header line without a
colon), a Content-Length shorter and one longer than the body, invalid JSON, invalid UTF-8,
JSON that is not a JSON-RPC 2.0 request (array, number, wrong version, bad id, method not a
string), wrong param types, unknown methods and notifications, requests and notifications before
`initialize` and after `shutdown`, a second `initialize`, a 50 MB request (valid and invalid),
positions out of range, unknown and non-file URIs, edits that do not apply. After each group a
hover on an open document must still be answered; `shutdown` + `exit` must give status 0.

How replies are matched: the server answers framing, decoding and lifecycle errors on its one
message thread, in order. So after each malformed message the test sends a probe request with an
unknown method and looks at exactly what arrived before the probe's reply (diagnostics pushes
aside): one error with the expected code and id, or nothing for a notification. Log lines are
read from the server's stderr (--log=info).

Usage: malformed_lsp_test.py SERVER. Prints `N passed, N failed`; exit 1 on failure.
"""
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 60
PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS = -32700, -32600, -32601, -32602
SERVER_NOT_INITIALIZED = -32002

CODE = """#include <memory>
#include <utility>
void f() {
  auto p = std::make_unique<int>(1);
  auto q = std::move(p);
  *p = 2;
}
"""

results = []
malformed_sent = 0


def check(name, cond, detail=""):
    results.append(bool(cond))
    print(("PASS " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
    sys.stdout.flush()


class Server:
    def __init__(self, argv, cwd, log_path):
        self.log_path = log_path
        self.log_file = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log_file, cwd=cwd)
        self.q = queue.Queue()
        self.inbox = []  # received, not yet consumed, in arrival order
        self.framing_errors = []
        self.next_id = 1
        self.probes = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        # The server's own output must always be well framed.
        f = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = f.readline()
                    if not line:
                        raise EOFError
                    line = line.strip()
                    if not line:
                        break
                    k, _, v = line.decode().partition(":")
                    if k.lower() == "content-length":
                        length = int(v)
                if length is None:
                    self.framing_errors.append("a message without Content-Length")
                    continue
                self.q.put(json.loads(f.read(length)))
        except (EOFError, OSError, ValueError) as e:
            if not isinstance(e, EOFError):
                self.framing_errors.append(repr(e))
            self.q.put(None)

    # -- sending
    def raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def frame(self, body: bytes):
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, msg):
        self.frame(json.dumps({"jsonrpc": "2.0", **msg}).encode())

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        return rid

    # -- receiving
    def _pump(self, deadline):
        try:
            m = self.q.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty:
            return False
        if m is None:
            self.q.put(None)  # stay closed
            return None
        self.inbox.append(m)
        return True

    def wait(self, pred, timeout=TIMEOUT):
        deadline = time.time() + timeout
        while True:
            for i, m in enumerate(self.inbox):
                if pred(m):
                    return self.inbox.pop(i)
            if time.time() >= deadline or not self._pump(deadline):
                return None

    def response(self, rid, timeout=TIMEOUT):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def call(self, method, params):
        return self.response(self.request(method, params))

    def probe(self):
        """Messages (diagnostics pushes aside) that arrived before the reply to a fresh probe request;
        None if the probe got no reply."""
        self.probes += 1
        pid = f"probe-{self.probes}"
        self.send({"id": pid, "method": "ownership/probe", "params": {}})
        deadline = time.time() + TIMEOUT
        while True:
            for i, m in enumerate(self.inbox):
                if m.get("id") == pid and "method" not in m:
                    before = [x for x in self.inbox[:i] if x.get("method") != "textDocument/publishDiagnostics"]
                    self.inbox = [x for x in self.inbox[:i] if x.get("method") == "textDocument/publishDiagnostics"] + \
                        self.inbox[i + 1:]
                    return before
            if time.time() >= deadline or not self._pump(deadline):
                return None

    def diagnostics(self, uri, version):
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                      and m["params"].get("version") == version)
        return None if m is None else m["params"]["diagnostics"]

    def log(self):
        self.log_file.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def close(self, timeout=20):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


def error_code(m):
    return (m or {}).get("error", {}).get("code")


def expect_error(s, name, send, code, rid=None):
    """Sends one malformed thing; exactly one error `code` with id `rid` must arrive before the probe."""
    global malformed_sent
    malformed_sent += 1
    send()
    before = s.probe()
    ok = before is not None and len(before) == 1 and error_code(before[0]) == code and before[0].get("id") == rid \
        and "result" not in before[0]
    check(f"{name}: error {code}", ok, before)


def expect_silence(s, name, send, log_text=None):
    """Sends one malformed notification: no reply at all, and (when given) a log line saying so."""
    global malformed_sent
    malformed_sent += 1
    send()
    before = s.probe()
    ok = before == []
    if ok and log_text:
        deadline = time.time() + 5
        while log_text not in s.log() and time.time() < deadline:
            time.sleep(0.05)
        ok = log_text in s.log()
    check(f"{name}: ignored" + (f" with log `{log_text}`" if log_text else ""), ok, (before, log_text))


def expect_response_error(s, name, method, params, code):
    """A request whose params are wrong or point nowhere: its own id gets error `code`."""
    global malformed_sent
    malformed_sent += 1
    r = s.call(method, params)
    check(f"{name}: error {code}", r is not None and error_code(r) == code, r)


def hover_still_works(s, uri, label):
    r = s.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3}})
    md = ((r or {}).get("result") or {}).get("contents", {}).get("value", "")
    check(f"hover still answered after {label}", "moved" in md, r)


def main():
    server = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="ownership-malformed-") as tmp:
        with open(os.path.join(tmp, "compile_flags.txt"), "w") as f:
            f.write("-std=c++20\n")
        path = os.path.join(tmp, "doc.cpp")
        uri = "file://" + path
        s = Server([server, "--log=info"], tmp, os.path.join(tmp, "server.log"))

        # ---- before initialize
        expect_error(s, "hover before initialize",
                     lambda: s.send({"id": 900, "method": "textDocument/hover",
                                     "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}),
                     SERVER_NOT_INITIALIZED, 900)
        expect_error(s, "shutdown before initialize", lambda: s.send({"id": 901, "method": "shutdown"}),
                     SERVER_NOT_INITIALIZED, 901)
        expect_silence(s, "didOpen before initialize",
                       lambda: s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                                                  "version": 1, "text": CODE}}),
                       "ignoring textDocument/didOpen before initialize")
        expect_error(s, "initialize with params of the wrong type",
                     lambda: s.send({"id": 902, "method": "initialize", "params": "not an object"}),
                     INVALID_PARAMS, 902)
        r = s.call("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                  "initializationOptions": {"debounceMs": 0}})
        check("initialize answers after bad traffic", r is not None and "capabilities" in r.get("result", {}), r)
        s.notify("initialized", {})
        expect_error(s, "second initialize", lambda: s.send({"id": 903, "method": "initialize", "params": {}}),
                     INVALID_REQUEST, 903)

        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1, "text": CODE}})
        d = s.diagnostics(uri, 1)
        check("didOpen publishes the use-after-move", d is not None and [x["code"] for x in d] == ["use-after-move"], d)
        hover_still_works(s, uri, "initialize")

        # ---- framing
        expect_error(s, "Content-Length not a number", lambda: s.raw(b"Content-Length: nope\r\n\r\n"), PARSE_ERROR)
        expect_error(s, "negative Content-Length", lambda: s.raw(b"Content-Length: -5\r\n\r\n"), PARSE_ERROR)
        expect_error(s, "header block without Content-Length", lambda: s.raw(b"Content-Type: x\r\n\r\n"), PARSE_ERROR)
        expect_error(s, "header line without a colon", lambda: s.raw(b"hello there\r\n\r\n"), PARSE_ERROR)
        expect_error(s, "empty body", lambda: s.raw(b"Content-Length: 0\r\n\r\n"), PARSE_ERROR)
        expect_error(s, "invalid JSON", lambda: s.frame(b"{\"jsonrpc\": \"2.0\", \"id\": 5, "), PARSE_ERROR)
        expect_error(s, "invalid UTF-8 in a string",
                     lambda: s.frame(b'{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"x":"\xff\xfe"}}'),
                     PARSE_ERROR)
        # A Content-Length shorter than the body: the cut body is invalid JSON, and the rest of it
        # must not swallow the message that follows.
        global malformed_sent
        malformed_sent += 1
        body = json.dumps({"jsonrpc": "2.0", "id": 910, "method": "textDocument/hover",
                           "params": {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3}}}).encode()
        s.raw(b"Content-Length: 20\r\n\r\n" + body)
        before = s.probe()
        check("Content-Length shorter than the body: ParseError, and the next request is answered",
              before is not None and len(before) >= 1 and all(error_code(m) == PARSE_ERROR for m in before), before)
        hover_still_works(s, uri, "a short Content-Length")
        # A Content-Length longer than the body: the body swallows the start of the next message
        # (ParseError); the server must be back in step for the one after.
        malformed_sent += 1
        s.raw(b"Content-Length: %d\r\n\r\n" % (len(body) + 30) + body)
        s.send({"id": "lost", "method": "ownership/probe", "params": {}})
        before = s.probe()
        check("Content-Length longer than the body: ParseError, and the server resynchronises",
              before is not None and len(before) >= 1 and all(error_code(m) == PARSE_ERROR for m in before), before)
        hover_still_works(s, uri, "a long Content-Length")
        # LF-only separators and extra headers are tolerated.
        rid = 920
        body = json.dumps({"jsonrpc": "2.0", "id": rid, "method": "textDocument/hover",
                           "params": {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3}}}).encode()
        s.raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\ncontent-length: %d\n\n" % len(body) + body)
        r = s.response(rid)
        check("LF-only headers and Content-Type are accepted", r is not None and "result" in r, r)

        # ---- JSON that is not a JSON-RPC 2.0 request
        expect_error(s, "a JSON array (batch)", lambda: s.frame(b'[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]'),
                     INVALID_REQUEST)
        expect_error(s, "a JSON number", lambda: s.frame(b"42"), INVALID_REQUEST)
        expect_error(s, "jsonrpc 1.0", lambda: s.frame(b'{"jsonrpc":"1.0","id":7,"method":"textDocument/hover"}'),
                     INVALID_REQUEST, 7)
        expect_error(s, "no jsonrpc member", lambda: s.frame(b'{"id":8,"method":"textDocument/hover"}'),
                     INVALID_REQUEST, 8)
        # Once terminated the server (an uncaught nlohmann type_error; found by the fuzz smoke).
        expect_error(s, "jsonrpc member is a number", lambda: s.frame(b'{"jsonrpc":2,"id":18,"method":"shutdown"}'),
                     INVALID_REQUEST, 18)
        expect_error(s, "id is an object", lambda: s.frame(b'{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}'),
                     INVALID_REQUEST)
        expect_error(s, "id is a fraction", lambda: s.frame(b'{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}'),
                     INVALID_REQUEST)
        expect_error(s, "method is a number", lambda: s.frame(b'{"jsonrpc":"2.0","id":9,"method":12}'),
                     INVALID_REQUEST, 9)
        expect_error(s, "neither method nor id", lambda: s.frame(b'{"jsonrpc":"2.0","params":{}}'), INVALID_REQUEST)
        expect_silence(s, "a response from the client to nothing", lambda: s.frame(b'{"jsonrpc":"2.0","id":77,"result":1}'))

        # ---- unknown methods
        expect_error(s, "unknown request", lambda: s.send({"id": 930, "method": "textDocument/completion", "params": {}}),
                     METHOD_NOT_FOUND, 930)
        expect_error(s, "unknown $/ request", lambda: s.send({"id": "x", "method": "$/whatever", "params": {}}),
                     METHOD_NOT_FOUND, "x")
        expect_silence(s, "unknown notification", lambda: s.notify("workspace/didRenameFiles", {"files": []}),
                       "ignoring unknown notification workspace/didRenameFiles")
        expect_silence(s, "unknown $/ notification", lambda: s.notify("$/progress", {"token": 1}))
        expect_silence(s, "$/cancelRequest of an unknown id", lambda: s.notify("$/cancelRequest", {"id": 123456}))

        # ---- wrong param types
        pos = {"line": 5, "character": 4}
        for name, params in [
            ("hover params a string", "oops"),
            ("hover params null", None),
            ("hover without position", {"textDocument": {"uri": uri}}),
            ("hover position a string", {"textDocument": {"uri": uri}, "position": "5:4"}),
            ("hover uri a number", {"textDocument": {"uri": 5}, "position": pos}),
            ("hover line a string", {"textDocument": {"uri": uri}, "position": {"line": "5", "character": 4}}),
            ("hover negative line", {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 4}}),
            ("hover line 1e300", {"textDocument": {"uri": uri}, "position": {"line": 1e300, "character": 0}}),
        ]:
            expect_response_error(s, name, "textDocument/hover", params, INVALID_PARAMS)
        expect_response_error(s, "codeAction without context", "textDocument/codeAction",
                              {"textDocument": {"uri": uri}, "range": {"start": pos, "end": pos}}, INVALID_PARAMS)
        expect_response_error(s, "codeAction diagnostics not an array", "textDocument/codeAction",
                              {"textDocument": {"uri": uri}, "range": {"start": pos, "end": pos},
                               "context": {"diagnostics": 3}}, INVALID_PARAMS)
        expect_response_error(s, "inlayHint range a list", "textDocument/inlayHint",
                              {"textDocument": {"uri": uri}, "range": [0, 1]}, INVALID_PARAMS)
        expect_response_error(s, "diagnostic without textDocument", "textDocument/diagnostic", {}, INVALID_PARAMS)
        expect_silence(s, "didOpen with text a number",
                       lambda: s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 9, "text": 5}}),
                       "ignoring textDocument/didOpen with invalid params")
        expect_silence(s, "didChange with contentChanges an object",
                       lambda: s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 9},
                                                                   "contentChanges": {"text": ""}}),
                       "ignoring textDocument/didChange with invalid params")
        expect_silence(s, "didChangeConfiguration with severity a list",
                       lambda: s.notify("workspace/didChangeConfiguration",
                                        {"settings": {"ownership": {"severity": ["off"]}}}),
                       "ignoring workspace/didChangeConfiguration with invalid params")
        hover_still_works(s, uri, "wrong param types")

        # ---- positions out of range, unknown URIs
        expect_response_error(s, "hover past the last line", "textDocument/hover",
                              {"textDocument": {"uri": uri}, "position": {"line": 1000, "character": 0}}, INVALID_PARAMS)
        r = s.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 100000}})
        malformed_sent += 1
        check("hover past the end of a line: answered (clamped), no error", r is not None and "result" in r, r)
        r = s.call("textDocument/inlayHint", {"textDocument": {"uri": uri},
                                              "range": {"start": {"line": 500, "character": 0},
                                                        "end": {"line": 900, "character": 7}}})
        malformed_sent += 1
        check("inlay hints for a range past the end: an empty list",
              r is not None and r.get("result") == [], r)
        r = s.call("textDocument/codeAction", {"textDocument": {"uri": uri},
                                               "range": {"start": {"line": 400, "character": 0},
                                                         "end": {"line": 300, "character": 0}},
                                               "context": {"diagnostics": []}})
        malformed_sent += 1
        check("code actions for a reversed range past the end: an empty list", r is not None and r.get("result") == [], r)
        other = "file://" + os.path.join(tmp, "never-opened.cpp")
        for method, params in [
            ("textDocument/hover", {"textDocument": {"uri": other}, "position": pos}),
            ("textDocument/codeAction", {"textDocument": {"uri": other}, "range": {"start": pos, "end": pos},
                                         "context": {"diagnostics": []}}),
            ("textDocument/inlayHint", {"textDocument": {"uri": other}, "range": {"start": pos, "end": pos}}),
            ("textDocument/diagnostic", {"textDocument": {"uri": other}}),
            ("textDocument/hover", {"textDocument": {"uri": "untitled:Untitled-1"}, "position": pos}),
            ("textDocument/hover", {"textDocument": {"uri": "file://remote-host/x.cpp"}, "position": pos}),
        ]:
            expect_response_error(s, f"{method.split('/')[1]} of a document that is not open ({params['textDocument']['uri'][:24]})",
                                  method, params, INVALID_PARAMS)
        expect_silence(s, "didChange of a document that is not open",
                       lambda: s.notify("textDocument/didChange", {"textDocument": {"uri": other, "version": 2},
                                                                   "contentChanges": [{"text": "int x;"}]}),
                       "ignoring didChange of `" + other + "`: the document is not open")
        expect_silence(s, "didOpen of a non-file URI",
                       lambda: s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:Untitled-1",
                                                                                  "languageId": "cpp", "version": 1,
                                                                                  "text": "int x;"}}),
                       "not a local file:// URI")
        expect_silence(s, "didClose of a document that is not open",
                       lambda: s.notify("textDocument/didClose", {"textDocument": {"uri": other}}))
        expect_silence(s, "didSave of a document that is not open",
                       lambda: s.notify("textDocument/didSave", {"textDocument": {"uri": other}}))

        # ---- edits that do not apply
        expect_silence(s, "didChange with the range end before its start",
                       lambda: s.notify("textDocument/didChange", {
                           "textDocument": {"uri": uri, "version": 2},
                           "contentChanges": [{"range": {"start": {"line": 5, "character": 4},
                                                         "end": {"line": 2, "character": 0}}, "text": "garbage"}]}),
                       "range end before start; change ignored")
        d = s.diagnostics(uri, 2)
        check("an edit that cannot apply leaves the text (and its diagnostics) as they were",
              d is not None and [x["code"] for x in d] == ["use-after-move"], d)
        expect_silence(s, "didChange with a range past the end",
                       lambda: s.notify("textDocument/didChange", {
                           "textDocument": {"uri": uri, "version": 3},
                           "contentChanges": [{"range": {"start": {"line": 90, "character": 0},
                                                         "end": {"line": 99, "character": 5}}, "text": "\n"}]}),
                       "range clamped to the document")
        d = s.diagnostics(uri, 3)
        check("an edit past the end is clamped to the end", d is not None and [x["code"] for x in d] == ["use-after-move"], d)
        hover_still_works(s, uri, "edits that do not apply")

        # ---- 50 MB messages
        pad = "x" * (50 * 1024 * 1024)
        big = json.dumps({"jsonrpc": "2.0", "id": 950, "method": "textDocument/hover",
                          "params": {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3},
                                     "padding": pad}}).encode()
        malformed_sent += 1
        t0 = time.time()
        s.frame(big)
        r = s.response(950)
        md = ((r or {}).get("result") or {}).get("contents", {}).get("value", "")
        check(f"a 50 MB hover request is answered ({time.time() - t0:.1f} s)", "moved" in md, str(r)[:200])
        expect_error(s, "a 50 MB body of invalid JSON", lambda: s.frame(b"{" + pad.encode()), PARSE_ERROR)
        del pad, big
        hover_still_works(s, uri, "50 MB messages")

        # ---- after shutdown
        r = s.call("shutdown", None)
        check("shutdown answers null", r is not None and "result" in r and r["result"] is None, r)
        expect_error(s, "hover after shutdown",
                     lambda: s.send({"id": 960, "method": "textDocument/hover",
                                     "params": {"textDocument": {"uri": uri}, "position": pos}}),
                     INVALID_REQUEST, 960)
        expect_error(s, "second shutdown", lambda: s.send({"id": 961, "method": "shutdown"}), INVALID_REQUEST, 961)
        expect_error(s, "initialize after shutdown", lambda: s.send({"id": 962, "method": "initialize", "params": {}}),
                     INVALID_REQUEST, 962)
        expect_silence(s, "didChange after shutdown",
                       lambda: s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                                                   "contentChanges": [{"text": ""}]}),
                       "ignoring textDocument/didChange after shutdown")
        expect_error(s, "invalid JSON after shutdown", lambda: s.frame(b"{nope"), PARSE_ERROR)
        s.notify("exit", None)
        rc = s.close()
        check("exit after shutdown: status 0", rc == 0, rc)
        check("every message the server wrote was well framed", not s.framing_errors, s.framing_errors)

    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    print(f"{malformed_sent} malformed messages tried")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

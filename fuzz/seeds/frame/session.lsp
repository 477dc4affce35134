Content-Length: 516

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///tmp", "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}, "textDocument": {"publishDiagnostics": {"relatedInformation": true, "codeDescriptionSupport": true}, "hover": {"contentFormat": ["markdown", "plaintext"]}, "codeAction": {"codeActionLiteralSupport": {}}}}, "initializationOptions": {"fallbackFlags": ["-std=c++20"], "severity": {"leak": "warning"}, "inlayHints": true, "debounceMs": 0}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 272

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp", "languageId": "cpp", "version": 1, "text": "#include <memory>\nvoid f() {\n  auto p = std::make_unique<int>(1);\n  auto q = std::move(p);\n  *p = 2;\n}\n"}}}Content-Length: 164

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp"}, "position": {"line": 4, "character": 3}}}Content-Length: 384

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp", "version": 2}, "contentChanges": [{"range": {"start": {"line": 4, "character": 2}, "end": {"line": 4, "character": 9}}, "text": "q.reset();"}, {"text": "#include <memory>\nvoid f() {\n  auto p = std::make_unique<int>(1);\n  auto q = std::move(p);\n  *p = 2;\n}\n"}]}}Content-Length: 432

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp"}, "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 5}}, "context": {"diagnostics": [{"range": {"start": {"line": 4, "character": 3}, "end": {"line": 4, "character": 4}}, "code": "use-after-move", "severity": 1, "message": "m", "source": "ownership"}], "only": ["quickfix"]}}}Content-Length: 212

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/inlayHint", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}}Content-Length: 155

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp"}, "previousResultId": "1.1"}}Content-Length: 168

{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"ownership": {"severity": {"dangling": "off"}, "compileCommandsDir": "/tmp"}}}}Content-Length: 68

{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 5}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp"}}}Content-Length: 117

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/a%20b/x.cpp"}}}Content-Length: 67

{"jsonrpc": "2.0", "id": "s", "method": "shutdown", "params": null}Content-Length: 52

{"jsonrpc": "2.0", "method": "exit", "params": null}
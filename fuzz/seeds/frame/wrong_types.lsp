Content-Length: 175

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": [], "initializationOptions": {"debounceMs": 1e+300, "fallbackFlags": "x", "inlayHints": "yes"}}}Content-Length: 143

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": 7}, "position": {"line": -1, "character": 1.5}}}Content-Length: 168

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x.cpp"}, "position": {"line": 1e+300, "character": 4294967296}}}Content-Length: 144

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.cpp", "text": "int x;", "version": 2.5e+20}}}Content-Length: 146

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///x.cpp", "version": "3"}, "contentChanges": {}}}Content-Length: 278

{"jsonrpc": "2.0", "id": null, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///x.cpp"}, "range": {}, "context": {"diagnostics": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "code": 12, "severity": 9}]}}}Content-Length: 44

{"jsonrpc": "2.0", "id": 1.5, "method": "x"}Content-Length: 42

{"jsonrpc": "1.0", "id": 1, "method": "x"}Content-Length: 43

{"jsonrpc": "2.0", "id": {}, "method": "x"}Content-Length: 43

{"jsonrpc": "2.0", "id": 7, "result": null}Content-Length: 31

{"jsonrpc": "2.0", "method": 5}Content-Length: 18

{"jsonrpc": "2.0"}Content-Length: 105

{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///ÿþ.cpp"}}}
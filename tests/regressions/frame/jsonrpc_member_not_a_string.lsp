Content-Length: nope

Content-Length: 9

{broken}!X-Çarbage



Content-Type: apContent-Length: 175

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": [], "initializationOptions": {"debounceMs": 1e+300, "fallbackFlags": "x", "inlayHints": "yes"}}}Content-Length: 143

{"jsonrpc": "2.0", "id": 2, "method": "textDoplication/vscode-jsonrpc; charset=utf-8
content-length: 2cument/hover", "params": {"textDocument": {"uri": 7}, "position": {"line": -1, "character": 1.5}}}Content-Length: 168

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x.cpp"}, "position": {"line": 1e+300, "character": 4294967296}}}Content-Length: 144

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.cpp", "text": "int x;", "version": 2.5e+20}}}Content-Length: 146

{"jsonrpc":2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x.cpp"}, "position": {"line": 0, "character": -1e+300}}}Content-Length: 276

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.cpp", "text": "", "version": nrpc": "2.0", "method": 5}Content-Length: 18

{"jsonrpc": "2.0"}Content-Length: 105

999999999

ab//ÿþ.cpp"}}}c
Content-Length: 159

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x.cpp"}, "position": {"line": 1e+300, "character": 0}}}Content-Length: 160

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x.cpp"}, "position": {"line": 0, "character": -1e+300}}}Content-Length: 138

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.cpp", "text": "", "version": 2.5e+20}}}Content-Length: 268

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///x.cpp", "version": -1e+300}, "contentChanges": [{"range": {"start": {"line": 4294967296, "character": 0}, "end": {"line": 0, "character": 10000000000.0}}, "text": ""}]}}Content-Length: 112

{"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {"initializationOptions": {"debounceMs": 1e+300}}}Content-Length: 128

{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"ownership": {"debounceMs": -1e+300}}}}
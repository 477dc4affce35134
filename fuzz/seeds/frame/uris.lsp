Content-Length: 166

{"jsonrpc": "2.0", "id": 0, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///a/../../b/./c.cpp"}, "position": {"line": 0, "character": 0}}}Content-Length: 171

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file://localhost/x%2Fy%00z.cpp"}, "position": {"line": 0, "character": 0}}}Content-Length: 162

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "FILE:///%e2%82%ac.cpp"}, "position": {"line": 0, "character": 0}}}Content-Length: 158

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file://host/x.cpp"}, "position": {"line": 0, "character": 0}}}Content-Length: 152

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///%zz"}, "position": {"line": 0, "character": 0}}}Content-Length: 152

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///a%2"}, "position": {"line": 0, "character": 0}}}
Content-Length: nope

Content-Length: 9

{broken}!X-Garbage



Content-Type: application/vscode-jsonrpc; charset=utf-8
content-length: 2

{}Content-Length: 999999999999

abc
// ownership-lsp: the language server executable (stdio by default; --listen for a
// loopback socket).
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include <llvm/Support/CrashRecoveryContext.h>

#include "server/Logger.h"
#include "server/LspServer.h"
#include "server/StreamTransport.h"

using namespace ownership::server;

namespace {
const char* kUsage =
    "usage: ownership-lsp [--stdio] [--listen=HOST:PORT] [--log=error|info|verbose]\n"
    "                     [--docs-dir=DIR] [--version] [--help]\n"
    "\n"
    "A language server for C++ ownership and borrow checking. Speaks LSP over stdin/stdout\n"
    "(--stdio is the default and accepted for clients that pass it). --listen serves one\n"
    "client on a loopback address instead. Logs go to stderr.\n";
}

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill us mid-write
  // Builds run under CrashRecoveryContext: a crash in Clang on one file is survived.
  llvm::CrashRecoveryContext::Enable();
  std::string listen;
  LaunchOptions launch;
#ifdef OWNERSHIP_DOCS_DIR
  if (std::filesystem::is_directory(OWNERSHIP_DOCS_DIR)) launch.docsDir = OWNERSHIP_DOCS_DIR;
#endif
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--stdio") continue;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--version") {
      std::puts("ownership-lsp 0.4.0");
      return 0;
    }
    if (a.rfind("--listen=", 0) == 0) {
      listen = a.substr(9);
      continue;
    }
    if (a.rfind("--log=", 0) == 0) {
      LogLevel level;
      if (!parseLogLevel(a.substr(6), level)) {
        std::fprintf(stderr, "ownership-lsp: --log wants error, info or verbose, not `%s`\n", a.substr(6).c_str());
        return 2;
      }
      setLogLevel(level);
      continue;
    }
    if (a.rfind("--docs-dir=", 0) == 0) {
      launch.docsDir = a.substr(11);
      continue;
    }
    if (a.rfind("--clientProcessId", 0) == 0) {  // some clients pass it; we do not watch pids
      if (a.find('=') == std::string::npos && i + 1 < argc) ++i;
      continue;
    }
    std::fprintf(stderr, "ownership-lsp: unknown argument `%s`\n%s", a.c_str(), kUsage);
    return 2;
  }
  std::unique_ptr<StreamTransport> transport;
  if (!listen.empty()) {
    std::string error;
    transport = StreamTransport::listen(listen, error);
    if (!transport) {
      std::fprintf(stderr, "ownership-lsp: %s\n", error.c_str());
      return 2;
    }
  } else {
    transport = StreamTransport::stdio();
  }
  logInfo("ownership-lsp 0.4.0 started");
  int rc = 0;
  {
    LspServer server(*transport, launch);
    rc = server.run();
  }
  logInfo("exiting with status " + std::to_string(rc));
  return rc;
}

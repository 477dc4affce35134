// The server's C++ API, asynchronous and free of JSON: open documents, their workers,
// compile flags, and "run this on the latest build" for the features. The LSP adapter
// (LspServer) sits on top; tests can drive this directly.
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include "server/CompileFlags.h"
#include "server/DocumentWorker.h"

namespace ownership::server {

// Built once in `initialize`; a configuration change builds a new one.
struct ServerOptions {
  std::optional<std::string> compileCommandsDir;
  std::vector<std::string> fallbackFlags{"-std=c++20"};
  std::chrono::milliseconds debounce{30};
  unsigned maxBlockVisits = 50000;
  unsigned maxConcurrentBuilds = 0;  // 0: one per core
};

class OwnershipServer {
 public:
  using OnBuilt = DocumentWorker::OnBuilt;
  OwnershipServer(std::shared_ptr<const ServerOptions> options, OnBuilt onBuilt);
  ~OwnershipServer();  // stops every worker

  // Open or change a document: its full text at `version`.
  void update(const std::string& path, std::shared_ptr<const std::string> text, int version);
  void close(const std::string& path);
  bool isOpen(const std::string& path) const;
  // Runs `action` on the document's worker after every edit sent before this call;
  // with null when the document is not open or gets closed first.
  void read(const std::string& path, DocumentWorker::Read action);
  // Rebuilds every open document except `except` (a saved header may change them), or
  // all of them with new options.
  void rebuildAll(const std::string& except = "");
  void setOptions(std::shared_ptr<const ServerOptions> options);

  std::shared_ptr<const ServerOptions> options() const;

 private:
  struct Doc {
    std::shared_ptr<const std::string> text;
    int version = 0;
    std::unique_ptr<DocumentWorker> worker;
    std::string flagsLogged;  // a header's borrowed flags, once logged
  };
  BuildInput inputFor(const std::string& path, Doc& d);

  std::shared_ptr<const ServerOptions> options_;
  std::unique_ptr<CompileFlagsProvider> flags_;
  OnBuilt onBuilt_;
  std::counting_semaphore<> slots_;
  mutable std::mutex m_;
  std::map<std::string, Doc> docs_;
};

}  // namespace ownership::server

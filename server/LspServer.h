// The LSP adapter: decodes messages, enforces the lifecycle, keeps the drafts (the
// documents' texts as the client sees them), forwards to OwnershipServer and encodes
// results. No analysis happens here.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "protocol/lsp/Documents.h"
#include "protocol/lsp/Language.h"
#include "protocol/lsp/Lifecycle.h"
#include "server/Convert.h"
#include "server/Dispatcher.h"
#include "server/OwnershipServer.h"
#include "server/Transport.h"

namespace ownership::server {

struct LaunchOptions {
  std::string docsDir;  // docs/diagnostics for codeDescription links ("" for none)
};

class LspServer {
 public:
  LspServer(Transport& transport, LaunchOptions launch);
  ~LspServer();
  // Serves until `exit` or the end of input; returns the process exit code
  // (0 after shutdown + exit, 1 otherwise).
  int run();

 private:
  enum class Phase { Uninitialized, Running, ShuttingDown, Exited };
  struct Draft {
    std::string path;
    std::shared_ptr<const std::string> text;
    int version = 0;
  };
  // Options the adapter applies (the analysis knows nothing of them).
  struct ClientOptions {
    std::map<Code, SeverityOverride> severity;
    bool inlayHints = true;
  };

  void bindMethods();
  bool gate(const protocol::Message& m);
  void send(const nlohmann::json& j);

  void onInitialize(protocol::lsp::InitializeParams p, Reply r);
  void onShutdown(Reply r);
  void onExit();
  void onDidOpen(protocol::lsp::DidOpenParams p);
  void onDidChange(protocol::lsp::DidChangeParams p);
  void onDidClose(protocol::lsp::DidCloseParams p);
  void onDidSave(protocol::lsp::DidSaveParams p);
  void onDidChangeConfiguration(protocol::lsp::DidChangeConfigurationParams p);
  // Spec §7: .ownership.yaml files. A change re-reads them and rebuilds the open documents.
  void onInitialized();
  void onDidChangeWatchedFiles(const nlohmann::json& p);
  // The document's diagnostics adjusted by its configuration (the defaults when it has an error,
  // which is logged and shown once).
  std::vector<Diag> configured(const Snapshot& s);
  void onHover(protocol::lsp::TextDocumentPositionParams p, Reply r);
  // Asked on every cursor move: answered from the latest build's cached results, never a re-parse.
  void onDocumentHighlight(protocol::lsp::TextDocumentPositionParams p, Reply r);
  void onCodeAction(protocol::lsp::CodeActionParams p, Reply r);
  void onInlayHint(protocol::lsp::InlayHintParams p, Reply r);
  void onDiagnostic(protocol::lsp::DocumentDiagnosticParams p, Reply r);

  void applyOptions(const protocol::lsp::OwnershipOptions& o);
  void publish(const Snapshot& s);
  ConvertContext context(const Snapshot& s, const LineIndex& lines, const std::string& uri) const;
  // The open document at `uri`, or an InvalidParams reply and nullopt.
  std::optional<Draft> draftFor(const std::string& uri, const Reply& r);
  // A read at a position of a document (hover, highlights): on its latest usable build, `answer`
  // gets the build, its line index and the position's byte offset; the errors (closed, cancelled,
  // a line past the end) and null for an unusable build are answered here.
  using AtPosition = std::function<void(const Snapshot&, const LineIndex&, std::size_t offset)>;
  void readAt(const protocol::lsp::TextDocumentPositionParams& p, Reply r, AtPosition answer);

  Transport& transport_;
  LaunchOptions launch_;
  Dispatcher dispatcher_;
  Phase phase_ = Phase::Uninitialized;
  bool shutdownRequested_ = false;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  bool hoverMarkdown_ = true;
  bool watchedFilesRegistration_ = false;

  mutable std::mutex m_;  // guards drafts_, clientOptions_, pathToUri_
  std::map<std::string, Draft> drafts_;  // uri -> draft
  std::map<std::string, std::string> pathToUri_;
  std::shared_ptr<const ClientOptions> clientOptions_;
  protocol::lsp::OwnershipOptions initialOptions_;
  std::set<std::string> configErrorsShown_;  // guarded by m_

  std::unique_ptr<OwnershipServer> server_;  // built in initialize; destroyed first
};

}  // namespace ownership::server

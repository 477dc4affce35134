// LSP adapter: lifecycle, drafts, and the feature requests as reads on the latest build.
#include "server/LspServer.h"

#include "analysis/Config.h"
#include "analysis/Suppressions.h"

#include <algorithm>

#include <llvm/ADT/StringRef.h>

#include "analysis/Hover.h"
#include "analysis/InlayHints.h"
#include "protocol/Uri.h"
#include "server/Logger.h"

namespace ownership::server {

using nlohmann::json;
using protocol::ErrorCode;
namespace lsp = protocol::lsp;

namespace {
constexpr const char* kVersion = "0.4.0";

// The one diagnostic a document gets when its build crashed (and was recovered).
lsp::Diagnostic crashDiagnostic() {
  lsp::Diagnostic d;
  d.range = {{0, 0}, {0, 0}};
  d.severity = lsp::DiagnosticSeverity::Warning;
  d.code = "analysis-failed";
  d.message = "ownership analysis of this file failed (an internal error while parsing or checking it); "
              "the server keeps running and other files are not affected. The next edit retries.";
  return d;
}

bool overlaps(const lsp::Range& a, const lsp::Range& b) {
  auto before = [](const lsp::Position& x, const lsp::Position& y) {
    return x.line < y.line || (x.line == y.line && x.character < y.character);
  };
  return !before(a.end, b.start) && !before(b.end, a.start);
}
}  // namespace

LspServer::LspServer(Transport& transport, LaunchOptions launch)
    : transport_(transport), launch_(std::move(launch)), dispatcher_([this](const json& j) { send(j); }),
      clientOptions_(std::make_shared<ClientOptions>()) {
  bindMethods();
}

LspServer::~LspServer() { server_.reset(); }

void LspServer::send(const json& j) { transport_.send(j.dump(-1, ' ', false, json::error_handler_t::replace)); }

int LspServer::run() {
  transport_.run([this](std::string body) { dispatcher_.dispatch(body); },
                 [this](const std::string& why) { dispatcher_.frameError(why); });
  server_.reset();  // join workers before the reply machinery goes away
  if (phase_ != Phase::Exited) logInfo("input ended without `exit`");
  return shutdownRequested_ && phase_ == Phase::Exited ? 0 : 1;
}

bool LspServer::gate(const protocol::Message& m) {
  if (m.method == "exit") return true;
  if (phase_ == Phase::Uninitialized && m.method != "initialize") {
    if (m.isRequest()) {
      send(protocol::makeError(*m.id, ErrorCode::ServerNotInitialized, "server not initialized: send `initialize` first"));
    } else {
      logInfo("ignoring " + m.method + " before initialize");
    }
    return false;
  }
  if (phase_ == Phase::ShuttingDown) {
    if (m.isRequest()) send(protocol::makeError(*m.id, ErrorCode::InvalidRequest, "server is shutting down"));
    else logInfo("ignoring " + m.method + " after shutdown");
    return false;
  }
  return true;
}

void LspServer::bindMethods() {
  dispatcher_.gate = [this](const protocol::Message& m) { return gate(m); };
  dispatcher_.request<lsp::InitializeParams>("initialize", [this](auto p, Reply r) { onInitialize(std::move(p), r); });
  dispatcher_.request<json>("shutdown", [this](json, Reply r) { onShutdown(r); });
  dispatcher_.notification<json>("initialized", [this](json) { onInitialized(); });
  dispatcher_.notification<json>("exit", [this](json) { onExit(); });
  dispatcher_.notification<lsp::DidOpenParams>("textDocument/didOpen", [this](auto p) { onDidOpen(std::move(p)); });
  dispatcher_.notification<lsp::DidChangeParams>("textDocument/didChange", [this](auto p) { onDidChange(std::move(p)); });
  dispatcher_.notification<lsp::DidCloseParams>("textDocument/didClose", [this](auto p) { onDidClose(std::move(p)); });
  dispatcher_.notification<lsp::DidSaveParams>("textDocument/didSave", [this](auto p) { onDidSave(std::move(p)); });
  dispatcher_.notification<lsp::DidChangeConfigurationParams>(
      "workspace/didChangeConfiguration", [this](auto p) { onDidChangeConfiguration(std::move(p)); });
  dispatcher_.notification<json>("workspace/didChangeWatchedFiles",
                                 [this](json p) { onDidChangeWatchedFiles(p); });
  dispatcher_.notification<json>("$/setTrace", [](json) {});
  dispatcher_.request<lsp::TextDocumentPositionParams>("textDocument/hover",
                                                       [this](auto p, Reply r) { onHover(std::move(p), r); });
  dispatcher_.request<lsp::TextDocumentPositionParams>(
      "textDocument/documentHighlight", [this](auto p, Reply r) { onDocumentHighlight(std::move(p), r); });
  dispatcher_.request<lsp::CodeActionParams>("textDocument/codeAction",
                                             [this](auto p, Reply r) { onCodeAction(std::move(p), r); });
  dispatcher_.request<lsp::InlayHintParams>("textDocument/inlayHint",
                                            [this](auto p, Reply r) { onInlayHint(std::move(p), r); });
  dispatcher_.request<lsp::DocumentDiagnosticParams>("textDocument/diagnostic",
                                                     [this](auto p, Reply r) { onDiagnostic(std::move(p), r); });
}

// ---------------------------------------------------------------- lifecycle

void LspServer::applyOptions(const lsp::OwnershipOptions& o) {
  auto client = std::make_shared<ClientOptions>();
  for (const auto& [name, level] : o.severity) {
    Code code;
    SeverityOverride ov;
    if (!parseCode(name, code)) {
      logError("severity: unknown diagnostic code `" + name + "` (ignored)");
      continue;
    }
    if (!parseSeverityOverride(level, ov)) {
      logError("severity: `" + level + "` for " + name + " is not error|warning|information|hint|off (ignored)");
      continue;
    }
    client->severity[code] = ov;
  }
  client->inlayHints = o.inlayHints.value_or(true);
  auto server = std::make_shared<ServerOptions>();
  server->compileCommandsDir = o.compileCommandsDir;
  if (o.fallbackFlags) server->fallbackFlags = *o.fallbackFlags;
  if (o.debounceMs) server->debounce = std::chrono::milliseconds(std::clamp(*o.debounceMs, 0, 5000));
  {
    std::lock_guard<std::mutex> l(m_);
    clientOptions_ = client;
  }
  if (!server_) {
    server_ = std::make_unique<OwnershipServer>(server, [this](const Snapshot& s) { publish(s); });
  } else {
    server_->setOptions(server);  // rebuilds and republishes every open document
  }
}

void LspServer::onInitialize(lsp::InitializeParams p, Reply r) {
  if (phase_ != Phase::Uninitialized) {
    r.error(ErrorCode::InvalidRequest, "initialize was already received");
    return;
  }
  bool utf8 = std::find(p.positionEncodings.begin(), p.positionEncodings.end(), "utf-8") != p.positionEncodings.end();
  encoding_ = utf8 ? PositionEncoding::Utf8 : PositionEncoding::Utf16;
  hoverMarkdown_ = p.hoverMarkdown;
  watchedFilesRegistration_ = p.watchedFilesRegistration;
  initialOptions_ = p.options;
  applyOptions(p.options);
  phase_ = Phase::Running;
  json caps = {
      {"positionEncoding", utf8 ? "utf-8" : "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"documentHighlightProvider", true},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}, {"resolveProvider", false}}},
      {"inlayHintProvider", {{"resolveProvider", false}}},
      {"diagnosticProvider", {{"identifier", "ownership"}, {"interFileDependencies", true}, {"workspaceDiagnostics", false}}},
  };
  logInfo(std::string("initialized; position encoding ") + (utf8 ? "utf-8" : "utf-16"));
  r.result(json{{"capabilities", caps}, {"serverInfo", {{"name", "ownership-lsp"}, {"version", kVersion}}}});
}

void LspServer::onShutdown(Reply r) {
  shutdownRequested_ = true;
  phase_ = Phase::ShuttingDown;
  server_.reset();  // stop every worker now; nothing more will be published
  r.result(nullptr);
}

void LspServer::onExit() {
  phase_ = Phase::Exited;
  transport_.stop();
}

// ---------------------------------------------------------------- documents

void LspServer::onDidOpen(lsp::DidOpenParams p) {
  std::optional<std::string> path = protocol::uriToPath(p.uri);
  if (!path) {
    logInfo("ignoring didOpen of `" + p.uri + "`: not a local file:// URI");
    return;
  }
  auto text = std::make_shared<const std::string>(std::move(p.text));
  {
    std::lock_guard<std::mutex> l(m_);
    drafts_[p.uri] = Draft{*path, text, p.version};
    pathToUri_[*path] = p.uri;
  }
  server_->update(*path, text, p.version);
}

void LspServer::onDidChange(lsp::DidChangeParams p) {
  Draft d;
  {
    std::lock_guard<std::mutex> l(m_);
    auto it = drafts_.find(p.uri);
    if (it == drafts_.end()) {
      logError("ignoring didChange of `" + p.uri + "`: the document is not open");
      return;
    }
    std::string text = *it->second.text;
    for (const lsp::ContentChange& c : p.changes) {
      if (!c.range) {
        text = c.text;
        continue;
      }
      LineIndex idx(text);
      bool exactStart = true, exactEnd = true;
      std::size_t b = idx.offset({c.range->start.line, c.range->start.character}, encoding_, &exactStart);
      std::size_t e = idx.offset({c.range->end.line, c.range->end.character}, encoding_, &exactEnd);
      if (e < b) {
        // An edit that cannot apply: keep the text as it was rather than guess, and say so.
        logError("didChange of `" + p.uri + "`: range end before start; change ignored");
        continue;
      }
      if (!exactStart || !exactEnd) logInfo("didChange of `" + p.uri + "`: range clamped to the document");
      text.replace(b, e - b, c.text);
    }
    it->second.text = std::make_shared<const std::string>(std::move(text));
    it->second.version = p.version.value_or(it->second.version + 1);
    d = it->second;
  }
  server_->update(d.path, d.text, d.version);
}

void LspServer::onDidClose(lsp::DidCloseParams p) {
  std::string path;
  {
    std::lock_guard<std::mutex> l(m_);
    auto it = drafts_.find(p.uri);
    if (it == drafts_.end()) return;
    path = it->second.path;
    pathToUri_.erase(path);
    drafts_.erase(it);
  }
  server_->close(path);
  // Clear the closed file's squiggles.
  lsp::PublishDiagnosticsParams clear{p.uri, std::nullopt, {}};
  send(protocol::makeNotification("textDocument/publishDiagnostics", clear));
}

void LspServer::onDidSave(lsp::DidSaveParams p) {
  std::optional<std::string> path = protocol::uriToPath(p.uri);
  if (!path) return;
  // A saved header may change what other open files see.
  server_->rebuildAll(*path);
}

void LspServer::onDidChangeConfiguration(lsp::DidChangeConfigurationParams p) {
  if (!p.options) return;
  lsp::OwnershipOptions merged = initialOptions_;
  if (p.options->compileCommandsDir) merged.compileCommandsDir = p.options->compileCommandsDir;
  if (p.options->fallbackFlags) merged.fallbackFlags = p.options->fallbackFlags;
  if (!p.options->severity.empty()) merged.severity = p.options->severity;
  if (p.options->inlayHints) merged.inlayHints = p.options->inlayHints;
  if (p.options->debounceMs) merged.debounceMs = p.options->debounceMs;
  logInfo("configuration changed; rebuilding open documents");
  applyOptions(merged);
}

// ---------------------------------------------------------------- configuration files (spec §7)

void LspServer::onInitialized() {
  if (!watchedFilesRegistration_) return;  // the file's mtime is still checked on every build
  json watchers = json::array({json{{"globPattern", std::string("**/") + kConfigFileName}}});
  json reg = {{"id", "ownership-config-files"},
              {"method", "workspace/didChangeWatchedFiles"},
              {"registerOptions", {{"watchers", watchers}}}};
  send(json{{"jsonrpc", "2.0"}, {"id", "ownership-register-watchers"}, {"method", "client/registerCapability"},
            {"params", {{"registrations", json::array({reg})}}}});
}

void LspServer::onDidChangeWatchedFiles(const json& p) {
  bool config = false;
  if (p.is_object() && p.contains("changes") && p["changes"].is_array())
    for (const json& c : p["changes"])
      if (c.is_object() && c.contains("uri") && c["uri"].is_string()) {
        std::optional<std::string> path = protocol::uriToPath(c["uri"].get<std::string>());
        if (path && llvm::StringRef(*path).ends_with(std::string("/") + kConfigFileName)) config = true;
      }
  if (!config) return;
  clearConfigCache();
  {
    std::lock_guard<std::mutex> l(m_);
    configErrorsShown_.clear();  // a file fixed and broken again is shown again
  }
  logInfo("configuration file changed; rebuilding open documents");
  if (server_) server_->rebuildAll();
}

std::vector<Diag> LspServer::configured(const Snapshot& s) {
  std::vector<Diag> diags = s.diags();
  Config cfg;
  std::string error;
  if (!configForSource(s.path, cfg, error)) {
    bool first;
    {
      std::lock_guard<std::mutex> l(m_);
      first = configErrorsShown_.insert(error).second;
    }
    if (first) {
      logError("configuration: " + error + " (using the defaults)");
      send(protocol::makeNotification(
          "window/showMessage",
          json{{"type", 1}, {"message", "ownership: " + error + " (using the defaults until it is fixed)"}}));
    }
  }
  applyConfig(cfg, diags);
  return diags;
}

// ---------------------------------------------------------------- publishing

ConvertContext LspServer::context(const Snapshot& s, const LineIndex& lines, const std::string& uri) const {
  ConvertContext c;
  c.uri = uri;
  c.path = s.path;
  c.lines = &lines;
  c.encoding = encoding_;
  c.docsDir = launch_.docsDir;
  return c;
}

void LspServer::publish(const Snapshot& s) {
  std::string uri;
  std::shared_ptr<const ClientOptions> opts;
  {
    std::lock_guard<std::mutex> l(m_);
    auto pit = pathToUri_.find(s.path);
    if (pit == pathToUri_.end()) return;  // closed meanwhile
    auto dit = drafts_.find(pit->second);
    // A newer version is on its way: its build will publish.
    if (dit == drafts_.end() || dit->second.version != s.version) return;
    uri = pit->second;
    opts = clientOptions_;
  }
  LineIndex lines(*s.text);
  ConvertContext c = context(s, lines, uri);
  c.severity = &opts->severity;
  lsp::PublishDiagnosticsParams p{uri, s.version, {}};
  if (s.usable()) p.diagnostics = toLsp(configured(s), c);
  if (s.crashed) p.diagnostics.push_back(crashDiagnostic());
  send(protocol::makeNotification("textDocument/publishDiagnostics", p));
}

// ---------------------------------------------------------------- features

std::optional<LspServer::Draft> LspServer::draftFor(const std::string& uri, const Reply& r) {
  std::lock_guard<std::mutex> l(m_);
  auto it = drafts_.find(uri);
  if (it == drafts_.end()) {
    r.error(ErrorCode::InvalidParams, "document not open: " + uri);
    return std::nullopt;
  }
  return it->second;
}

void LspServer::readAt(const lsp::TextDocumentPositionParams& p, Reply r, AtPosition answer) {
  std::optional<Draft> d = draftFor(p.textDocument.uri, r);
  if (!d) return;
  lsp::Position pos = p.position;
  server_->read(d->path, [this, r, pos, answer = std::move(answer)](const Snapshot* s) {
    if (r.answerIfCancelled()) return;
    if (!s) return r.error(ErrorCode::ContentModified, "document closed");
    LineIndex lines(*s->text);
    if (static_cast<std::size_t>(pos.line) >= lines.lineCount())
      return r.error(ErrorCode::InvalidParams, "position line " + std::to_string(pos.line) + " is past the end");
    if (!s->usable()) return r.result(nullptr);
    answer(*s, lines, lines.offset({pos.line, pos.character}, encoding_));
  });
}

void LspServer::onHover(lsp::TextDocumentPositionParams p, Reply r) {
  std::string uri = p.textDocument.uri;
  bool markdown = hoverMarkdown_;
  readAt(p, r, [this, r, uri, markdown](const Snapshot& s, const LineIndex& lines, std::size_t offset) {
    std::optional<HoverInfo> h = s.build->hoverAt(static_cast<unsigned>(offset));
    if (!h) return r.result(nullptr);
    lsp::Hover out = toLsp(*h, context(s, lines, uri));
    out.isMarkdown = markdown;
    r.result(out);
  });
}

void LspServer::onDocumentHighlight(lsp::TextDocumentPositionParams p, Reply r) {
  std::string uri = p.textDocument.uri;
  readAt(p, r, [this, r, uri](const Snapshot& s, const LineIndex& lines, std::size_t offset) {
    std::vector<Highlight> hs = s.build->highlightsAt(static_cast<unsigned>(offset));
    // null, not [], when there is nothing: a client may then fall back to its own word highlight.
    if (hs.empty()) return r.result(nullptr);
    ConvertContext c = context(s, lines, uri);
    json out = json::array();
    for (const Highlight& h : hs) out.push_back(toLsp(h, c));
    r.result(out);
  });
}

void LspServer::onCodeAction(lsp::CodeActionParams p, Reply r) {
  std::optional<Draft> d = draftFor(p.uri, r);
  if (!d) return;
  if (p.only) {
    bool wantsQuickfix = false;
    for (const std::string& k : *p.only)
      if (k == "quickfix" || k.empty()) wantsQuickfix = true;
    if (!wantsQuickfix) return r.result(json::array());
  }
  std::shared_ptr<const ClientOptions> opts;
  {
    std::lock_guard<std::mutex> l(m_);
    opts = clientOptions_;
  }
  server_->read(d->path, [this, r, p, opts](const Snapshot* s) {
    if (r.answerIfCancelled()) return;
    if (!s) return r.error(ErrorCode::ContentModified, "document closed");
    json actions = json::array();
    if (!s->usable()) return r.result(actions);
    LineIndex lines(*s->text);
    ConvertContext c = context(*s, lines, p.uri);
    c.severity = &opts->severity;
    json suppressions = json::array();  // listed after every fix
    for (const Diag& diag : configured(*s)) {
      std::optional<lsp::Diagnostic> ld = toLsp(diag, c);
      if (!ld || !overlaps(ld->range, p.range)) continue;
      // Attach the client's own copy of the diagnostic when it sent one.
      lsp::Diagnostic attached = *ld;
      for (const lsp::Diagnostic& cd : p.diagnostics)
        if (cd.code == ld->code && cd.range == ld->range) attached = cd;
      // Whole-file fixes of an incremental build are computed now, on request (a full parse).
      for (const Fix& f : diag.fixesDeferred ? s->build->deferredFixes(diag) : diag.fixes)
        actions.push_back(toLsp(f, attached, c));
      // Spec §7: silence this one finding with a NOLINT comment (never preferred).
      Fix suppress;
      suppress.title = "suppress `" + std::string(codeName(diag.code)) + "` on this line";
      suppress.edits.push_back(suppressionEdit(diag, *s->text));
      suppressions.push_back(toLsp(suppress, attached, c));
    }
    for (json& a : suppressions) actions.push_back(std::move(a));
    r.result(actions);
  });
}

void LspServer::onInlayHint(lsp::InlayHintParams p, Reply r) {
  std::optional<Draft> d = draftFor(p.uri, r);
  if (!d) return;
  std::shared_ptr<const ClientOptions> opts;
  {
    std::lock_guard<std::mutex> l(m_);
    opts = clientOptions_;
  }
  if (!opts->inlayHints) return r.result(json::array());
  server_->read(d->path, [this, r, p](const Snapshot* s) {
    if (r.answerIfCancelled()) return;
    if (!s) return r.error(ErrorCode::ContentModified, "document closed");
    json out = json::array();
    if (!s->usable()) return r.result(out);
    LineIndex lines(*s->text);
    ConvertContext c = context(*s, lines, p.uri);
    std::size_t b = lines.offset({p.range.start.line, p.range.start.character}, encoding_);
    std::size_t e = lines.offset({p.range.end.line, p.range.end.character}, encoding_);
    for (const InlayHint& h : s->build->inlayHints(static_cast<unsigned>(b), static_cast<unsigned>(e)))
      if (h.position.offset >= b && h.position.offset <= e) out.push_back(toLsp(h, c));
    r.result(out);
  });
}

void LspServer::onDiagnostic(lsp::DocumentDiagnosticParams p, Reply r) {
  std::optional<Draft> d = draftFor(p.uri, r);
  if (!d) return;
  std::shared_ptr<const ClientOptions> opts;
  {
    std::lock_guard<std::mutex> l(m_);
    opts = clientOptions_;
  }
  server_->read(d->path, [this, r, p, opts](const Snapshot* s) {
    if (r.answerIfCancelled()) return;
    if (!s) return r.error(ErrorCode::ContentModified, "document closed");
    std::string resultId = std::to_string(s->version) + "." + std::to_string(s->buildSeq);
    if (p.previousResultId && *p.previousResultId == resultId)
      return r.result(json{{"kind", "unchanged"}, {"resultId", resultId}});
    LineIndex lines(*s->text);
    ConvertContext c = context(*s, lines, p.uri);
    c.severity = &opts->severity;
    std::vector<lsp::Diagnostic> items;
    if (s->usable()) items = toLsp(configured(*s), c);
    if (s->crashed) items.push_back(crashDiagnostic());
    r.result(json{{"kind", "full"}, {"resultId", resultId}, {"items", items}});
  });
}

}  // namespace ownership::server

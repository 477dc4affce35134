// Documents and their workers; compile flags looked up per build input.
#include "server/OwnershipServer.h"

#include <thread>

#include <llvm/Support/CrashRecoveryContext.h>

#include "server/Logger.h"

namespace ownership::server {

namespace {
std::ptrdiff_t slotCount(const ServerOptions& o) {
  unsigned n = o.maxConcurrentBuilds ? o.maxConcurrentBuilds : std::thread::hardware_concurrency();
  return n ? n : 1;
}
}  // namespace

OwnershipServer::OwnershipServer(std::shared_ptr<const ServerOptions> options, OnBuilt onBuilt)
    : options_(std::move(options)),
      flags_(std::make_unique<CompileFlagsProvider>(options_->compileCommandsDir, options_->fallbackFlags)),
      onBuilt_(std::move(onBuilt)),
      slots_(slotCount(*options_)) {
  llvm::CrashRecoveryContext::Enable();  // idempotent; workers build under a recovery context
}

OwnershipServer::~OwnershipServer() {
  std::map<std::string, Doc> docs;
  {
    std::lock_guard<std::mutex> l(m_);
    docs = std::move(docs_);
  }
  docs.clear();  // joins the workers outside the lock
}

std::shared_ptr<const ServerOptions> OwnershipServer::options() const {
  std::lock_guard<std::mutex> l(m_);
  return options_;
}

BuildInput OwnershipServer::inputFor(const std::string& path, Doc& d) {
  CompileFlags f = flags_->flagsFor(path);
  if (f.borrowed && d.flagsLogged != f.source) {  // once per document and choice, not per keystroke
    logInfo("flags for header " + path + " from " + f.source);
    d.flagsLogged = f.source;
  }
  return BuildInput{d.text, d.version, std::move(f.flags), std::move(f.source)};
}

void OwnershipServer::update(const std::string& path, std::shared_ptr<const std::string> text, int version) {
  std::lock_guard<std::mutex> l(m_);
  Doc& d = docs_[path];
  d.text = std::move(text);
  d.version = version;
  if (!d.worker) {
    DocumentWorker::Config cfg;
    cfg.debounce = options_->debounce;
    cfg.maxBlockVisits = options_->maxBlockVisits;
    d.worker = std::make_unique<DocumentWorker>(path, cfg, slots_, onBuilt_);
  }
  BuildInput in = inputFor(path, d);
  logVerbose("flags for " + path + " from " + in.flagsSource);
  d.worker->update(std::move(in));
}

void OwnershipServer::close(const std::string& path) {
  std::unique_ptr<DocumentWorker> w;
  {
    std::lock_guard<std::mutex> l(m_);
    auto it = docs_.find(path);
    if (it == docs_.end()) return;
    w = std::move(it->second.worker);
    docs_.erase(it);
  }
  w.reset();  // joins outside the lock: pending reads get null
}

bool OwnershipServer::isOpen(const std::string& path) const {
  std::lock_guard<std::mutex> l(m_);
  return docs_.count(path) != 0;
}

void OwnershipServer::read(const std::string& path, DocumentWorker::Read action) {
  std::unique_lock<std::mutex> l(m_);
  auto it = docs_.find(path);
  if (it == docs_.end()) {
    l.unlock();
    action(nullptr);
    return;
  }
  it->second.worker->read(std::move(action));
}

void OwnershipServer::rebuildAll(const std::string& except) {
  std::lock_guard<std::mutex> l(m_);
  for (auto& [path, d] : docs_)
    if (path != except) d.worker->rebuild(inputFor(path, d));
}

void OwnershipServer::setOptions(std::shared_ptr<const ServerOptions> options) {
  {
    std::lock_guard<std::mutex> l(m_);
    options_ = std::move(options);
    flags_ = std::make_unique<CompileFlagsProvider>(options_->compileCommandsDir, options_->fallbackFlags);
  }
  rebuildAll();
}

}  // namespace ownership::server

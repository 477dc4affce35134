// The per-document worker loop; see the rules in DocumentWorker.h.
#include "server/DocumentWorker.h"

#include <cstdio>
#include <cstdlib>

#include <llvm/Support/CrashRecoveryContext.h>

#include "analysis/Stack.h"
#include "server/Logger.h"

namespace ownership::server {

namespace {
IncrementalOptions analyzerOptions(const DocumentWorker::Config& c) {
  IncrementalOptions o;
  o.maxBlockVisits = c.maxBlockVisits;
  const char* off = std::getenv("OWNERSHIP_NO_INCREMENTAL");
  o.enabled = c.incremental && !(off && *off && std::string(off) != "0");
  return o;
}
}  // namespace

DocumentWorker::DocumentWorker(std::string path, Config config, std::counting_semaphore<>& slots, OnBuilt onBuilt)
    : path_(std::move(path)), config_(config), slots_(slots), onBuilt_(std::move(onBuilt)),
      analyzer_(std::make_unique<IncrementalAnalyzer>(analyzerOptions(config_))),
      // Parsing and analysis recurse once per nesting level of the code: the big stack of analysis/Stack.h.
      thread_(std::optional<unsigned>(kAnalysisStackSize), [this] { loop(); }) {}

DocumentWorker::~DocumentWorker() {
  {
    std::lock_guard<std::mutex> l(m_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DocumentWorker::update(BuildInput input) {
  std::lock_guard<std::mutex> l(m_);
  Update u{std::move(input)};
  // Part of a burst when the previous edit came less than a debounce ago: only then is there more
  // typing to wait for. An edit after a pause is built at once (leading edge).
  u.burst = lastUpdate_ && u.queued - *lastUpdate_ < config_.debounce;
  lastUpdate_ = u.queued;
  queue_.emplace_back(std::move(u));
  cv_.notify_all();
}

void DocumentWorker::read(Read action) {
  std::lock_guard<std::mutex> l(m_);
  queue_.emplace_back(std::move(action));
  cv_.notify_all();
}

void DocumentWorker::loop() {
  while (true) {
    std::unique_lock<std::mutex> l(m_);
    cv_.wait(l, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) {
      std::deque<Item> rest = std::move(queue_);
      l.unlock();
      for (Item& it : rest)
        if (auto* r = std::get_if<Read>(&it)) (*r)(nullptr);
      return;
    }
    if (auto* u = std::get_if<Update>(&queue_.front())) {
      if (queue_.size() > 1 && std::holds_alternative<Update>(queue_[1])) {
        queue_.pop_front();  // superseded by the next edit
        ++superseded_;
        continue;
      }
      auto deadline = u->queued + config_.debounce;
      if (u->burst && queue_.size() == 1 && std::chrono::steady_clock::now() < deadline) {
        // Debounce: more typing supersedes this update; a read or a stop ends the wait.
        cv_.wait_until(l, deadline, [&] { return stopping_ || queue_.size() > 1; });
        continue;  // re-evaluate the queue from the top
      }
      double waitMs =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - u->queued).count();
      BuildInput input = std::move(std::get<Update>(queue_.front()).input);
      queue_.pop_front();
      l.unlock();
      build(std::move(input), waitMs);
      continue;
    }
    Read r = std::move(std::get<Read>(queue_.front()));
    queue_.pop_front();
    l.unlock();
    r(current_.get());
  }
}

void DocumentWorker::build(BuildInput input, double waitMs) {
  auto t0 = std::chrono::steady_clock::now();
  auto snap = std::make_unique<Snapshot>();
  snap->path = path_;
  snap->text = input.text;
  snap->version = input.version;
  snap->flagsSource = input.flagsSource;
  slots_.acquire();
  bool cancelled = false;
  // A crash inside Clang (or the analysis) on this document must not take the server
  // down: run the build under a crash recovery context. On a crash the AST and the
  // preamble are abandoned (their memory leaks, deliberately: their state is unknown).
  llvm::CrashRecoveryContext crc;
  bool survived = crc.RunSafely([&] {
    // Cancelled when an edit is queued next: its build will replace this one, and no
    // read waits in between for this version.
    auto isCancelled = [this] {
      std::lock_guard<std::mutex> l(m_);
      return stopping_ || (!queue_.empty() && std::holds_alternative<Update>(queue_.front()));
    };
    snap->build = analyzer_->update(path_, *input.text, input.flags, isCancelled);
    cancelled = snap->build->cancelled();
  });
  slots_.release();
  if (!survived) {
    // The analyzer (its ASTs, cached results and preamble) is abandoned: its memory leaks,
    // deliberately, as its state is unknown. The next edit starts afresh.
    (void)analyzer_.release();
    analyzer_ = std::make_unique<IncrementalAnalyzer>(analyzerOptions(config_));
    snap->build.reset();
    snap->crashed = true;
    cancelled = false;
    logError("the analysis of " + path_ + " v" + std::to_string(input.version) +
             " crashed; the server goes on (other documents are not affected)");
  }
  snap->buildMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (cancelled) {
    ++superseded_;
    logVerbose("build of " + path_ + " v" + std::to_string(input.version) + " cancelled by a newer edit");
    return;
  }
  bool overtaken = false;
  {
    // Finished, but a newer edit came meanwhile: it is built next and its diagnostics replace
    // these before anyone could read them, so they are not published (a read in between would
    // be queued before that edit and see this build).
    std::lock_guard<std::mutex> l(m_);
    overtaken = !queue_.empty() && std::holds_alternative<Update>(queue_.front());
  }
  snap->buildSeq = ++builds_;
  ParsedFile* parsed = snap->build ? snap->build->parsed() : nullptr;
  if (parsed && parsed->fatal()) {
    std::string why = parsed->errors().empty() ? "no AST" : parsed->errors().front();
    logError("cannot parse " + path_ + ": " + why);
  }
  logVerbose("built " + path_ + " v" + std::to_string(input.version) + " in " +
             std::to_string(static_cast<int>(snap->buildMs)) + " ms (parse " +
             std::to_string(static_cast<int>(parsed ? parsed->parseMs() : 0)) + " ms, " +
             std::to_string(snap->diags().size()) +
             " diagnostics, preamble " + (parsed && parsed->usedPreamble() ? "reused" : "not reused") + ")");
  if (snap->usable()) {
    const IncrementalBuild& b = *snap->build;
    logVerbose(std::string(b.incremental ? "incremental" : "full") + ": re-checked " +
               std::to_string(b.functionsChecked) + " of " + std::to_string(b.functionsChecked + b.functionsReused) +
               " functions" + (b.incremental ? "" : " (" + b.fullReason + ")"));
    for (const std::string& line : b.log()) logVerbose(path_ + ": " + line);
  }
  auto releaseStart = std::chrono::steady_clock::now();
  current_ = std::move(snap);  // frees the previous build's AST unless cached units still use it
  auto publishStart = std::chrono::steady_clock::now();
  double releaseMs = std::chrono::duration<double, std::milli>(publishStart - releaseStart).count();
  if (onBuilt_ && !overtaken) onBuilt_(*current_);
  if (logLevel() >= LogLevel::Verbose && current_->usable()) {
    // Where this version's time went (bench/profile.py reads it): waiting (debounce, queue), the
    // parse (preamble, Clang's parse + Sema of which end of unit, setup), the analysis phases, a
    // thrown-away incremental attempt, freeing the previous build, and publishing (conversion to
    // LSP, JSON, writing).
    double publishMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - publishStart).count();
    const IncrementalBuild& b = *current_->build;
    const ParsedFile::Timings& t = b.parsed()->timings();
    auto f = [](const char* name, double ms) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " %s=%.1f", name, ms);
      return std::string(buf);
    };
    logVerbose("profile " + path_ + " v" + std::to_string(current_->version) + ":" +
               " kind=" + (b.incremental ? "incremental" : "full") + f("wait", waitMs) +
               f("build", current_->buildMs) + f("attempt", b.attemptMs) + f("parse", b.parseMs) +
               f("preamble", t.preambleMs) + f("frontend", t.frontendMs) + f("end_of_unit", t.endOfUnitMs) +
               f("setup", b.parseMs - t.preambleMs - t.frontendMs) + f("collect", b.collectMs) +
               f("decls", b.declMs) + f("functions", b.functionsMs) + f("fixes", b.fixesMs) +
               f("assemble", b.assembleMs) +
               f("decide", b.totalMs - b.attemptMs - b.parseMs - b.collectMs - b.declMs - b.functionsMs - b.fixesMs -
                               b.assembleMs) +
               f("other", current_->buildMs - b.totalMs) + f("release", releaseMs) + f("publish", publishMs));
  }
}

}  // namespace ownership::server

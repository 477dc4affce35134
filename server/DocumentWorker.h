// One worker thread per open document: builds (parse + analysis) and serves reads.
//
// The scheduler's rules:
//  - Parsing and analysis never run on the thread that reads messages.
//  - Work is a queue of updates and reads, served in order, so a read sees exactly
//    the edits sent before it and none sent after.
//  - An update followed directly by another update is superseded and dropped.
//  - An update that comes after a pause (none in the last `debounce`) is built at once; one
//    that comes within `debounce` of the previous (a burst of typing) waits `debounce` for
//    more; a read behind it ends the wait (the user asked for something now).
//  - A build that finishes with a newer update queued is kept but not published.
//  - A build whose analysis is overtaken by a newer update is cancelled between
//    functions and its result dropped (nothing published for it).
//  - At most N builds run at once across documents (a shared semaphore).
//  - The AST of the last build is used only on this worker's thread.
//  - A crash while building is recovered (llvm::CrashRecoveryContext): that version
//    gets one "analysis failed" diagnostic, and the next edit is tried afresh.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <thread>

#include <llvm/Support/thread.h>
#include <variant>
#include <vector>

#include "analysis/FileAnalysis.h"
#include "analysis/Incremental.h"
#include "analysis/ParsedFile.h"

namespace ownership::server {

// The result of one build: the text it saw, the ASTs and the analysis (analysis/Incremental.h: functions
// an edit did not touch come from earlier builds, positions shifted).
struct Snapshot {
  std::string path;
  std::shared_ptr<const std::string> text;
  int version = 0;
  std::shared_ptr<IncrementalBuild> build;  // null or fatal(): no AST, no diagnostics
  std::string flagsSource;
  bool crashed = false;                // the build crashed (recovered); no AST
  unsigned buildSeq = 0;               // 1, 2, ... per document
  double buildMs = 0;
  bool usable() const { return build && !build->fatal(); }
  const std::vector<Diag>& diags() const {
    static const std::vector<Diag> kNone;
    return usable() ? build->diags() : kNone;
  }
};

struct BuildInput {
  std::shared_ptr<const std::string> text;
  int version = 0;
  std::vector<std::string> flags;
  std::string flagsSource;
};

class DocumentWorker {
 public:
  struct Config {
    std::chrono::milliseconds debounce{30};
    unsigned maxBlockVisits = 50000;
    // Re-check only the edited function when an edit stays in one body. The environment variable
    // OWNERSHIP_NO_INCREMENTAL=1 turns it off (every build a full re-parse), for comparisons.
    bool incremental = true;
  };
  using OnBuilt = std::function<void(const Snapshot&)>;
  using Read = std::function<void(const Snapshot*)>;  // null: the document was closed

  DocumentWorker(std::string path, Config config, std::counting_semaphore<>& buildSlots, OnBuilt onBuilt);
  ~DocumentWorker();  // stops: pending reads get null, the thread is joined

  void update(BuildInput input);
  void read(Read action);
  // Builds the current text again (flags or dependencies changed) unless an update is queued.
  void rebuild(BuildInput input) { update(std::move(input)); }

  // For tests and logs.
  unsigned builds() const { return builds_; }
  unsigned superseded() const { return superseded_; }

 private:
  struct Update {
    BuildInput input;
    std::chrono::steady_clock::time_point queued = std::chrono::steady_clock::now();
    bool burst = false;  // came within `debounce` of the previous update
  };
  using Item = std::variant<Update, Read>;

  void loop();
  // `waitMs`: from the update's arrival to this build (debounce, queue), for the build profile.
  void build(BuildInput input, double waitMs = 0);

  std::string path_;
  Config config_;
  std::counting_semaphore<>& slots_;
  OnBuilt onBuilt_;
  std::unique_ptr<IncrementalAnalyzer> analyzer_;  // owns the preamble cache and per-function results
  std::unique_ptr<Snapshot> current_;

  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::optional<std::chrono::steady_clock::time_point> lastUpdate_;  // arrival of the last update
  std::atomic<unsigned> builds_{0}, superseded_{0};
  llvm::thread thread_;  // last: starts after every member is ready; kAnalysisStackSize of stack
};

}  // namespace ownership::server

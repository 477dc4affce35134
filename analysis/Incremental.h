// Incremental analysis of one document: re-parses with function-body skipping and re-checks only the
// function whose body an edit changed, reusing (and shifting) the cached results of the others.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"
#include "analysis/Highlight.h"
#include "analysis/Hover.h"
#include "analysis/InlayHints.h"
#include "analysis/ParsedFile.h"

namespace ownership {

struct IncrementalOptions {
  unsigned maxBlockVisits = 50000;     // per function, as AnalysisOptions
  bool enabled = true;                 // false: every update is a full re-parse (same results)
  unsigned maxIncrementalRun = 50;     // incremental updates in a row before a full re-parse
  unsigned maxOldAsts = 4;             // old ASTs kept alive by cached functions before a full re-parse
};

// What one update produced. Functions reused from earlier updates keep the AST they were analysed on
// alive, so hover and inlay hints on them work with positions translated to the current text. Like a
// ParsedFile, used by one thread at a time.
class IncrementalBuild {
 public:
  ~IncrementalBuild();
  bool fatal() const;                      // no AST: no diagnostics
  ParsedFile* parsed() const;              // the parse of this update (bodies may be skipped)
  const std::vector<Diag>& diags() const;  // as analyzeAST: main file, deduplicated, sorted, with fixes
  const std::vector<std::string>& log() const;
  std::optional<HoverInfo> hoverAt(unsigned offset) const;
  std::vector<Highlight> highlightsAt(unsigned offset) const;
  std::vector<InlayHint> inlayHints(unsigned beginOffset, unsigned endOffset) const;
  bool cancelled() const;
  // The fixes of one of diags(): its own, or for Diag::fixesDeferred (a fix that reads the whole
  // file) those of a full parse of this update's text, made at the first call (slow: a parse).
  std::vector<Fix> deferredFixes(const Diag& d) const;

  // Statistics of this update.
  bool incremental = false;      // parsed with cached bodies skipped
  std::string fullReason;        // why not incremental (empty when incremental)
  unsigned functionsChecked = 0; // function bodies parsed and checked in this update
  unsigned functionsReused = 0;  // function bodies skipped, their cached results reused
  double parseMs = 0, totalMs = 0;
  // Where totalMs went, for the server's build profile (parsed()->timings() splits parseMs): an
  // incremental attempt thrown away for a full re-parse, collecting the items to check, declaration
  // checks, function analyses (lowering with Clang's CFG, dataflow, liveness, rules), fixes, and
  // assembling the results (cached units, dedup, suppressions, file stamps).
  double attemptMs = 0, collectMs = 0, declMs = 0, functionsMs = 0, fixesMs = 0, assembleMs = 0;

  struct Impl;
  std::unique_ptr<Impl> impl_;
  IncrementalBuild();
};

class IncrementalAnalyzer {
 public:
  explicit IncrementalAnalyzer(IncrementalOptions opts = {});
  ~IncrementalAnalyzer();
  IncrementalAnalyzer(const IncrementalAnalyzer&) = delete;
  IncrementalAnalyzer& operator=(const IncrementalAnalyzer&) = delete;

  // Analyses `text` as the new contents of `path`. `cancelled` is checked between functions: a
  // cancelled update returns a build with cancelled() set and leaves the analyzer as it was. Identical
  // text (a rebuild asked for because flags or headers changed) is always a full re-parse.
  std::shared_ptr<IncrementalBuild> update(const std::string& path, const std::string& text,
                                           const std::vector<std::string>& flags,
                                           const std::function<bool()>& cancelled = {});
  void reset();  // forgets every cached result and the preamble (after a crash)
  unsigned fullBuilds() const { return fullBuilds_; }
  unsigned incrementalBuilds() const { return incrementalBuilds_; }

  struct State;

 private:
  IncrementalOptions opts_;
  std::shared_ptr<PreambleCache> preamble_;  // shared with builds (deferredFixes)
  std::shared_ptr<State> state_;  // of the last committed (not cancelled, not fatal) update
  unsigned fullBuilds_ = 0, incrementalBuilds_ = 0;
};

}  // namespace ownership

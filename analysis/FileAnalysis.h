// The analysis of one parsed file: every function and declaration in the main file,
// with per-function results kept so callers can ask for states at a point (hover).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Dataflow.h"
#include "analysis/Diagnostic.h"
#include "analysis/Lowering.h"
#include "analysis/Suppressions.h"

namespace ownership {

struct AnalysisOptions {
  unsigned maxBlockVisits = 50000;       // per function; past it the function is skipped
  std::function<bool()> cancelled;       // checked between functions
  bool dumpFacts = false;                // log every analysed function's facts (--dump-facts)
  // Spec 2d: whether a header (absolute path) is the project's, so that the functions defined in it
  // are analysed and its diagnostics reported. Unset: the main file only (the editor, which shows a
  // header's diagnostics when the header itself is open). System headers are never in reach.
  std::function<bool(const std::string& header)> headerInReach;
  // Several files of one run share headers: a header function (or an instantiation of a header
  // template with the same arguments) analysed for one file is not analysed again for the next. Called with a key naming the
  // function; returns false when another file has already claimed it. Unset: analyse everything.
  std::function<bool(const std::string& key)> claim;
  // Spec §7: report the main file's NOLINT comments naming an ownership- check that suppressed nothing.
  bool warnUnusedSuppressions = false;
};

// What one file's analysis covered (printed by `ownership-check -v` and the real-code harness).
struct AnalysisStats {
  unsigned analysed = 0;          // function bodies analysed (each template instantiation counts)
  unsigned instantiations = 0;    // of which template instantiations
  unsigned inHeaders = 0;         // of which defined in headers (instantiations included)
  unsigned mainNonTemplate = 0;   // of which neither: the named files' own non-template functions
  unsigned neverInstantiated = 0; // templates with a body that no code instantiates: not analysed
  unsigned skippedErrors = 0;     // bodies that do not compile (or Clang could not build a CFG for)
  unsigned skippedCap = 0;        // bodies past the work cap or nesting deeper than kMaxBodyNesting
  unsigned claimedElsewhere = 0;  // header functions already analysed for another file of the run
  AnalysisStats& operator+=(const AnalysisStats& o);
};

struct FunctionResult {
  std::unique_ptr<LoweredFunction> lowered;
  DataflowResult dataflow;
  unsigned beginOffset = 0, endOffset = 0;  // the function's extent in the main file
};

struct FileResult {
  std::vector<Diag> diags;                  // sorted by file (main file first), then position
  std::vector<std::string> log;             // debug notes (functions skipped, caps hit)
  std::vector<FunctionResult> functions;     // the main file's (header functions leave only diagnostics)
  AnalysisStats stats;
  // "file:offset" of each template body met, and whether this file instantiates it: several files
  // of a run share header templates, and one never instantiated is one no file instantiates.
  std::vector<std::pair<std::string, bool>> templateBodies;
  std::vector<SuppressionProblem> suppressionProblems;  // unmatched NOLINTBEGIN / NOLINTEND
  bool cancelled = false;
};

FileResult analyzeAST(clang::ASTContext& ctx, const AnalysisOptions& opts = {});

// The steps of analyzeAST, exposed for the incremental analysis (analysis/Incremental.cpp), which runs
// them on part of a file and reuses the rest: sharing the code keeps both results equal.
struct MainFileItems {
  std::vector<const clang::Decl*> decls;               // declaration checks, in traversal order
  std::vector<size_t> functionsBefore;                 // per decl: how many functions precede it
  std::vector<const clang::FunctionDecl*> functions;   // analysed functions, in traversal order
  std::vector<const clang::FunctionDecl*> neverInstantiated;  // template bodies no code instantiates
  std::vector<const clang::FunctionDecl*> instantiated;       // template bodies some code instantiates
};
// Spec 2d: the main file's declarations and functions, with every instantiation of its templates
// (function templates, members of class templates, generic lambdas) as functions of their own; with
// `headerInReach`, also those of the project's headers.
MainFileItems collectMainFileItems(clang::ASTContext& ctx,
                                   const std::function<bool(const std::string&)>& headerInReach = {});
// Whether F is (inside) a template instantiation, and the instantiation to name in its diagnostics.
const clang::Decl* enclosingInstantiation(const clang::FunctionDecl* F);
std::string instantiationName(const clang::Decl* inst);
clang::SourceLocation pointOfInstantiation(const clang::Decl* inst);
// Spec 2d: a diagnostic found in a template instantiation is reported once at the template's own text
// and names the instantiation (a note at the point of instantiation). `instantiationsOf` counts the
// analysed instantiations of each template body; a fix survives only when every one of them showed the
// same diagnostic with the same fix, as a fix that rewrites a template's text must be right for all.
class TemplateMerge {
 public:
  // Tags `diags`, found in F, when F is an instantiation (after their fixes were added).
  void add(clang::ASTContext& ctx, const clang::FunctionDecl* F, std::vector<Diag>& diags);
  // Drops the fixes of template diagnostics some instantiation disagrees with.
  void finish(std::vector<Diag>& diags) const;

 private:
  struct Seen {
    unsigned count = 0;
    std::string fixes;  // the fixes' edits, serialised; "\x01" when instantiations disagreed
  };
  std::map<unsigned, unsigned> instantiationsOf_;  // template body (raw location) -> instantiations
  std::map<std::tuple<unsigned, int, std::string, unsigned>, Seen> seen_;  // body, code, file, offset
};
// Statement checks, lowering, dataflow and checker of one function: diagnostics go to `diags`, debug
// notes to `log`; the result when the function could be analysed.
std::optional<FunctionResult> analyzeFunction(clang::ASTContext& ctx, const clang::FunctionDecl* F,
                                              const AnalysisOptions& opts, std::vector<Diag>& diags,
                                              std::vector<std::string>& log);
// Keeps the diagnostics located in `mainPath` (and with `alsoKeep`, in the files it accepts), one per
// (file, code, position), sorted by file (the main file first), position, then code.
std::vector<Diag> dedupAndSort(std::vector<Diag> diags, const std::string& mainPath,
                               const std::function<bool(const std::string&)>& alsoKeep = {});
std::string mainFilePath(const clang::SourceManager& sm);
// A function's qualified name that edits elsewhere do not change: a template's for its instantiations,
// `outer::<lambda>` for a lambda (Clang's own name for it carries its line).
std::string stableName(const clang::FunctionDecl* F);
// Spec §7: drops the diagnostics a NOLINT comment of their own file covers (texts from `sm`).
// With `warnUnused`, the main file's unused suppressions are added as `unused-suppression` warnings.
void suppress(const clang::SourceManager& sm, std::vector<Diag>& diags, std::vector<SuppressionProblem>* problems,
              bool warnUnused = false);

}  // namespace ownership

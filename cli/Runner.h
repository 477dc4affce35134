// Checks files: reads each, finds its flags, parses and analyses it (in parallel).
#pragma once
#include <string>
#include <vector>

#include "analysis/Config.h"
#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"
#include "cli/Options.h"

namespace ownership::cli {

struct FileOutcome {
  std::string path;          // absolute
  bool ok = false;           // false: the file could not be checked
  std::string error;         // one line, when !ok
  std::vector<Diag> diags;
  std::vector<std::string> log;
  AnalysisStats stats;
  std::vector<std::pair<std::string, bool>> templateBodies;  // FileResult::templateBodies
  std::vector<SuppressionProblem> suppressionProblems;       // printed as warnings
  std::vector<std::string> fingerprints;                     // per diagnostic (cli/Fingerprint.h)
  bool header = false;       // an entry made for a header's diagnostics (spec 2d), not a named file
};

// One outcome per named file, in order, followed by one per header that has diagnostics (sorted by
// path): a header's diagnostic is reported once however many files include it.
std::vector<FileOutcome> checkFiles(const Options& opts);
// The configuration (spec §7) that applies to `file`: --config-file's or the nearest .ownership.yaml
// above it, then --checks and --profile over it. False with "PATH:LINE:COLUMN: message" on error.
bool resolveConfig(const Options& opts, const std::string& file, Config& out, std::string& error);
// The run's totals: the files' stats summed, with templates never instantiated counted once over
// the run (a header template instantiated by any file is not one).
AnalysisStats runStats(const std::vector<FileOutcome>& outcomes);
// "N functions analysed (...); N templates never instantiated; N skipped for errors" (--stats, -v).
std::string statsLine(const AnalysisStats& s);

}  // namespace ownership::cli

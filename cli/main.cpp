// ownership-check: checks C++ files for ownership and borrowing errors.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <set>
#include <string>
#include <unistd.h>

#include "cli/DiffFilter.h"
#include "cli/Explain.h"
#include "cli/Fingerprint.h"
#include "cli/FixExport.h"
#include "cli/Options.h"
#include "cli/Runner.h"
#include "cli/Sarif.h"
#include "cli/SourceCache.h"
#include "cli/TextOutput.h"

int main(int argc, char** argv) {
  using namespace ownership::cli;
  Options opts;
  std::string error;
  if (!parseOptions(argc, argv, opts, error)) {
    std::cerr << "ownership-check: error: " << error << "\n";
    return 2;
  }
  if (opts.help) {
    std::cout << usage();
    return 0;
  }
  if (opts.version) {
    std::cout << "ownership-check 0.1.0 (LLVM/Clang 22)\n";
    return 0;
  }
  if (!opts.explain.empty()) {
    std::string page;
    if (!explainCode(opts.explain, page, error)) {
      std::cerr << "ownership-check: error: " << error << "\n";
      return 2;
    }
    std::cout << page;
    return 0;
  }
  std::multiset<std::string> baseline;
  if (!opts.baseline.empty() && !readBaseline(opts.baseline, baseline, error)) {
    std::cerr << "ownership-check: error: " << error << "\n";
    return 2;
  }
  {  // Spec §7: a bad .ownership.yaml stops the run before anything is checked (each message once).
    std::set<std::string> configErrors;
    for (const std::string& f : opts.files) {
      ownership::Config cfg;
      std::string err;
      if (!resolveConfig(opts, f, cfg, err) && configErrors.insert(err).second)
        std::cerr << "ownership-check: error: " << err << "\n";
    }
    if (!configErrors.empty()) return 2;
  }
  AddedLines added;
  if (!opts.diff.empty()) {
    std::stringstream text;
    if (opts.diff == "-") {
      text << std::cin.rdbuf();
    } else {
      std::ifstream in(opts.diff, std::ios::binary);
      if (!in) {
        std::cerr << "ownership-check: error: cannot read diff '" << opts.diff << "'\n";
        return 2;
      }
      text << in.rdbuf();
    }
    if (!parseUnifiedDiff(text.str(), added, error)) {
      std::cerr << "ownership-check: error: " << error << "\n";
      return 2;
    }
  }
  std::vector<FileOutcome> outcomes = checkFiles(opts);
  addFingerprints(outcomes);
  if (!opts.baseline.empty()) applyBaseline(outcomes, std::move(baseline));
  if (!opts.diff.empty()) keepAddedLines(outcomes, added);
  if (!opts.exportFixes.empty() && !exportFixes(outcomes, opts.exportFixes, error)) {
    std::cerr << "ownership-check: error: " << error << "\n";
    return 2;
  }
  // Snippets show the text the diagnostics were found in: read it before --fix rewrites it.
  SourceCache sources;
  if (opts.fix && opts.format == Format::Text && opts.snippets) sources.preload(outcomes);
  if (opts.fix) {
    std::vector<std::string> fixErrors;
    unsigned n = applyFixes(outcomes, fixErrors);
    for (const std::string& e : fixErrors) std::cerr << "ownership-check: error: " << e << "\n";
    std::cerr << "ownership-check: applied " << n << " fix" << (n == 1 ? "" : "es") << "\n";
    if (!fixErrors.empty()) return 2;
  }
  bool failed = false, errors = false;
  ownership::AnalysisStats stats = runStats(outcomes);
  std::set<std::string> warned;
  for (const FileOutcome& o : outcomes) {
    if (!o.ok) {
      failed = true;
      std::cerr << "ownership-check: error: " << o.error << "\n";
    }
    for (const ownership::SuppressionProblem& sp : o.suppressionProblems)
      if (warned.insert(sp.file + ":" + std::to_string(sp.line)).second)  // a header's, once
        std::cerr << "ownership-check: warning: " << sp.file << ":" << sp.line << ": " << sp.message << "\n";
    if (opts.verbose)
      for (const std::string& l : o.log) std::cerr << "ownership-check: debug: " << o.path << ": " << l << "\n";
    for (const auto& d : o.diags)
      if (d.severity == ownership::Severity::Error) errors = true;
  }
  if (opts.stats || opts.verbose) std::cerr << "ownership-check: " << statsLine(stats) << "\n";
  if (opts.format == Format::Sarif)
    std::cout << toSarif(outcomes, stats);
  else
    writeText(std::cout, outcomes,
              {opts.snippets, colorWanted(opts.color, isatty(STDOUT_FILENO), std::getenv("NO_COLOR"), std::getenv("TERM"))},
              sources);
  std::cout.flush();
  if (failed) return 2;
  return errors ? 1 : 0;
}

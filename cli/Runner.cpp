// Runs the analysis over the command line's files, -j at a time.
#include "cli/Runner.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include "analysis/FileAnalysis.h"
#include "analysis/Parse.h"
#include "analysis/ParsedFile.h"

namespace ownership::cli {

static FileOutcome checkOne(const Options& opts, const std::string& file) {
  FileOutcome out;
  llvm::SmallString<256> abs(file);
  llvm::sys::fs::make_absolute(abs);
  llvm::sys::path::remove_dots(abs, true);
  out.path = abs.str().str();
  if (llvm::sys::fs::is_directory(out.path)) {
    out.error = file + ": is a directory";
    return out;
  }
  std::ifstream in(out.path, std::ios::binary);
  if (!in) {
    out.error = file + ": cannot read file";
    return out;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string contents = ss.str();

  std::vector<std::string> flags;
  bool fromDb = false;
  if (!opts.buildDir.empty()) {
    std::string err;
    flags = flagsFromCompilationDatabase(opts.buildDir, out.path, fromDb, err);
    if (!fromDb && !err.empty()) {
      out.error = "cannot read compile_commands.json in '" + opts.buildDir + "': " + err;
      return out;
    }
  }
  if (opts.haveExtraFlags)
    flags.insert(flags.end(), opts.extraFlags.begin(), opts.extraFlags.end());
  else if (!fromDb)
    flags.push_back("-std=c++20");
  bool hasLang = false;
  for (const auto& f : flags)
    if (f == "-x") hasLang = true;
  if (!hasLang && llvm::sys::path::extension(out.path) == ".h") {
    flags.insert(flags.begin(), {"-x", "c++-header"});
  }

  // One parse per file and no edits to come: no preamble cache.
  std::unique_ptr<ParsedFile> parsed = ParsedFile::build(out.path, contents, flags, nullptr);
  if (parsed->fatal() || !parsed->context()) {
    out.error = file + ": could not be parsed" + (parsed->errors().empty() ? "" : ": " + parsed->errors().front());
    return out;
  }
  if (parsed->hasErrors()) {
    out.error = file + " does not compile: " + parsed->errors().front();
    return out;
  }
  AnalysisOptions aopts;
  aopts.dumpFacts = opts.dumpFacts;
  FileResult res = analyzeAST(*parsed->context(), aopts);
  out.ok = true;
  out.diags = std::move(res.diags);
  out.log = std::move(res.log);
  return out;
}

std::vector<FileOutcome> checkFiles(const Options& opts) {
  std::vector<FileOutcome> outcomes(opts.files.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < opts.files.size(); i = next++) outcomes[i] = checkOne(opts, opts.files[i]);
  };
  unsigned n = std::min<unsigned>(opts.jobs, static_cast<unsigned>(opts.files.size()));
  if (n <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }
  return outcomes;
}

}  // namespace ownership::cli

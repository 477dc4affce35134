// Runs the analysis over the command line's files, -j at a time.
#include "cli/Runner.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <unistd.h>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <fstream>
#include <sstream>
#include <thread>

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Regex.h>

#include "analysis/FileAnalysis.h"
#include "analysis/Parse.h"
#include "analysis/ParsedFile.h"
#include "analysis/Stack.h"

namespace ownership::cli {

namespace {

// What every file of the run shares: the header filter and the header functions already analysed.
struct RunShared {
  std::optional<llvm::Regex> filter;
  std::string cwd;
  std::mutex m;
  std::set<std::string> claimed;

  bool headerInReach(const std::string& path) const {
    if (!filter) return false;
    if (filter->match(path)) return true;
    llvm::StringRef rel(path);
    if (!cwd.empty() && rel.consume_front(cwd) && rel.consume_front("/")) return filter->match(rel);
    return false;
  }
  bool claim(const std::string& key) {
    std::lock_guard<std::mutex> l(m);
    return claimed.insert(key).second;
  }
};

}  // namespace

bool resolveConfig(const Options& opts, const std::string& file, Config& out, std::string& error) {
  bool ok = opts.configFile.empty() ? configForSource(file, out, error) : configFromFile(opts.configFile, out, error);
  if (!ok) return false;
  std::vector<CheckGlob> globs;
  if (!opts.checks.empty() && parseGlobList(opts.checks, globs, error))
    out.checks.insert(out.checks.end(), globs.begin(), globs.end());
  Profile p;
  if (!opts.profile.empty() && parseProfile(opts.profile, p)) out.profile = p;
  return true;
}

static FileOutcome checkOne(const Options& opts, RunShared& shared, const std::string& file) {
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
    std::string how;
    flags = flagsFromCompilationDatabase(opts.buildDir, out.path, fromDb, err, &how);
    if (!fromDb && !err.empty()) {
      out.error = "cannot read compile_commands.json in '" + opts.buildDir + "': " + err;
      return out;
    }
    if (fromDb && how != "its entry") out.log.push_back("flags from " + how);
  }
  if (opts.haveExtraFlags)
    flags.insert(flags.end(), opts.extraFlags.begin(), opts.extraFlags.end());
  else if (!fromDb)
    flags.push_back("-std=c++20");
  // clang-tidy's --extra-arg(-before); a driver mode is ours to choose (always C++).
  for (const std::string& a : opts.extraArgsBefore)
    if (a.rfind("--driver-mode=", 0) != 0) flags.insert(flags.begin(), a);
  for (const std::string& a : opts.extraArgs)
    if (a.rfind("--driver-mode=", 0) != 0) flags.push_back(a);
  bool hasLang = false;
  for (const auto& f : flags)
    if (f == "-x") hasLang = true;
  if (!hasLang && isHeaderPath(out.path)) {
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
  Config cfg;
  std::string cfgError;
  if (!resolveConfig(opts, out.path, cfg, cfgError)) {
    out.error = cfgError;
    return out;
  }
  AnalysisOptions aopts;
  aopts.dumpFacts = opts.dumpFacts;
  aopts.warnUnusedSuppressions = opts.warnUnusedSuppressions;
  if (!opts.headerFilterGiven && cfg.headerFilterRegex) {
    // The configuration's HeaderFilterRegex replaces the default (every non-system header); '' : none.
    if (!cfg.headerFilterRegex->empty()) {
      aopts.headerInReach = [&cfg](const std::string& h) { return cfg.headerMatches(h); };
      aopts.claim = [&shared](const std::string& k) { return shared.claim(k); };
    }
  } else if (shared.filter) {
    aopts.headerInReach = [&shared](const std::string& h) { return shared.headerInReach(h); };
    aopts.claim = [&shared](const std::string& k) { return shared.claim(k); };
  }
  FileResult res = analyzeAST(*parsed->context(), aopts);
  out.ok = true;
  out.diags = std::move(res.diags);
  // Spec §7: the file's own diagnostics follow its configuration (a header's follow the header's, below).
  std::vector<Diag> own, others;
  for (Diag& d : out.diags) (d.range.file == out.path ? own : others).push_back(std::move(d));
  applyConfig(cfg, own);
  out.diags = std::move(own);
  for (Diag& d : others) out.diags.push_back(std::move(d));
  for (std::string& l : res.log) out.log.push_back(std::move(l));
  out.stats = res.stats;
  out.templateBodies = std::move(res.templateBodies);
  out.suppressionProblems = std::move(res.suppressionProblems);
  return out;
}

// Moves the diagnostics located in headers out of the files' outcomes into one outcome per header,
// keeping the first of each (file, code, position) in the order of the named files.
static void gatherHeaders(std::vector<FileOutcome>& outcomes) {
  std::map<std::string, std::vector<Diag>> byHeader;
  std::set<std::tuple<std::string, Code, unsigned>> seen;
  for (FileOutcome& o : outcomes) {
    std::vector<Diag> own;
    for (Diag& d : o.diags) {
      if (d.range.file == o.path) {
        own.push_back(std::move(d));
      } else if (seen.insert({d.range.file, d.code, d.range.begin.offset}).second) {
        byHeader[d.range.file].push_back(std::move(d));
      }
    }
    o.diags = std::move(own);
  }
  for (auto& [path, diags] : byHeader) {
    // (offset, code) is unique here (the `seen` set above), so a plain sort is as stable; and
    // std::stable_sort warns with Clang 22 over libstdc++ 12 (get_temporary_buffer is deprecated).
    std::sort(diags.begin(), diags.end(), [](const Diag& a, const Diag& b) {
      if (a.range.begin.offset != b.range.begin.offset) return a.range.begin.offset < b.range.begin.offset;
      return a.code < b.code;
    });
    FileOutcome h;
    h.path = path;
    h.ok = true;
    h.header = true;
    h.diags = std::move(diags);
    outcomes.push_back(std::move(h));
  }
}

std::vector<FileOutcome> checkFiles(const Options& opts) {
  std::vector<FileOutcome> outcomes(opts.files.size());
  RunShared shared;
  if (!opts.headerFilter.empty()) {
    shared.filter.emplace(opts.headerFilter, llvm::Regex::NoFlags);
    std::string err;
    if (!shared.filter->isValid(err)) shared.filter.reset();  // Options rejects it first
  }
  llvm::SmallString<256> cwd;
  if (!llvm::sys::fs::current_path(cwd)) shared.cwd = cwd.str().str();
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  // A progress line on a terminal (as run-clang-tidy), never in a pipe or a log.
  bool progress = opts.files.size() > 1 && isatty(STDERR_FILENO);
  std::mutex progressMutex;
  auto worker = [&] {
    for (size_t i = next++; i < opts.files.size(); i = next++) {
      // Parsing and analysis recurse once per nesting level of the code: on the big stack of Stack.h.
      runOnAnalysisStack([&] { outcomes[i] = checkOne(opts, shared, opts.files[i]); });
      if (progress) {
        std::lock_guard<std::mutex> l(progressMutex);
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", ++done, opts.files.size(), opts.files[i].c_str());
        std::fflush(stderr);
      }
    }
  };
  unsigned n = std::min<unsigned>(opts.jobs, static_cast<unsigned>(opts.files.size()));
  if (n <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }
  if (progress) std::fprintf(stderr, "\r\033[K");
  gatherHeaders(outcomes);
  // A header's diagnostics follow the configuration that applies to the header.
  for (FileOutcome& o : outcomes) {
    if (!o.header) continue;
    Config cfg;
    if (!resolveConfig(opts, o.path, cfg, o.error)) {
      o.ok = false;
      o.diags.clear();
      continue;
    }
    applyConfig(cfg, o.diags);
  }
  return outcomes;
}

AnalysisStats runStats(const std::vector<FileOutcome>& outcomes) {
  AnalysisStats total;
  std::map<std::string, bool> bodies;
  for (const FileOutcome& o : outcomes) {
    total += o.stats;
    for (const auto& [key, inst] : o.templateBodies) bodies[key] = bodies[key] || inst;
  }
  total.neverInstantiated = 0;
  for (const auto& [key, inst] : bodies)
    if (!inst) ++total.neverInstantiated;
  return total;
}

std::string statsLine(const AnalysisStats& s) {
  auto n = [](unsigned v, const char* one, const char* many) { return std::to_string(v) + " " + (v == 1 ? one : many); };
  std::string out = n(s.analysed, "function", "functions") + " analysed (" +
                    n(s.instantiations, "template instantiation", "template instantiations") + ", " +
                    std::to_string(s.inHeaders) + " in headers); " +
                    n(s.neverInstantiated, "template", "templates") + " never instantiated, not analysed; " +
                    std::to_string(s.skippedErrors) + " skipped for errors; " + std::to_string(s.skippedCap) +
                    " skipped at the work cap";
  return out;
}

}  // namespace ownership::cli

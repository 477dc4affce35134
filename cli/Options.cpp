// Parses ownership-check's command line.
#include "cli/Options.h"

#include <charconv>
#include <string_view>

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Regex.h>

#include "analysis/Config.h"

namespace ownership::cli {

const char* usage() {
  return "usage: ownership-check [options] FILE... [-- COMPILER-FLAGS...]\n"
         "       ownership-check --explain CODE\n"
         "\n"
         "Checks C++ files for ownership and borrowing errors ([[owner]], [[borrow]]).\n"
         "\n"
         "options:\n"
         "  -p BUILD_DIR          read compile flags from BUILD_DIR/compile_commands.json\n"
         "  --format=text|sarif   output format (default text; sarif is SARIF 2.1.0)\n"
         "  -j N                  check N files in parallel\n"
         "  -v, --verbose         print debug notes (skipped functions, work caps) to stderr\n"
         "  --header-filter=REGEX check and report functions defined in the headers whose path matches\n"
         "                        REGEX (default: every header that is not a system header; an empty\n"
         "                        REGEX: the named files only). A header is reported once per run.\n"
         "  --config-file=PATH    read this .ownership.yaml instead of the nearest one above each file\n"
         "  --checks=GLOBS        codes to report, applied after the file's Checks ('-*,leak', '-borrow-*')\n"
         "  --profile=NAME        strict (every code) or safety (memory-safety codes only)\n"
         "  --export-fixes=FILE   write the fixes to FILE in clang-apply-replacements' YAML format\n"
         "  --warn-unused-suppressions\n"
         "                        report NOLINT(ownership-...) comments that suppress nothing\n"
         "  --fix                 apply the fixes in place (the preferred fix of each finding)\n"
         "  --diff=FILE|-         report only findings on lines a unified diff adds or changes\n"
         "                        (git diff -U0 | ownership-check --diff=- ...)\n"
         "  --baseline=OLD.sarif  report only the findings whose fingerprint OLD.sarif does not have\n"
         "  --extra-arg=ARG, --extra-arg-before=ARG\n"
         "                        add a compiler flag after / before the others (as clang-tidy;\n"
         "                        CMAKE_CXX_CLANG_TIDY=ownership-check works, see docs/adopting.md)\n"
         "  --no-snippets         text output without the source line and underline under each\n"
         "                        diagnostic and note (the file:line:col lines only)\n"
         "  --color=WHEN          colour the text output: auto (the default: on a terminal, unless\n"
         "                        the NO_COLOR environment variable is set), always or never\n"
         "  --explain CODE        print the documentation of a diagnostic code (use-after-move, ...)\n"
         "  --stats               print how many functions were analysed and skipped, and why\n"
         "  --dump-facts          also print the facts each function is lowered to (implies -v)\n"
         "  --version             print the version\n"
         "  -h, --help            print this help\n"
         "\n"
         "Without -p or --, files are parsed with -std=c++20.\n"
         "exit status: 0 no errors, 1 errors reported, 2 the checker could not run\n";
}

static bool parseJobs(std::string_view s, unsigned& out) {
  unsigned v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v == 0 || v > 256) return false;
  out = v;
  return true;
}

// The configuration options (spec §7) at argv[i]: 1 consumed (i advanced past a separate value),
// 0 not one of them, -1 an error. Notes --header-filter (left to the main loop) as given.
static int parseConfigOption(int argc, const char* const* argv, int& i, Options& out, std::string& error) {
  std::string_view a = argv[i];
  if (a.rfind("--header-filter", 0) == 0) out.headerFilterGiven = true;
  for (std::string_view name : {"--config-file", "--checks", "--profile"}) {
    std::string value;
    if (a.size() > name.size() && a.rfind(name, 0) == 0 && a[name.size()] == '=') {
      value = std::string(a.substr(name.size() + 1));
    } else if (a == name) {
      if (i + 1 >= argc) {
        error = std::string(name) + " needs a value";
        return -1;
      }
      value = argv[++i];
    } else {
      continue;
    }
    if (name == "--config-file") {
      if (value.empty()) {
        error = "--config-file needs a file";
        return -1;
      }
      out.configFile = value;
    } else if (name == "--checks") {
      std::vector<CheckGlob> globs;
      std::string why;
      if (!parseGlobList(value, globs, why)) {
        error = "--checks: " + why;
        return -1;
      }
      out.checks = value;
    } else {
      Profile p;
      if (!parseProfile(value, p)) {
        error = "unknown profile '" + value + "' (expected strict or safety)";
        return -1;
      }
      out.profile = value;
    }
    return 1;
  }
  return 0;
}

std::vector<std::string> compilerCommandFlags(const std::vector<std::string>& cmd, const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (size_t i = 1; i < cmd.size(); ++i) {
    const std::string& a = cmd[i];
    if (a == "-c" || a == "-MD" || a == "-MMD" || a == "-M" || a == "-MM") continue;
    if (a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ") {
      ++i;
      continue;
    }
    bool isFile = false;
    for (const std::string& f : files) isFile = isFile || a == f;
    if (isFile) continue;
    out.push_back(a);
  }
  return out;
}

bool parseOptions(int argc, const char* const* argv, Options& out, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") {
      out.haveExtraFlags = true;
      for (++i; i < argc; ++i) out.extraFlags.emplace_back(argv[i]);
      // A whole compiler command (`-- /usr/bin/c++ FLAGS -o x.o -c x.cpp`, as CMake's
      // CMAKE_CXX_CLANG_TIDY passes it): keep the flags only.
      if (!out.extraFlags.empty() && !out.extraFlags.front().empty() && out.extraFlags.front()[0] != '-')
        out.extraFlags = compilerCommandFlags(out.extraFlags, out.files);
      break;
    }
    if (int c = parseConfigOption(argc, argv, i, out, error); c != 0) {
      if (c < 0) return false;
      continue;
    }
    if (a.rfind("--extra-arg-before=", 0) == 0) {
      out.extraArgsBefore.emplace_back(a.substr(19));
      continue;
    }
    if (a.rfind("--extra-arg=", 0) == 0) {
      out.extraArgs.emplace_back(a.substr(12));
      continue;
    }
    if (a == "-h" || a == "--help") {
      out.help = true;
    } else if (a == "--version") {
      out.version = true;
    } else if (a == "-v" || a == "--verbose") {
      out.verbose = true;
    } else if (a.rfind("--export-fixes=", 0) == 0) {
      out.exportFixes = std::string(a.substr(15));
      if (out.exportFixes.empty()) {
        error = "--export-fixes needs a file";
        return false;
      }
    } else if (a == "--warn-unused-suppressions") {
      out.warnUnusedSuppressions = true;
    } else if (a == "--fix") {
      out.fix = true;
    } else if (a.rfind("--diff=", 0) == 0) {
      out.diff = std::string(a.substr(7));
      if (out.diff.empty()) {
        error = "--diff needs a file or - (standard input)";
        return false;
      }
    } else if (a.rfind("--baseline=", 0) == 0) {
      out.baseline = std::string(a.substr(11));
      if (out.baseline.empty()) {
        error = "--baseline needs a SARIF file";
        return false;
      }
    } else if (a == "--baseline") {
      if (i + 1 >= argc) {
        error = "--baseline needs a SARIF file";
        return false;
      }
      out.baseline = argv[++i];
    } else if (a == "--no-snippets") {
      out.snippets = false;
    } else if (a.rfind("--color=", 0) == 0) {
      std::string_view c = a.substr(8);
      if (c == "auto")
        out.color = ColorMode::Auto;
      else if (c == "always")
        out.color = ColorMode::Always;
      else if (c == "never")
        out.color = ColorMode::Never;
      else {
        error = "unknown --color value '" + std::string(c) + "' (expected auto, always or never)";
        return false;
      }
    } else if (a == "--color") {
      error = "--color needs a value: --color=auto, --color=always or --color=never";
      return false;
    } else if (a.rfind("--explain=", 0) == 0 || a == "--explain") {
      if (a == "--explain" && i + 1 >= argc) {
        error = "--explain needs a code (--explain use-after-move)";
        return false;
      }
      out.explain = a == "--explain" ? std::string(argv[++i]) : std::string(a.substr(10));
      if (out.explain.empty()) {
        error = "--explain needs a code (--explain use-after-move)";
        return false;
      }
    } else if (a == "--stats") {
      out.stats = true;
    } else if (a.rfind("--header-filter=", 0) == 0) {
      out.headerFilter = std::string(a.substr(16));
    } else if (a == "--header-filter") {
      if (i + 1 >= argc) {
        error = "--header-filter needs a regular expression";
        return false;
      }
      out.headerFilter = argv[++i];
    } else if (a == "--dump-facts") {
      out.verbose = out.dumpFacts = true;
    } else if (a == "-p") {
      if (i + 1 >= argc) {
        error = "-p needs a build directory";
        return false;
      }
      out.buildDir = argv[++i];
    } else if (a.rfind("-p", 0) == 0 && a.size() > 2 && a[2] != '-') {
      out.buildDir = std::string(a.substr(2));
    } else if (a.rfind("--format=", 0) == 0) {
      std::string_view f = a.substr(9);
      if (f == "text")
        out.format = Format::Text;
      else if (f == "sarif")
        out.format = Format::Sarif;
      else {
        error = "unknown format '" + std::string(f) + "' (expected text or sarif)";
        return false;
      }
    } else if (a == "--format") {
      if (i + 1 >= argc) {
        error = "--format needs text or sarif";
        return false;
      }
      std::string_view f = argv[++i];
      if (f == "text")
        out.format = Format::Text;
      else if (f == "sarif")
        out.format = Format::Sarif;
      else {
        error = "unknown format '" + std::string(f) + "' (expected text or sarif)";
        return false;
      }
    } else if (a == "-j") {
      if (i + 1 >= argc || !parseJobs(argv[i + 1], out.jobs)) {
        error = "-j needs a number of jobs between 1 and 256";
        return false;
      }
      ++i;
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2) {
      if (!parseJobs(a.substr(2), out.jobs)) {
        error = "-j needs a number of jobs between 1 and 256";
        return false;
      }
    } else if (!a.empty() && a[0] == '-') {
      error = "unknown option '" + std::string(a) + "' (see --help)";
      return false;
    } else {
      out.files.emplace_back(a);
    }
  }
  if (!out.headerFilter.empty()) {
    std::string err;
    if (!llvm::Regex(out.headerFilter).isValid(err)) {
      error = "invalid --header-filter '" + out.headerFilter + "': " + err;
      return false;
    }
  }
  if (!out.help && !out.version && out.explain.empty() && out.files.empty()) {
    error = "no input files (see --help)";
    return false;
  }
  return true;
}

}  // namespace ownership::cli

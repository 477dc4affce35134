// Command-line options of ownership-check and their parsing.
#pragma once
#include <string>
#include <vector>

namespace ownership::cli {

enum class Format { Text, Sarif };
// auto: colour when standard output is a terminal and NO_COLOR is not set (no-color.org).
enum class ColorMode { Auto, Always, Never };

struct Options {
  std::vector<std::string> files;
  std::vector<std::string> extraFlags;  // after `--` (a compiler command line is reduced to its flags)
  std::vector<std::string> extraArgsBefore, extraArgs;  // --extra-arg-before= / --extra-arg= (clang-tidy's)
  bool haveExtraFlags = false;
  std::string buildDir;                 // -p
  Format format = Format::Text;
  unsigned jobs = 1;
  bool verbose = false;
  // Spec 2d: headers whose functions are checked and reported (an extended regex searched in the
  // header's absolute path and in its path relative to the current directory). Default: every header
  // that is not a system header. --header-filter='' checks the named files only.
  std::string headerFilter = ".*";
  bool stats = false;                   // --stats: print what the analysis covered to stderr
  bool dumpFacts = false;               // --dump-facts: the lowered facts of every function (implies -v)
  std::string diff;                     // --diff=FILE|-: report only findings on lines the diff adds
  std::string exportFixes;              // --export-fixes=FILE.yaml (clang-apply-replacements' format)
  bool fix = false;                     // --fix: apply the fixes in place (only when asked)
  bool warnUnusedSuppressions = false;  // --warn-unused-suppressions
  std::string baseline;                 // --baseline=OLD.sarif: report only findings not in it (spec §7)
  // The terminal (spec §5): source snippets under text diagnostics, colours, code pages.
  bool snippets = true;                 // --no-snippets turns them off
  ColorMode color = ColorMode::Auto;    // --color=auto|always|never
  std::string explain;                  // --explain CODE: print the code's page and exit
  bool help = false;
  bool version = false;
  // Spec §7, the configuration file (.ownership.yaml, analysis/Config.h): these override it.
  std::string configFile;         // --config-file=PATH: this file instead of searching from each source
  std::string checks;             // --checks=GLOBS: applied after the file's Checks
  std::string profile;            // --profile=strict|safety
  bool headerFilterGiven = false; // --header-filter was given: it overrides HeaderFilterRegex
};

// Parses argv; on error returns false and sets `error` to a one-line message.
bool parseOptions(int argc, const char* const* argv, Options& out, std::string& error);
const char* usage();
// The flags of a compiler command (`c++ FLAGS -o x.o -c FILE`): without the compiler, -c, -o,
// dependency-file flags and the named files.
std::vector<std::string> compilerCommandFlags(const std::vector<std::string>& cmd, const std::vector<std::string>& files);

}  // namespace ownership::cli

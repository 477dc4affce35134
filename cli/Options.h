// Command-line options of ownership-check and their parsing.
#pragma once
#include <string>
#include <vector>

namespace ownership::cli {

enum class Format { Text, Sarif };

struct Options {
  std::vector<std::string> files;
  std::vector<std::string> extraFlags;  // after `--`
  bool haveExtraFlags = false;
  std::string buildDir;                 // -p
  Format format = Format::Text;
  unsigned jobs = 1;
  bool verbose = false;
  bool dumpFacts = false;
  // Spec 2d: headers whose functions are checked and reported (an extended regex searched in the
  // header's absolute path and in its path relative to the current directory). Default: every header
  // that is not a system header. --header-filter='' checks the named files only.
  std::string headerFilter = ".*";
  bool stats = false;
  std::string baseline;                 // --baseline=OLD.sarif: report only findings not in it (spec §7)                   // --stats: print what the analysis covered to stderr               // --dump-facts: the lowered facts of every function (implies -v)
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

}  // namespace ownership::cli

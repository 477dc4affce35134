// Checks files: reads each, finds its flags, parses and analyses it (in parallel).
#pragma once
#include <string>
#include <vector>

#include "analysis/Diagnostic.h"
#include "cli/Options.h"

namespace ownership::cli {

struct FileOutcome {
  std::string path;          // absolute
  bool ok = false;           // false: the file could not be checked
  std::string error;         // one line, when !ok
  std::vector<Diag> diags;
  std::vector<std::string> log;
};

std::vector<FileOutcome> checkFiles(const Options& opts);

}  // namespace ownership::cli

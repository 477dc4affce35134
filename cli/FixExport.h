// --export-fixes (clang-apply-replacements' YAML) and --fix (apply in place), spec §7.
#pragma once
#include <string>
#include <vector>

#include "cli/Runner.h"

namespace ownership::cli {

// The fix a diagnostic exports or applies: its preferred fix, else its first; null when it has none.
const Fix* chosenFix(const Diag& d);

// Writes every outcome's chosen fixes in clang-apply-replacements' format (one document per file).
bool exportFixes(const std::vector<FileOutcome>& outcomes, const std::string& path, std::string& error);

// Applies the chosen fixes to the files, skipping an edit that overlaps one already taken. Returns
// the number of fixes applied; files that cannot be written give `errors`.
unsigned applyFixes(const std::vector<FileOutcome>& outcomes, std::vector<std::string>& errors);

}  // namespace ownership::cli

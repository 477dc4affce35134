// --diff (spec §7 baselines): keep only findings on lines a unified diff adds or changes.
#pragma once
#include <map>
#include <set>
#include <string>

#include "cli/Runner.h"

namespace ownership::cli {

// The added lines per file path, as the diff names them (`b/` prefixes removed).
using AddedLines = std::map<std::string, std::set<unsigned>>;

// Parses a unified diff (`git diff -U0`, any context size). Returns false with `error` on input
// that is not a diff at all (no `+++` header).
bool parseUnifiedDiff(const std::string& text, AddedLines& out, std::string& error);

// Drops every diagnostic whose primary line the diff did not add. A diff path matches a diagnostic's
// absolute path when it is a suffix of it on a `/` boundary (diffs name paths from the repository root).
void keepAddedLines(std::vector<FileOutcome>& outcomes, const AddedLines& added);

}  // namespace ownership::cli

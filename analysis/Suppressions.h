// Suppression comments (spec §7): clang-tidy's NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND
// with `ownership-<code>` check names, applied to a file's diagnostics.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analysis/Diagnostic.h"

namespace ownership {

// A malformed suppression (an unmatched NOLINTBEGIN or NOLINTEND), for a warning.
struct SuppressionProblem {
  std::string file;
  unsigned line = 0;  // 1-based
  std::string message;
};

// Removes from `diags` those located in `file` that a suppression comment in `text` (that file's
// contents) covers. Diagnostics in other files are left alone. Malformed comments go to `problems`.
// With `unused`, each comment whose list names an `ownership-` check and that suppressed nothing
// becomes an `unused-suppression` warning there (bare NOLINTs, which also serve other tools, never do).
void applySuppressions(const std::string& file, std::string_view text, std::vector<Diag>& diags,
                       std::vector<SuppressionProblem>* problems = nullptr, std::vector<Diag>* unused = nullptr);

// Whether a NOLINT check list (`ownership-*, bugprone-use-after-move`; empty: every check) names
// `code`: its `ownership-<code>` name matches one of the list's globs.
bool suppressionNames(std::string_view checks, Code code);

// The edit that suppresses `d` on its primary line: `  // NOLINT(ownership-<code>)` at the line's
// end, or the code added to a NOLINT(...) list already there. `text` is the file's contents.
TextEdit suppressionEdit(const Diag& d, std::string_view text);

}  // namespace ownership

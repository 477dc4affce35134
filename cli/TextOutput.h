// Clang-style text output: `file:line:col: error: message [code]` plus notes, each diagnostic
// followed by a rustc-style snippet of its source (docs/decisions.md, "The terminal").
#pragma once
#include <ostream>
#include <vector>

#include "cli/Runner.h"
#include "cli/SourceCache.h"

namespace ownership::cli {

struct TextStyle {
  bool snippets = true;  // --no-snippets: the header, note and help lines only
  bool color = false;    // ANSI colours (--color)
};

// Whether --color=MODE colours the output: auto colours a terminal unless NO_COLOR is set to
// something (no-color.org) or TERM is "dumb". The arguments are isatty(1), getenv("NO_COLOR") and
// getenv("TERM"), so that the decision is testable.
bool colorWanted(ColorMode mode, bool stdoutIsTerminal, const char* noColor, const char* term);

void writeText(std::ostream& os, const std::vector<FileOutcome>& outcomes, const TextStyle& style,
               SourceCache& sources);

}  // namespace ownership::cli

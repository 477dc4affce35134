// Clang-style text output: `file:line:col: error: message [code]` plus notes.
#pragma once
#include <ostream>
#include <vector>

#include "cli/Runner.h"

namespace ownership::cli {

void writeText(std::ostream& os, const std::vector<FileOutcome>& outcomes);

}  // namespace ownership::cli

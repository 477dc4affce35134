// SARIF 2.1.0 output of ownership-check (spec §5).
#pragma once
#include <string>
#include <vector>

#include "cli/Runner.h"

namespace ownership::cli {

std::string toSarif(const std::vector<FileOutcome>& outcomes);
std::string fileUri(const std::string& absPath);

}  // namespace ownership::cli

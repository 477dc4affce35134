// SARIF 2.1.0 output of ownership-check (spec §5).
#pragma once
#include <string>
#include <vector>

#include "cli/Runner.h"

namespace ownership::cli {

// `stats` goes into the run's property bag (functionsAnalysed, ...: what the analysis covered).
std::string toSarif(const std::vector<FileOutcome>& outcomes, const AnalysisStats& stats = {});
std::string fileUri(const std::string& absPath);

}  // namespace ownership::cli

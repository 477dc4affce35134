// Stable identities of findings (spec §7): SARIF partialFingerprints and --baseline.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "cli/Runner.h"

namespace ownership::cli {

// The project root a fingerprint's path is relative to: the nearest directory above `file` holding
// `.git` or `.ownership.yaml`; else the file's own directory.
std::string projectRoot(const std::string& file);

// partialFingerprints["ownership/v1"]: a hash of the code, the file's path relative to its project
// root, the enclosing function's qualified name and the primary line's text with whitespace
// collapsed. Fills FileOutcome::fingerprints (one per diagnostic).
void addFingerprints(std::vector<FileOutcome>& outcomes);

// The fingerprints of OLD.sarif's results (with their multiplicity); false and `error` when it cannot
// be read.
bool readBaseline(const std::string& path, std::multiset<std::string>& out, std::string& error);
// Keeps the diagnostics `keep(diag, fingerprint)` accepts, their fingerprints with them.
void keepDiags(std::vector<FileOutcome>& outcomes, const std::function<bool(const Diag&, const std::string&)>& keep);
// Drops the diagnostics whose fingerprint the baseline has (each baseline entry matches once).
void applyBaseline(std::vector<FileOutcome>& outcomes, std::multiset<std::string> baseline);

}  // namespace ownership::cli

// The text of the files diagnostics point into, read once per run for their snippets.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/Runner.h"
#include "cli/Snippet.h"

namespace ownership::cli {

class SourceCache {
 public:
  // The file's lines, read on first use; null when it cannot be read (no snippet, no error).
  const SourceLines* get(const std::string& path);
  // Sets a file's text: tests, and the text as analysed when --fix is about to change it.
  void add(const std::string& path, std::string text);
  // Reads now every file a diagnostic or note names (before --fix rewrites them).
  void preload(const std::vector<FileOutcome>& outcomes);

 private:
  std::map<std::string, std::unique_ptr<SourceLines>> files_;  // null: unreadable
};

}  // namespace ownership::cli

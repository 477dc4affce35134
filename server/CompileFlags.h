// Compile flags for a document: compile_commands.json or compile_flags.txt found by
// walking up from the file (or in the configured directory), else the fallback flags.
// Nothing named in a compilation database is executed.
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ownership::server {

struct CompileFlags {
  std::vector<std::string> flags;  // without the compiler and the file
  std::string source;              // where they came from, for the log
};

class CompileFlagsProvider {
 public:
  CompileFlagsProvider(std::optional<std::string> compileCommandsDir, std::vector<std::string> fallback);
  CompileFlags flagsFor(const std::string& path);

 private:
  std::optional<std::string> dir_;
  std::vector<std::string> fallback_;
  std::mutex m_;
  std::optional<CompileFlags> fromDir(const std::string& dir, const std::string& path);
};

// Splits compile_flags.txt: one flag per line, blank lines ignored.
std::vector<std::string> parseCompileFlagsTxt(const std::string& text);

}  // namespace ownership::server

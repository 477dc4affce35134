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
  bool borrowed = false;           // a header's flags taken from a source's entry (spec 2d)
};

class CompileFlagsProvider {
 public:
  CompileFlagsProvider(std::optional<std::string> compileCommandsDir, std::vector<std::string> fallback);
  CompileFlags flagsFor(const std::string& path);

 private:
  std::optional<std::string> dir_;
  std::vector<std::string> fallback_;
  std::mutex m_;
  struct Cached {
    CompileFlags flags;
    std::string stamp;  // of the file the flags came from
  };
  std::map<std::string, Cached> cache_;
  std::optional<CompileFlags> fromDir(const std::string& dir, const std::string& path);
  CompileFlags compute(const std::string& path);
  static std::string stampOf(const std::string& source);
};

// Splits compile_flags.txt: one flag per line, blank lines ignored.
std::vector<std::string> parseCompileFlagsTxt(const std::string& text);

}  // namespace ownership::server

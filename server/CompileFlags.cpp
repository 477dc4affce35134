// Compile flag discovery. The database is read, never run: a compiler named in it is
// not queried for its include paths (the resource dir is always our own).
#include "server/CompileFlags.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/Parse.h"

namespace ownership::server {

namespace fs = std::filesystem;

std::vector<std::string> parseCompileFlagsTxt(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    out.push_back(line.substr(b));
  }
  return out;
}

CompileFlagsProvider::CompileFlagsProvider(std::optional<std::string> dir, std::vector<std::string> fallback)
    : dir_(std::move(dir)), fallback_(std::move(fallback)) {}

std::optional<CompileFlags> CompileFlagsProvider::fromDir(const std::string& dir, const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(fs::path(dir) / "compile_commands.json", ec)) {
    bool found = false;
    std::string error;
    std::vector<std::string> flags = flagsFromCompilationDatabase(dir, path, found, error);
    if (found) return CompileFlags{flags, dir + "/compile_commands.json"};
  }
  fs::path txt = fs::path(dir) / "compile_flags.txt";
  if (fs::is_regular_file(txt, ec)) {
    std::ifstream in(txt);
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<std::string> flags = parseCompileFlagsTxt(ss.str());
    // Relative -I paths in compile_flags.txt are relative to its directory.
    for (std::string& f : flags)
      if (f.rfind("-I", 0) == 0 && f.size() > 2 && f[2] != '/') f = "-I" + (fs::path(dir) / f.substr(2)).string();
    return CompileFlags{flags, txt.string()};
  }
  return std::nullopt;
}

CompileFlags CompileFlagsProvider::flagsFor(const std::string& path) {
  std::lock_guard<std::mutex> l(m_);
  if (dir_) {
    if (auto f = fromDir(*dir_, path)) return *f;
  }
  std::error_code ec;
  for (fs::path d = fs::path(path).parent_path(); !d.empty(); d = d.parent_path()) {
    if (auto f = fromDir(d.string(), path)) return *f;
    if (d == d.parent_path()) break;
  }
  CompileFlags f{fallback_, "fallback flags"};
  std::string ext = fs::path(path).extension().string();
  if (ext == ".h") {
    // A lone header would be parsed as C; this is a C++ tool.
    f.flags.insert(f.flags.begin(), {"-x", "c++-header"});
  } else if (ext == ".c") {
    // C++ fallback flags would make a C file fail to parse at all.
    std::erase_if(f.flags, [](const std::string& a) { return a.rfind("-std=c++", 0) == 0 || a.rfind("-std=gnu++", 0) == 0; });
  }
  return f;
}

}  // namespace ownership::server

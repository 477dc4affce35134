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
    std::string how;
    std::vector<std::string> flags = flagsFromCompilationDatabase(dir, path, found, error, &how);
    if (found) {
      CompileFlags f{flags, dir + "/compile_commands.json"};
      if (how != "its entry") {  // a header borrowing a source's flags (spec 2d)
        f.source += ": " + how;
        f.borrowed = true;
      }
      return f;
    }
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
  // Asked at every edit: a header's search for an includer reads sources, so answers are kept while
  // the database they came from is unchanged.
  auto it = cache_.find(path);
  if (it != cache_.end() && it->second.stamp == stampOf(it->second.flags.source)) return it->second.flags;
  CompileFlags f = compute(path);
  cache_[path] = Cached{f, stampOf(f.source)};
  return f;
}

std::string CompileFlagsProvider::stampOf(const std::string& source) {
  std::string file = source.substr(0, source.find(": "));
  std::error_code ec;
  auto t = fs::last_write_time(file, ec);
  if (ec) return {};
  auto size = fs::file_size(file, ec);
  return std::to_string(t.time_since_epoch().count()) + "/" + std::to_string(ec ? 0 : size);
}

CompileFlags CompileFlagsProvider::compute(const std::string& path) {
  if (dir_) {
    if (auto f = fromDir(*dir_, path)) return *f;
  }
  for (fs::path d = fs::path(path).parent_path(); !d.empty(); d = d.parent_path()) {
    if (auto f = fromDir(d.string(), path)) return *f;
    if (d == d.parent_path()) break;
  }
  CompileFlags f{fallback_, "fallback flags"};
  if (isHeaderPath(path)) {
    // A lone header would be parsed as C; this is a C++ tool.
    f.flags.insert(f.flags.begin(), {"-x", "c++-header"});
  } else if (fs::path(path).extension() == ".c") {
    // C++ fallback flags would make a C file fail to parse at all.
    std::erase_if(f.flags, [](const std::string& a) { return a.rfind("-std=c++", 0) == 0 || a.rfind("-std=gnu++", 0) == 0; });
  }
  return f;
}

}  // namespace ownership::server

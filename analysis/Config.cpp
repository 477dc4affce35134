// Reads `.ownership.yaml` with LLVM's YAML parser (errors with line and column), merges and caches it.
#include "analysis/Config.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Chrono.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Regex.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/YAMLParser.h>

namespace ownership {

namespace {

constexpr const char* kKeys = "Checks, Profile, WarningsAsErrors, Severity, HeaderFilterRegex, InheritParentConfig";
constexpr std::string_view kKeyNames[] = {"Checks", "Profile", "WarningsAsErrors", "Severity", "HeaderFilterRegex",
                                          "InheritParentConfig"};

bool globMatch(std::string_view pat, std::string_view s) {
  if (pat.empty()) return s.empty();
  if (pat[0] == '*') {
    for (size_t i = 0; i <= s.size(); ++i)
      if (globMatch(pat.substr(1), s.substr(i))) return true;
    return false;
  }
  return !s.empty() && pat[0] == s[0] && globMatch(pat.substr(1), s.substr(1));
}

std::string codeList() {
  std::string out;
  for (int i = 0; i < kNumCodes; ++i) out += (i ? ", " : "") + std::string(codeName(static_cast<Code>(i)));
  return out;
}

std::string_view stripPrefix(std::string_view s) {
  constexpr std::string_view p = "ownership-";
  if (s.substr(0, p.size()) == p) s.remove_prefix(p.size());
  return s;
}

bool parseLevel(std::string_view s, Level& out) {
  if (s == "off") out = Level::Off;
  else if (s == "error") out = Level::Error;
  else if (s == "warning") out = Level::Warning;
  else if (s == "note" || s == "hint") out = Level::Note;
  else return false;
  return true;
}

// Collects the first diagnostic the YAML stream reports (its own syntax errors and ours).
struct FirstError {
  std::string path;
  std::string text;
  static void handle(const llvm::SMDiagnostic& d, void* self) {
    auto* e = static_cast<FirstError*>(self);
    if (!e->text.empty()) return;
    e->text = e->path + ":" + std::to_string(d.getLineNo()) + ":" + std::to_string(d.getColumnNo() + 1) + ": " +
              d.getMessage().str();
    if (d.getMessage().contains("empty alias or anchor"))
      e->text += " (a value starting with '*' must be quoted: '*,-borrow-escapes')";
  }
};

class Reader {
 public:
  Reader(llvm::yaml::Stream& s, FirstError& e) : stream_(s), err_(e) {}
  bool failed() const { return !err_.text.empty(); }
  void error(llvm::yaml::Node* n, const std::string& msg) {
    if (failed()) return;
    if (n) stream_.printError(n, msg);
    if (!failed()) err_.text = err_.path + ": " + msg;  // no location at hand
  }

  // A scalar's text; false (with an error) for anything else.
  bool scalar(llvm::yaml::Node* n, const std::string& key, std::string& out, bool allowNull = false) {
    if (auto* s = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(n)) {
      llvm::SmallString<64> storage;
      out = s->getValue(storage).str();
      return true;
    }
    if (auto* b = llvm::dyn_cast_or_null<llvm::yaml::BlockScalarNode>(n)) {
      out = b->getValue().str();
      return true;
    }
    if (allowNull && llvm::isa_and_nonnull<llvm::yaml::NullNode>(n)) {
      out.clear();
      return true;
    }
    if (llvm::isa_and_nonnull<llvm::yaml::AliasNode>(n))
      error(n, key + ": a value starting with '*' must be quoted ('*,-borrow-escapes')");
    else
      error(n, key + ": expected a string");
    return false;
  }

  // A glob list: one string (comma-separated) or a sequence of strings.
  bool globs(llvm::yaml::Node* n, const std::string& key, std::optional<std::vector<CheckGlob>>& out) {
    std::string text;
    if (auto* seq = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(n)) {
      for (llvm::yaml::Node& item : *seq) {
        std::string one;
        if (!scalar(&item, key, one)) return false;
        text += one + ",";
      }
      if (failed()) return false;
    } else if (!scalar(n, key, text, /*allowNull=*/true)) {
      return false;
    }
    std::vector<CheckGlob> list;
    std::string msg;
    if (!parseGlobList(text, list, msg)) {
      error(n, key + ": " + msg);
      return false;
    }
    if (!list.empty()) out = std::move(list);  // empty: as if absent (docs/decisions.md)
    return true;
  }

  bool severity(llvm::yaml::Node* n, ConfigFile& out) {
    if (llvm::isa_and_nonnull<llvm::yaml::NullNode>(n)) return true;
    auto* map = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(n);
    if (!map) {
      error(n, "Severity: expected a mapping of codes to off, error, warning or note ({ leak: error })");
      return false;
    }
    for (llvm::yaml::KeyValueNode& kv : *map) {
      std::string name, level;
      if (!scalar(kv.getKey(), "Severity", name)) return false;
      Code code;
      if (!parseCode(stripPrefix(name), code)) {
        error(kv.getKey(), "Severity: unknown diagnostic code '" + name + "' (codes: " + codeList() + ")");
        return false;
      }
      if (!scalar(kv.getValue(), "Severity: " + name, level)) return false;
      Level lv;
      if (!parseLevel(level, lv)) {
        error(kv.getValue(), "Severity: '" + level + "' for " + name + " is not off, error, warning or note");
        return false;
      }
      out.severity[static_cast<int>(code)] = lv;
    }
    return !failed();
  }

  bool document(llvm::yaml::Node* root, ConfigFile& out) {
    if (!root || llvm::isa<llvm::yaml::NullNode>(root)) return !failed();  // an empty file: the defaults
    auto* map = llvm::dyn_cast<llvm::yaml::MappingNode>(root);
    if (!map) {
      error(root, std::string("expected a mapping of keys (") + kKeys + ")");
      return false;
    }
    std::vector<std::string> seen;
    for (llvm::yaml::KeyValueNode& kv : *map) {
      if (failed()) return false;
      std::string key;
      if (!scalar(kv.getKey(), "key", key)) return false;
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        error(kv.getKey(), "duplicate key '" + key + "'");
        return false;
      }
      seen.push_back(key);
      llvm::yaml::Node* v = kv.getValue();
      if (failed()) return false;
      if (key == "Checks") {
        if (!globs(v, key, out.checks)) return false;
      } else if (key == "WarningsAsErrors") {
        if (!globs(v, key, out.warningsAsErrors)) return false;
      } else if (key == "Profile") {
        std::string s;
        if (!scalar(v, key, s)) return false;
        Profile p;
        if (!parseProfile(s, p)) {
          error(v, "Profile: '" + s + "' is not strict or safety");
          return false;
        }
        out.profile = p;
      } else if (key == "Severity") {
        if (!severity(v, out)) return false;
      } else if (key == "HeaderFilterRegex") {
        std::string s, why;
        if (!scalar(v, key, s, /*allowNull=*/true)) return false;
        if (!llvm::Regex(s).isValid(why)) {
          error(v, "HeaderFilterRegex: invalid regular expression '" + s + "': " + why);
          return false;
        }
        out.headerFilterRegex = s;
      } else if (key == "InheritParentConfig") {
        std::string s;
        if (!scalar(v, key, s)) return false;
        std::string lower = llvm::StringRef(s).lower();
        if (lower == "true") out.inheritParent = true;
        else if (lower == "false") out.inheritParent = false;
        else {
          error(v, "InheritParentConfig: '" + s + "' is not true or false");
          return false;
        }
      } else {
        std::string msg = "unknown key '" + key + "' (expected " + kKeys + ")";
        unsigned best = 3;
        std::string_view guess;
        for (std::string_view k : kKeyNames) {
          unsigned d = llvm::StringRef(key).edit_distance_insensitive(k, true, best);
          if (d < best) best = d, guess = k;
        }
        if (!guess.empty()) msg += "; did you mean '" + std::string(guess) + "'?";
        error(kv.getKey(), msg);
        return false;
      }
    }
    return !failed();
  }

 private:
  llvm::yaml::Stream& stream_;
  FirstError& err_;
};

std::string absolute(const std::string& p) {
  llvm::SmallString<256> abs(p);
  llvm::sys::fs::make_absolute(abs);
  llvm::sys::path::remove_dots(abs, true);
  return abs.str().str();
}

struct CacheEntry {
  llvm::sys::TimePoint<> mtime;
  uint64_t size = 0;
  bool ok = false;
  ConfigFile file;
  std::string error;
};
std::mutex gCacheMutex;
std::map<std::string, CacheEntry> gCache;

// Whether a config file exists at `path`; if so, its parse (cached by mtime and size).
bool loadFile(const std::string& path, bool& exists, ConfigFile& out, std::string& error) {
  llvm::sys::fs::file_status st;
  exists = false;
  if (llvm::sys::fs::status(path, st) || st.type() == llvm::sys::fs::file_type::file_not_found) return true;
  if (st.type() == llvm::sys::fs::file_type::directory_file) {
    exists = true;
    error = path + ": is a directory, not a configuration file";
    return false;
  }
  exists = true;
  {
    std::lock_guard<std::mutex> l(gCacheMutex);
    auto it = gCache.find(path);
    if (it != gCache.end() && it->second.mtime == st.getLastModificationTime() && it->second.size == st.getSize()) {
      out = it->second.file;
      error = it->second.error;
      return it->second.ok;
    }
  }
  CacheEntry e;
  e.mtime = st.getLastModificationTime();
  e.size = st.getSize();
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buf) {
    e.error = path + ": cannot read file: " + buf.getError().message();
  } else {
    e.ok = parseConfigText((*buf)->getBuffer(), path, e.file, e.error);
  }
  out = e.file;
  error = e.error;
  bool ok = e.ok;
  std::lock_guard<std::mutex> l(gCacheMutex);
  gCache[path] = std::move(e);
  return ok;
}

// Walks up from `dir` (inclusive), appending the files found to `chain` (nearest first) while they inherit.
bool walk(std::string dir, bool wantParent, std::vector<ConfigFile>& chain, std::string& error) {
  while (wantParent && !dir.empty()) {
    llvm::SmallString<256> candidate(dir);
    llvm::sys::path::append(candidate, kConfigFileName);
    bool exists = false;
    ConfigFile f;
    if (!loadFile(candidate.str().str(), exists, f, error)) return false;
    if (exists) {
      wantParent = f.inheritParent;
      chain.push_back(std::move(f));
    }
    std::string parent = llvm::sys::path::parent_path(dir).str();
    if (parent == dir) break;
    dir = parent;
  }
  return true;
}

bool finish(std::vector<ConfigFile>& chain, Config& out) {
  out = Config();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out.mergeFrom(*it);
  return true;
}

}  // namespace

bool parseProfile(std::string_view name, Profile& out) {
  if (name == "strict") out = Profile::Strict;
  else if (name == "safety") out = Profile::Safety;
  else return false;
  return true;
}

bool profileAllows(Profile p, Code c) {
  if (p == Profile::Strict) return true;
  return c != Code::ConflictingBorrow && c != Code::BorrowEscapes && c != Code::MissingLifetime;
}

bool parseGlobList(std::string_view text, std::vector<CheckGlob>& out, std::string& error) {
  out.clear();
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find_first_of(",\n", i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view item = llvm::StringRef(text.substr(i, j - i)).trim();
    i = j + 1;
    if (item.empty()) continue;
    CheckGlob g;
    std::string written(item);
    if (item[0] == '-') {
      g.remove = true;
      item = llvm::StringRef(item.substr(1)).ltrim();
    }
    g.pattern = std::string(stripPrefix(item));
    bool any = false;
    for (int c = 0; c < kNumCodes && !any; ++c) any = globMatch(g.pattern, codeName(static_cast<Code>(c)));
    if (!any) {
      error = "'" + written + "' names no diagnostic code (codes: " + codeList() + ")";
      return false;
    }
    out.push_back(std::move(g));
  }
  return true;
}

bool globsSelect(const std::vector<CheckGlob>& globs, Code code, bool initial) {
  bool on = initial;
  for (const CheckGlob& g : globs)
    if (globMatch(g.pattern, codeName(code))) on = !g.remove;
  return on;
}

bool parseConfigText(std::string_view text, const std::string& path, ConfigFile& out, std::string& error) {
  out = ConfigFile();
  out.path = path;
  out.dir = llvm::sys::path::parent_path(path).str();
  FirstError fe{path, {}};
  llvm::SourceMgr sm;
  sm.setDiagHandler(&FirstError::handle, &fe);
  llvm::yaml::Stream stream(llvm::StringRef(text.data(), text.size()), sm, /*ShowColors=*/false);
  Reader r(stream, fe);
  int docs = 0;
  for (llvm::yaml::document_iterator di = stream.begin(), de = stream.end(); di != de && !r.failed(); ++di) {
    llvm::yaml::Node* root = di->getRoot();
    if (++docs > 1) {
      if (root && !llvm::isa<llvm::yaml::NullNode>(root)) r.error(root, "only one YAML document is read; remove the second");
      break;
    }
    r.document(root, out);
    if (!r.failed()) di->skip();
  }
  if (stream.failed() && fe.text.empty()) fe.text = path + ": invalid YAML";
  if (!fe.text.empty()) {
    error = fe.text;
    out = ConfigFile();
    return false;
  }
  return true;
}

bool Config::enabled(Code c) const {
  // A list that starts by removing starts from every code; one that starts by adding, from none.
  bool initial = checks.empty() || checks.front().remove;
  return globsSelect(checks, c, initial) && profileAllows(profile, c);
}

void Config::mergeFrom(const ConfigFile& f) {
  files.push_back(f.path);
  if (f.checks) checks.insert(checks.end(), f.checks->begin(), f.checks->end());
  if (f.profile) profile = *f.profile;
  if (f.warningsAsErrors) warningsAsErrors.insert(warningsAsErrors.end(), f.warningsAsErrors->begin(), f.warningsAsErrors->end());
  for (int i = 0; i < kNumCodes; ++i)
    if (f.severity[i] != Level::Default) severity[i] = f.severity[i];
  if (f.headerFilterRegex) {
    headerFilterRegex = f.headerFilterRegex;
    headerFilterBase = f.dir;
  }
}

bool Config::headerMatches(const std::string& header) const {
  if (!headerFilterRegex) return true;
  llvm::Regex re(*headerFilterRegex);
  llvm::StringRef rel(header);
  if (!headerFilterBase.empty() && rel.consume_front(headerFilterBase) && rel.consume_front("/")) return re.match(rel);
  return re.match(header);
}

bool configForSource(const std::string& sourcePath, Config& out, std::string& error) {
  std::vector<ConfigFile> chain;
  out = Config();
  if (!walk(llvm::sys::path::parent_path(absolute(sourcePath)).str(), true, chain, error)) return false;
  return finish(chain, out);
}

bool configFromFile(const std::string& configPath, Config& out, std::string& error) {
  out = Config();
  std::string path = absolute(configPath);
  bool exists = false;
  ConfigFile f;
  if (!loadFile(path, exists, f, error)) return false;
  if (!exists) {
    error = configPath + ": no such configuration file";
    return false;
  }
  std::vector<ConfigFile> chain;
  bool inherit = f.inheritParent;
  chain.push_back(std::move(f));
  std::string parent = llvm::sys::path::parent_path(llvm::sys::path::parent_path(path)).str();
  if (inherit && parent != llvm::sys::path::parent_path(path) && !walk(parent, true, chain, error)) return false;
  return finish(chain, out);
}

void clearConfigCache() {
  std::lock_guard<std::mutex> l(gCacheMutex);
  gCache.clear();
}

void applyConfig(const Config& cfg, std::vector<Diag>& diags) {
  std::vector<Diag> kept;
  kept.reserve(diags.size());
  for (Diag& d : diags) {
    if (!cfg.enabled(d.code)) continue;
    switch (cfg.severity[static_cast<int>(d.code)]) {
      case Level::Off: continue;
      case Level::Error: d.severity = Severity::Error; break;
      case Level::Warning: d.severity = Severity::Warning; break;
      case Level::Note: d.severity = Severity::Hint; break;
      case Level::Default: break;
    }
    if (globsSelect(cfg.warningsAsErrors, d.code, false)) d.severity = Severity::Error;
    kept.push_back(std::move(d));
  }
  diags = std::move(kept);
}

}  // namespace ownership

// Fingerprints of findings and baselines (spec §7): identities that survive edits elsewhere.
#include "cli/Fingerprint.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ownership::cli {

namespace fs = std::filesystem;

std::string projectRoot(const std::string& file) {
  std::error_code ec;
  fs::path dir = fs::path(file).parent_path();
  for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
    if (fs::exists(d / ".git", ec) || fs::exists(d / ".ownership.yaml", ec)) return d.string();
    if (d == d.parent_path()) break;
  }
  return dir.string();
}

namespace {

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string collapse(const std::string& line) {
  std::string out;
  bool space = false;
  for (unsigned char c : line) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// The files' lines, read once.
class Lines {
 public:
  const std::string& line(const std::string& file, unsigned n) {
    auto it = files_.find(file);
    if (it == files_.end()) {
      std::vector<std::string> ls;
      std::ifstream in(file, std::ios::binary);
      for (std::string l; std::getline(in, l);) ls.push_back(std::move(l));
      it = files_.emplace(file, std::move(ls)).first;
    }
    static const std::string none;
    return n >= 1 && n <= it->second.size() ? it->second[n - 1] : none;
  }

 private:
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace

void addFingerprints(std::vector<FileOutcome>& outcomes) {
  Lines lines;
  std::map<std::string, std::string> roots;
  for (FileOutcome& o : outcomes) {
    o.fingerprints.clear();
    for (const Diag& d : o.diags) {
      auto r = roots.find(d.range.file);
      if (r == roots.end()) r = roots.emplace(d.range.file, projectRoot(d.range.file)).first;
      std::error_code ec;
      std::string rel = fs::path(d.range.file).lexically_relative(r->second).generic_string();
      if (rel.empty() || rel.rfind("..", 0) == 0) rel = fs::path(d.range.file).filename().string();
      std::string key = std::string(codeName(d.code)) + '\n' + rel + '\n' + d.function + '\n' +
                        collapse(lines.line(d.range.file, d.range.begin.line));
      char buf[17];
      std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
      o.fingerprints.push_back(buf);
    }
  }
}

bool readBaseline(const std::string& path, std::multiset<std::string>& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read baseline '" + path + "'";
    return false;
  }
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("runs") || !j["runs"].is_array()) {
    error = "baseline '" + path + "' is not a SARIF log";
    return false;
  }
  for (const auto& run : j["runs"]) {
    if (!run.is_object() || !run.contains("results") || !run["results"].is_array()) continue;
    for (const auto& r : run["results"]) {
      if (!r.is_object() || !r.contains("partialFingerprints")) continue;
      const auto& pf = r["partialFingerprints"];
      if (pf.is_object() && pf.contains("ownership/v1") && pf["ownership/v1"].is_string())
        out.insert(pf["ownership/v1"].get<std::string>());
    }
  }
  return true;
}

void keepDiags(std::vector<FileOutcome>& outcomes, const std::function<bool(const Diag&, const std::string&)>& keep) {
  for (FileOutcome& o : outcomes) {
    std::vector<Diag> diags;
    std::vector<std::string> fps;
    for (size_t i = 0; i < o.diags.size(); ++i) {
      std::string fp = i < o.fingerprints.size() ? o.fingerprints[i] : std::string();
      if (!keep(o.diags[i], fp)) continue;
      diags.push_back(std::move(o.diags[i]));
      if (i < o.fingerprints.size()) fps.push_back(std::move(fp));
    }
    o.diags = std::move(diags);
    o.fingerprints = std::move(fps);
  }
}

void applyBaseline(std::vector<FileOutcome>& outcomes, std::multiset<std::string> baseline) {
  keepDiags(outcomes, [&](const Diag&, const std::string& fp) {
    auto it = fp.empty() ? baseline.end() : baseline.find(fp);
    if (it == baseline.end()) return true;
    baseline.erase(it);  // each baseline entry matches one finding
    return false;
  });
}

}  // namespace ownership::cli

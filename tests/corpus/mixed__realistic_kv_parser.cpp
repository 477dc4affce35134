// mixed (realistic): a key=value parser built on string_view; splitting, parsing into owned strings and merging are correct, but a helper returns a view of a local string, the source text is moved while a view into it is used, and one map is merged into itself
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using Config = std::map<std::string, std::string>;

std::string_view key_of(std::string_view line) {
  std::size_t eq = line.find('=');
  return eq == std::string_view::npos ? line : line.substr(0, eq);
}

Config parse_all(const std::vector<std::string>& lines) {
  Config out;
  for (const std::string& l : lines) {
    std::string_view key = key_of(l);
    if (key.size() < l.size()) {
      out.emplace(std::string(key), l.substr(key.size() + 1));
    }
  }
  return out;
}

std::string_view normalized_key(std::string_view raw) {
  std::string lowered(raw);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lowered;  // expect: return-local-borrow  // fix: return-local-borrow
}

std::size_t archive_line(std::vector<std::string>& archive, std::string text) {
  std::string_view key = key_of(text);
  archive.push_back(std::move(text));  // expect: move-while-borrowed
  return key.size();
}

void merge_into(Config& dst, const Config& src) {
  for (const auto& [k, v] : src) {
    dst.insert_or_assign(k, v);
  }
}

void reload(Config& cfg, const std::vector<std::string>& lines) {
  Config fresh = parse_all(lines);
  merge_into(cfg, fresh);
  merge_into(fresh, fresh);  // expect: conflicting-borrow
}

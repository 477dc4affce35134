// JSON conversion of the LSP base structures.
#include "protocol/lsp/Basic.h"

#include <climits>
#include <cstdint>

namespace ownership::protocol::lsp {
using nlohmann::json;

int getInt(const json& j, long long lo, long long hi) {
  if (j.is_number_unsigned()) {
    std::uint64_t v = j.get<std::uint64_t>();
    if (hi >= 0 && v <= static_cast<std::uint64_t>(hi) && static_cast<long long>(v) >= lo) return static_cast<int>(v);
  } else if (j.is_number_integer()) {
    std::int64_t v = j.get<std::int64_t>();
    if (v >= lo && v <= hi) return static_cast<int>(v);
  }
  throw json::type_error::create(302, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                          "], got " + j.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 40),
                                 &j);
}

void to_json(json& j, const Position& p) { j = json{{"line", p.line}, {"character", p.character}}; }
void from_json(const json& j, Position& p) {
  // LSP positions are uintegers; the int range is what the server indexes with.
  p.line = getInt(j.at("line"), 0, INT_MAX);
  p.character = getInt(j.at("character"), 0, INT_MAX);
}
void to_json(json& j, const Range& r) { j = json{{"start", r.start}, {"end", r.end}}; }
void from_json(const json& j, Range& r) {
  j.at("start").get_to(r.start);
  j.at("end").get_to(r.end);
}
void to_json(json& j, const Location& l) { j = json{{"uri", l.uri}, {"range", l.range}}; }
void to_json(json& j, const TextEdit& e) { j = json{{"range", e.range}, {"newText", e.newText}}; }
void to_json(json& j, const WorkspaceEdit& e) {
  json changes = json::object();
  for (const auto& [uri, edits] : e.changes) changes[uri] = edits;
  j = json{{"changes", changes}};
}
void from_json(const json& j, TextDocumentIdentifier& t) { j.at("uri").get_to(t.uri); }
void from_json(const json& j, TextDocumentPositionParams& p) {
  j.at("textDocument").get_to(p.textDocument);
  j.at("position").get_to(p.position);
}

}  // namespace ownership::protocol::lsp

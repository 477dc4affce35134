// JSON conversion of the text synchronisation notifications.
#include "protocol/lsp/Documents.h"

#include <climits>

namespace ownership::protocol::lsp {
using nlohmann::json;

void from_json(const json& j, DidOpenParams& p) {
  const json& d = j.at("textDocument");
  d.at("uri").get_to(p.uri);
  p.languageId = d.value("languageId", "");
  d.at("text").get_to(p.text);
  if (auto it = d.find("version"); it != d.end() && !it->is_null()) p.version = getInt(*it, INT_MIN, INT_MAX);
}
void from_json(const json& j, ContentChange& c) {
  if (auto it = j.find("range"); it != j.end() && !it->is_null()) c.range = it->get<Range>();
  j.at("text").get_to(c.text);
}
void from_json(const json& j, DidChangeParams& p) {
  const json& d = j.at("textDocument");
  d.at("uri").get_to(p.uri);
  if (auto it = d.find("version"); it != d.end() && !it->is_null()) p.version = getInt(*it, INT_MIN, INT_MAX);
  j.at("contentChanges").get_to(p.changes);
}
void from_json(const json& j, DidCloseParams& p) { j.at("textDocument").at("uri").get_to(p.uri); }
void from_json(const json& j, DidSaveParams& p) { j.at("textDocument").at("uri").get_to(p.uri); }

}  // namespace ownership::protocol::lsp

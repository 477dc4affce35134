// JSON conversion of the lifecycle messages. Unknown client capabilities are ignored;
// only the shapes we read are checked.
#include "protocol/lsp/Lifecycle.h"

#include <climits>

#include "protocol/lsp/Basic.h"

namespace ownership::protocol::lsp {
using nlohmann::json;

namespace {
const json* path(const json& j, std::initializer_list<const char*> keys) {
  const json* cur = &j;
  for (const char* k : keys) {
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(k);
    if (it == cur->end()) return nullptr;
    cur = &*it;
  }
  return cur;
}
bool flag(const json& j, std::initializer_list<const char*> keys) {
  const json* v = path(j, keys);
  return v && v->is_boolean() && v->get<bool>();
}
}  // namespace

void from_json(const json& j, OwnershipOptions& o) {
  if (!j.is_object()) throw json::type_error::create(302, "options must be an object", &j);
  if (auto it = j.find("compileCommandsDir"); it != j.end() && !it->is_null()) o.compileCommandsDir = it->get<std::string>();
  if (auto it = j.find("fallbackFlags"); it != j.end() && !it->is_null())
    o.fallbackFlags = it->get<std::vector<std::string>>();
  if (auto it = j.find("severity"); it != j.end() && !it->is_null())
    o.severity = it->get<std::map<std::string, std::string>>();
  if (auto it = j.find("inlayHints"); it != j.end() && !it->is_null()) o.inlayHints = it->get<bool>();
  if (auto it = j.find("debounceMs"); it != j.end() && !it->is_null()) o.debounceMs = getInt(*it, INT_MIN, INT_MAX);
}

void from_json(const json& j, InitializeParams& p) {
  if (!j.is_object()) throw json::type_error::create(302, "initialize params must be an object", &j);
  if (auto it = j.find("rootUri"); it != j.end() && it->is_string()) p.rootUri = it->get<std::string>();
  if (auto it = j.find("rootPath"); it != j.end() && it->is_string()) p.rootPath = it->get<std::string>();
  const json caps = j.value("capabilities", json::object());
  if (const json* enc = path(caps, {"general", "positionEncodings"}); enc && enc->is_array())
    for (const json& e : *enc)
      if (e.is_string()) p.positionEncodings.push_back(e.get<std::string>());
  p.relatedInformation = flag(caps, {"textDocument", "publishDiagnostics", "relatedInformation"});
  p.codeDescription = flag(caps, {"textDocument", "publishDiagnostics", "codeDescriptionSupport"});
  if (const json* fmt = path(caps, {"textDocument", "hover", "contentFormat"}); fmt && fmt->is_array()) {
    p.hoverMarkdown = false;
    for (const json& f : *fmt)
      if (f == "markdown") p.hoverMarkdown = true;
  }
  p.codeActionLiterals = path(caps, {"textDocument", "codeAction", "codeActionLiteralSupport"}) != nullptr;
  p.watchedFilesRegistration = flag(caps, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
  if (auto it = j.find("initializationOptions"); it != j.end() && it->is_object()) {
    // Accept both {compileCommandsDir: ...} and {ownership: {...}} shapes.
    const json& o = it->contains("ownership") && (*it)["ownership"].is_object() ? (*it)["ownership"] : *it;
    p.options = o.get<OwnershipOptions>();
  }
}

void from_json(const json& j, DidChangeConfigurationParams& p) {
  const json* s = path(j, {"settings"});
  if (!s || !s->is_object()) return;
  if (const json* o = path(*s, {"ownership"}); o && o->is_object()) p.options = o->get<OwnershipOptions>();
  else if (s->contains("fallbackFlags") || s->contains("severity") || s->contains("inlayHints") ||
           s->contains("compileCommandsDir"))
    p.options = s->get<OwnershipOptions>();
}

}  // namespace ownership::protocol::lsp

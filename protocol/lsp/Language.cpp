// JSON conversion of the language features.
#include "protocol/lsp/Language.h"

namespace ownership::protocol::lsp {
using nlohmann::json;

void to_json(json& j, const Diagnostic& d) {
  j = json{{"range", d.range},
           {"severity", static_cast<int>(d.severity)},
           {"code", d.code},
           {"source", d.source},
           {"message", d.message}};
  if (d.codeHref) j["codeDescription"] = json{{"href", *d.codeHref}};
  if (!d.relatedInformation.empty()) {
    json rel = json::array();
    for (const auto& r : d.relatedInformation) rel.push_back(json{{"location", r.location}, {"message", r.message}});
    j["relatedInformation"] = std::move(rel);
  }
}
void from_json(const json& j, Diagnostic& d) {
  j.at("range").get_to(d.range);
  if (auto it = j.find("code"); it != j.end()) {
    if (it->is_string()) d.code = it->get<std::string>();
    else if (it->is_number_integer()) d.code = std::to_string(it->get<long long>());
  }
  if (auto it = j.find("message"); it != j.end() && it->is_string()) d.message = it->get<std::string>();
  if (auto it = j.find("source"); it != j.end() && it->is_string()) d.source = it->get<std::string>();
  if (auto it = j.find("severity"); it != j.end() && it->is_number_integer()) {
    int s = it->get<int>();
    if (s >= 1 && s <= 4) d.severity = static_cast<DiagnosticSeverity>(s);
  }
}
void to_json(json& j, const PublishDiagnosticsParams& p) {
  j = json{{"uri", p.uri}, {"diagnostics", p.diagnostics}};
  if (p.version) j["version"] = *p.version;
}
void from_json(const json& j, DocumentDiagnosticParams& p) {
  j.at("textDocument").at("uri").get_to(p.uri);
  if (auto it = j.find("previousResultId"); it != j.end() && it->is_string()) p.previousResultId = it->get<std::string>();
}
void to_json(json& j, const Hover& h) {
  j = json{{"contents", {{"kind", h.isMarkdown ? "markdown" : "plaintext"}, {"value", h.markdown}}}};
  if (h.range) j["range"] = *h.range;
}
void to_json(json& j, const DocumentHighlight& h) {
  j = json{{"range", h.range}, {"kind", static_cast<int>(h.kind)}};
}
void from_json(const json& j, CodeActionParams& p) {
  j.at("textDocument").at("uri").get_to(p.uri);
  j.at("range").get_to(p.range);
  const json& ctx = j.at("context");
  if (auto it = ctx.find("diagnostics"); it != ctx.end()) it->get_to(p.diagnostics);
  if (auto it = ctx.find("only"); it != ctx.end() && it->is_array()) p.only = it->get<std::vector<std::string>>();
}
void to_json(json& j, const CodeAction& a) {
  j = json{{"title", a.title}, {"kind", a.kind}, {"diagnostics", a.diagnostics}, {"edit", a.edit}};
  if (a.isPreferred) j["isPreferred"] = true;
}
void from_json(const json& j, InlayHintParams& p) {
  j.at("textDocument").at("uri").get_to(p.uri);
  j.at("range").get_to(p.range);
}
void to_json(json& j, const InlayHint& h) {
  j = json{{"position", h.position}, {"label", h.label}, {"paddingLeft", h.paddingLeft}};
  if (!h.tooltip.empty()) j["tooltip"] = h.tooltip;
}

}  // namespace ownership::protocol::lsp

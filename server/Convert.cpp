// Conversion to LSP. Ranges in the main file go through its LineIndex (UTF-16 or
// UTF-8 columns); ranges in other files (notes in headers) use the analysis' line and
// byte column, since their text is not at hand.
#include "server/Convert.h"

#include "protocol/Uri.h"

namespace ownership::server {

namespace lsp = protocol::lsp;

lsp::Position toLsp(const Pos& p, const ConvertContext& c) {
  LinePosition lp = c.lines->position(p.offset, c.encoding);
  return {lp.line, lp.character};
}

lsp::Range toLsp(const Range& r, const ConvertContext& c) {
  if (!r.file.empty() && r.file != c.path) {
    auto pos = [](const Pos& p) {
      return lsp::Position{p.line ? static_cast<int>(p.line) - 1 : 0, p.column ? static_cast<int>(p.column) - 1 : 0};
    };
    return {pos(r.begin), pos(r.end)};
  }
  lsp::Range out{toLsp(r.begin, c), toLsp(r.end, c)};
  if (r.end.offset < r.begin.offset) out.end = out.start;
  return out;
}

lsp::DiagnosticSeverity toLsp(Severity s) {
  switch (s) {
    case Severity::Error: return lsp::DiagnosticSeverity::Error;
    case Severity::Warning: return lsp::DiagnosticSeverity::Warning;
    case Severity::Hint: return lsp::DiagnosticSeverity::Hint;  // spec §2: "hint"
  }
  return lsp::DiagnosticSeverity::Error;
}

std::optional<lsp::Diagnostic> toLsp(const Diag& d, const ConvertContext& c) {
  lsp::Diagnostic out;
  out.severity = toLsp(d.severity);
  if (c.severity) {
    auto it = c.severity->find(d.code);
    if (it != c.severity->end()) {
      if (it->second.off) return std::nullopt;
      out.severity = it->second.severity;
    }
  }
  out.range = toLsp(d.range, c);
  out.code = std::string(codeName(d.code));
  if (!c.docsDir.empty()) out.codeHref = protocol::pathToUri(c.docsDir + "/" + out.code + ".md");
  out.message = d.message;
  for (const Note& n : d.notes) {
    std::string uri = n.range.file.empty() || n.range.file == c.path ? c.uri : protocol::pathToUri(n.range.file);
    out.relatedInformation.push_back({lsp::Location{uri, toLsp(n.range, c)}, n.message});
  }
  return out;
}

std::vector<lsp::Diagnostic> toLsp(const std::vector<Diag>& diags, const ConvertContext& c) {
  std::vector<lsp::Diagnostic> out;
  for (const Diag& d : diags)
    if (auto l = toLsp(d, c)) out.push_back(std::move(*l));
  return out;
}

lsp::CodeAction toLsp(const Fix& f, const lsp::Diagnostic& attached, const ConvertContext& c) {
  lsp::CodeAction a;
  a.title = f.title;
  a.isPreferred = f.preferred;
  a.diagnostics.push_back(attached);
  for (const TextEdit& e : f.edits) {
    std::string uri = e.range.file.empty() || e.range.file == c.path ? c.uri : protocol::pathToUri(e.range.file);
    a.edit.changes[uri].push_back({toLsp(e.range, c), e.newText});
  }
  return a;
}

lsp::Hover toLsp(const HoverInfo& h, const ConvertContext& c) {
  lsp::Hover out;
  out.markdown = h.markdown;
  out.range = toLsp(h.range, c);
  return out;
}

lsp::InlayHint toLsp(const InlayHint& h, const ConvertContext& c) {
  lsp::InlayHint out;
  out.position = toLsp(h.position, c);
  out.label = h.label;
  out.paddingLeft = true;
  return out;
}

lsp::DocumentHighlight toLsp(const Highlight& h, const ConvertContext& c) {
  lsp::DocumentHighlight out;
  out.range = toLsp(h.range, c);
  out.kind = static_cast<lsp::DocumentHighlightKind>(h.kind);  // the analysis uses LSP's values
  return out;
}

bool parseSeverityOverride(const std::string& name, SeverityOverride& out) {
  out = {};
  if (name == "off" || name == "none") out.off = true;
  else if (name == "error") out.severity = lsp::DiagnosticSeverity::Error;
  else if (name == "warning") out.severity = lsp::DiagnosticSeverity::Warning;
  else if (name == "information" || name == "info") out.severity = lsp::DiagnosticSeverity::Information;
  else if (name == "hint" || name == "note") out.severity = lsp::DiagnosticSeverity::Hint;
  else return false;
  return true;
}

}  // namespace ownership::server

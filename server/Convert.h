// The one converter between the analysis' model (byte offsets, Diag, Fix, HoverInfo,
// InlayHint, Highlight) and LSP types, positions in the negotiated encoding included.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/Diagnostic.h"
#include "analysis/Highlight.h"
#include "analysis/Hover.h"
#include "analysis/InlayHints.h"
#include "protocol/lsp/Language.h"
#include "server/LineIndex.h"

namespace ownership::server {

// Per-code severity as the user configured it; absent: the analysis' own.
struct SeverityOverride {
  bool off = false;
  protocol::lsp::DiagnosticSeverity severity = protocol::lsp::DiagnosticSeverity::Error;
};

struct ConvertContext {
  std::string uri;           // of the main file
  std::string path;          // of the main file
  const LineIndex* lines = nullptr;
  PositionEncoding encoding = PositionEncoding::Utf16;
  const std::map<Code, SeverityOverride>* severity = nullptr;
  std::string docsDir;       // docs/diagnostics, for codeDescription links; empty: none
};

protocol::lsp::Position toLsp(const Pos& p, const ConvertContext& c);
protocol::lsp::Range toLsp(const Range& r, const ConvertContext& c);
protocol::lsp::DiagnosticSeverity toLsp(Severity s);
// nullopt when the user turned the code off.
std::optional<protocol::lsp::Diagnostic> toLsp(const Diag& d, const ConvertContext& c);
std::vector<protocol::lsp::Diagnostic> toLsp(const std::vector<Diag>& diags, const ConvertContext& c);
protocol::lsp::CodeAction toLsp(const Fix& f, const protocol::lsp::Diagnostic& attached, const ConvertContext& c);
protocol::lsp::Hover toLsp(const HoverInfo& h, const ConvertContext& c);
protocol::lsp::InlayHint toLsp(const InlayHint& h, const ConvertContext& c);
protocol::lsp::DocumentHighlight toLsp(const Highlight& h, const ConvertContext& c);

// "error" | "warning" | "information" | "hint" | "off"; false for anything else.
bool parseSeverityOverride(const std::string& name, SeverityOverride& out);

}  // namespace ownership::server

// LSP language features: diagnostics (push and pull), hover, document highlights, code actions,
// inlay hints.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "protocol/lsp/Basic.h"

namespace ownership::protocol::lsp {

enum class DiagnosticSeverity { Error = 1, Warning = 2, Information = 3, Hint = 4 };

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
};
struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  std::string code;
  std::optional<std::string> codeHref;  // codeDescription.href
  std::string source = "ownership";
  std::string message;
  std::vector<DiagnosticRelatedInformation> relatedInformation;
};
void to_json(nlohmann::json& j, const Diagnostic& d);
// Reads back the fields a client echoes in codeAction's context (range, code, message).
void from_json(const nlohmann::json& j, Diagnostic& d);

struct PublishDiagnosticsParams {
  std::string uri;
  std::optional<int> version;
  std::vector<Diagnostic> diagnostics;
};
void to_json(nlohmann::json& j, const PublishDiagnosticsParams& p);

struct DocumentDiagnosticParams {
  std::string uri;
  std::optional<std::string> previousResultId;
};
void from_json(const nlohmann::json& j, DocumentDiagnosticParams& p);

struct Hover {
  std::string markdown;
  bool isMarkdown = true;  // plaintext for clients that do not render markdown
  std::optional<Range> range;
};
void to_json(nlohmann::json& j, const Hover& h);

// textDocument/documentHighlight answers with these (its params are TextDocumentPositionParams).
enum class DocumentHighlightKind { Text = 1, Read = 2, Write = 3 };
struct DocumentHighlight {
  Range range;
  DocumentHighlightKind kind = DocumentHighlightKind::Text;
};
void to_json(nlohmann::json& j, const DocumentHighlight& h);

struct CodeActionParams {
  std::string uri;
  Range range;
  std::vector<Diagnostic> diagnostics;  // context.diagnostics
  std::optional<std::vector<std::string>> only;
};
void from_json(const nlohmann::json& j, CodeActionParams& p);

struct CodeAction {
  std::string title;
  std::string kind = "quickfix";
  std::vector<Diagnostic> diagnostics;
  bool isPreferred = false;
  WorkspaceEdit edit;
};
void to_json(nlohmann::json& j, const CodeAction& a);

struct InlayHintParams {
  std::string uri;
  Range range;
};
void from_json(const nlohmann::json& j, InlayHintParams& p);

struct InlayHint {
  Position position;
  std::string label;
  std::string tooltip;
  bool paddingLeft = true;
};
void to_json(nlohmann::json& j, const InlayHint& h);

}  // namespace ownership::protocol::lsp

// LSP base structures: positions, ranges, locations, text edits, markup.
// Each struct sits next to its JSON conversion; decoding throws nlohmann::json
// exceptions on a wrong shape, which the dispatcher answers with InvalidParams.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ownership::protocol::lsp {

struct Position {
  int line = 0;       // 0-based
  int character = 0;  // 0-based, in the negotiated position encoding
  friend bool operator==(const Position&, const Position&) = default;
};
struct Range {
  Position start, end;
  friend bool operator==(const Range&, const Range&) = default;
};
struct Location {
  std::string uri;
  Range range;
};
struct TextEdit {
  Range range;
  std::string newText;
};
struct WorkspaceEdit {
  std::map<std::string, std::vector<TextEdit>> changes;  // uri -> edits
};
struct TextDocumentIdentifier {
  std::string uri;
};
struct TextDocumentPositionParams {
  TextDocumentIdentifier textDocument;
  Position position;
};

// An integer member read strictly: a fraction, another type or a value outside [lo, hi] throws
// json::type_error (answered InvalidParams). nlohmann's own get<int>() converts 1e300 with
// undefined behaviour and wraps 4294967296 to 0.
int getInt(const nlohmann::json& j, long long lo, long long hi);

void to_json(nlohmann::json& j, const Position& p);
void from_json(const nlohmann::json& j, Position& p);
void to_json(nlohmann::json& j, const Range& r);
void from_json(const nlohmann::json& j, Range& r);
void to_json(nlohmann::json& j, const Location& l);
void to_json(nlohmann::json& j, const TextEdit& e);
void to_json(nlohmann::json& j, const WorkspaceEdit& e);
void from_json(const nlohmann::json& j, TextDocumentIdentifier& t);
void from_json(const nlohmann::json& j, TextDocumentPositionParams& p);

}  // namespace ownership::protocol::lsp

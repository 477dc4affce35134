// LSP text synchronisation: didOpen, didChange (full and ranged), didClose, didSave.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "protocol/lsp/Basic.h"

namespace ownership::protocol::lsp {

struct DidOpenParams {
  std::string uri, languageId, text;
  int version = 0;
};
struct ContentChange {
  std::optional<Range> range;  // absent: the whole document
  std::string text;
};
struct DidChangeParams {
  std::string uri;
  std::optional<int> version;
  std::vector<ContentChange> changes;
};
struct DidCloseParams {
  std::string uri;
};
struct DidSaveParams {
  std::string uri;
};

void from_json(const nlohmann::json& j, DidOpenParams& p);
void from_json(const nlohmann::json& j, ContentChange& c);
void from_json(const nlohmann::json& j, DidChangeParams& p);
void from_json(const nlohmann::json& j, DidCloseParams& p);
void from_json(const nlohmann::json& j, DidSaveParams& p);

}  // namespace ownership::protocol::lsp

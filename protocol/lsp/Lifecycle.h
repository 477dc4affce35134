// LSP lifecycle messages: initialize (client capabilities we use, our options),
// the server's capabilities, configuration changes.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ownership::protocol::lsp {

// initializationOptions, and `settings.ownership` of workspace/didChangeConfiguration.
// Every field is optional; absent ones keep their defaults.
struct OwnershipOptions {
  std::optional<std::string> compileCommandsDir;
  std::optional<std::vector<std::string>> fallbackFlags;
  std::map<std::string, std::string> severity;  // code -> error|warning|information|hint|off
  std::optional<bool> inlayHints;
  std::optional<int> debounceMs;
};
void from_json(const nlohmann::json& j, OwnershipOptions& o);

struct InitializeParams {
  std::optional<std::string> rootUri;                  // rootUri
  std::optional<std::string> rootPath;                 // deprecated rootPath
  std::vector<std::string> positionEncodings;          // general.positionEncodings
  bool relatedInformation = false;                     // publishDiagnostics.relatedInformation
  bool codeDescription = false;                        // publishDiagnostics.codeDescriptionSupport
  bool hoverMarkdown = true;                           // hover.contentFormat includes markdown
  bool codeActionLiterals = false;                     // codeActionLiteralSupport
  bool watchedFilesRegistration = false;               // workspace.didChangeWatchedFiles.dynamicRegistration
  OwnershipOptions options;
};
void from_json(const nlohmann::json& j, InitializeParams& p);

struct DidChangeConfigurationParams {
  std::optional<OwnershipOptions> options;  // from settings.ownership (or settings itself)
};
void from_json(const nlohmann::json& j, DidChangeConfigurationParams& p);

}  // namespace ownership::protocol::lsp

// JSON-RPC 2.0 messages: requests, notifications and responses, with their JSON form.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ownership::protocol {

// Standard JSON-RPC and LSP error codes.
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
  ContentModified = -32801,
};

struct Message {
  std::optional<nlohmann::json> id;  // absent for notifications
  std::string method;                // empty for responses
  nlohmann::json params;
  std::optional<nlohmann::json> result;
  std::optional<nlohmann::json> error;
  bool isRequest() const { return id && !method.empty(); }
  bool isNotification() const { return !id && !method.empty(); }
  bool isResponse() const { return id && method.empty(); }
};

// Decodes one message; on failure returns nullopt and the error to answer with.
std::optional<Message> decodeMessage(const std::string& text, ErrorCode& error, std::string& why);
// The id of a message decodeMessage refused, when the text is valid JSON whose top-level "id" is a
// number or a string, so the error can answer it; nullopt otherwise. Builds no DOM: safe at any depth.
std::optional<nlohmann::json> recoverRequestId(const std::string& text);
nlohmann::json makeResponse(const nlohmann::json& id, nlohmann::json result);
nlohmann::json makeError(const nlohmann::json& id, ErrorCode code, const std::string& message);
nlohmann::json makeNotification(const std::string& method, nlohmann::json params);

}  // namespace ownership::protocol

// JSON-RPC 2.0 decoding and encoding.
#include "protocol/JsonRpc.h"

namespace ownership::protocol {

using nlohmann::json;

std::optional<Message> decodeMessage(const std::string& text, ErrorCode& error, std::string& why) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    error = ErrorCode::ParseError;
    why = "message is not valid JSON";
    return std::nullopt;
  }
  // Not j.value("jsonrpc", ""): it throws when the member is there with another type
  // (`"jsonrpc": 2`, found by the frame fuzzer); a malformed message must only be refused.
  auto version = j.is_object() ? j.find("jsonrpc") : j.end();
  if (!j.is_object() || version == j.end() || !version->is_string() || *version != "2.0") {
    error = ErrorCode::InvalidRequest;
    why = "message is not a JSON-RPC 2.0 object";
    return std::nullopt;
  }
  Message m;
  if (j.contains("id")) {
    const json& id = j["id"];
    if (!id.is_number_integer() && !id.is_string() && !id.is_null()) {
      error = ErrorCode::InvalidRequest;
      why = "id must be a number or a string";
      return std::nullopt;
    }
    m.id = id;
  }
  if (j.contains("method")) {
    if (!j["method"].is_string()) {
      error = ErrorCode::InvalidRequest;
      why = "method must be a string";
      return std::nullopt;
    }
    m.method = j["method"].get<std::string>();
    m.params = j.contains("params") ? j["params"] : json::object();
  } else if (!m.id) {
    error = ErrorCode::InvalidRequest;
    why = "message has neither method nor id";
    return std::nullopt;
  }
  if (j.contains("result")) m.result = j["result"];
  if (j.contains("error")) m.error = j["error"];
  return m;
}

json makeResponse(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json makeError(const json& id, ErrorCode code, const std::string& message) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", static_cast<int>(code)}, {"message", message}}}};
}

json makeNotification(const std::string& method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace ownership::protocol

// JSON-RPC 2.0 decoding and encoding.
#include "protocol/JsonRpc.h"

#include "protocol/JsonDepth.h"

namespace ownership::protocol {

using nlohmann::json;

std::optional<Message> decodeMessage(const std::string& text, ErrorCode& error, std::string& why) {
  // Before parsing: the copies below (params, result) recurse once per level.
  if (jsonNestsDeeperThan(text, kMaxJsonDepth)) {
    error = ErrorCode::InvalidRequest;
    why = "message nests deeper than " + std::to_string(kMaxJsonDepth) + " arrays and objects";
    return std::nullopt;
  }
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

namespace {

// SAX events of one JSON text, keeping only the top-level "id" when it is a number or a string:
// no DOM is built, so any depth costs one bit per level (the parser's own stack of states).
struct IdFinder {
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  size_t depth = 0;
  bool idNext = false;  // the value that follows is the top-level object's "id"
  std::optional<json> id;

  bool scalar(json v, bool usable) {
    if (idNext && depth == 1 && usable) id = std::move(v);
    idNext = false;
    return true;
  }
  bool null() { return scalar(nullptr, false); }
  bool boolean(bool) { return scalar(nullptr, false); }
  bool number_integer(number_integer_t v) { return scalar(v, true); }
  bool number_unsigned(number_unsigned_t v) { return scalar(v, true); }
  bool number_float(number_float_t, const string_t&) { return scalar(nullptr, false); }
  bool string(string_t& v) { return scalar(v, true); }
  bool binary(binary_t&) { return scalar(nullptr, false); }
  bool start_object(size_t) { return open(); }
  bool start_array(size_t) { return open(); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(string_t& k) {
    if (depth == 1 && k == "id") {
      id.reset();  // a later "id" replaces an earlier one, as in the parsed object
      idNext = true;
    }
    return true;
  }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  bool open() {
    idNext = false;  // an array or object is no id
    ++depth;
    return true;
  }
  bool close() {
    --depth;
    return true;
  }
};

}  // namespace

std::optional<json> recoverRequestId(const std::string& text) {
  IdFinder finder;
  bool ok = json::sax_parse(text, &finder, json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/false);
  if (!ok) return std::nullopt;
  return finder.id;
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

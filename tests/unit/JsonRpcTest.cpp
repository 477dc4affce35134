// Tests of JSON-RPC message decoding and encoding.
#include <gtest/gtest.h>

#include "protocol/JsonDepth.h"
#include "protocol/JsonRpc.h"

using namespace ownership::protocol;

TEST(JsonRpc, DecodesRequestsNotificationsResponses) {
  ErrorCode code{};
  std::string why;
  auto req = decodeMessage(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"x":1}})", code, why);
  ASSERT_TRUE(req);
  EXPECT_TRUE(req->isRequest());
  EXPECT_EQ(req->params["x"], 1);
  auto note = decodeMessage(R"({"jsonrpc":"2.0","method":"initialized"})", code, why);
  ASSERT_TRUE(note);
  EXPECT_TRUE(note->isNotification());
  auto resp = decodeMessage(R"({"jsonrpc":"2.0","id":"a","result":null})", code, why);
  ASSERT_TRUE(resp);
  EXPECT_TRUE(resp->isResponse());
}

TEST(JsonRpc, RejectsMalformedMessages) {
  ErrorCode code{};
  std::string why;
  EXPECT_FALSE(decodeMessage("{not json", code, why));
  EXPECT_EQ(code, ErrorCode::ParseError);
  EXPECT_FALSE(decodeMessage(R"({"id":1,"method":"x"})", code, why));
  EXPECT_EQ(code, ErrorCode::InvalidRequest);
  EXPECT_FALSE(decodeMessage(R"({"jsonrpc":"2.0","id":{},"method":"x"})", code, why));
  EXPECT_FALSE(decodeMessage(R"({"jsonrpc":"2.0","method":5})", code, why));
  EXPECT_FALSE(decodeMessage(R"([1,2])", code, why));
  // A "jsonrpc" member of another type is refused, not thrown on (a frame-fuzzer crash).
  EXPECT_FALSE(decodeMessage(R"({"jsonrpc":2,"id":1,"method":"x"})", code, why));
  EXPECT_EQ(code, ErrorCode::InvalidRequest);
  EXPECT_FALSE(decodeMessage(R"({"jsonrpc":null,"method":"x"})", code, why));
}

TEST(JsonRpc, EncodesErrors) {
  auto e = makeError(7, ErrorCode::MethodNotFound, "no such method");
  EXPECT_EQ(e["error"]["code"], -32601);
  EXPECT_EQ(e["id"], 7);
  EXPECT_EQ(makeResponse("x", 3)["result"], 3);
}

namespace {
std::string nested(const std::string& before, unsigned levels, const std::string& after) {
  return before + std::string(levels, '[') + std::string(levels, ']') + after;
}
}  // namespace

// Issue 17: a body nested 100,000 deep crashed the server (the copy of its params recursed once per
// level); past kMaxJsonDepth it is refused before it is parsed.
TEST(JsonRpc, RefusesMessagesNestedTooDeep) {
  ErrorCode code{};
  std::string why;
  std::string head = R"({"jsonrpc":"2.0","id":4,"method":"x","params":)";
  // The params array sits inside the message object: one level is the object's.
  auto ok = decodeMessage(nested(head, kMaxJsonDepth - 1, "}"), code, why);
  ASSERT_TRUE(ok) << why;
  EXPECT_TRUE(ok->params.is_array());
  EXPECT_FALSE(decodeMessage(nested(head, kMaxJsonDepth, "}"), code, why));
  EXPECT_EQ(code, ErrorCode::InvalidRequest);
  EXPECT_EQ(why, "message nests deeper than 256 arrays and objects");
  EXPECT_FALSE(decodeMessage(nested(head, 100000, "}"), code, why));
  EXPECT_EQ(code, ErrorCode::InvalidRequest);
  // Unclosed and deep: refused without building 100,000 levels first.
  EXPECT_FALSE(decodeMessage(std::string(100000, '['), code, why));
  EXPECT_EQ(code, ErrorCode::InvalidRequest);
}

TEST(JsonRpc, DepthIgnoresBracketsInStrings) {
  // {"a":"[[[…\"[[[", "b":[1]}: the brackets and the escaped quote are inside the string.
  std::string s = R"({"a":")" + std::string(1000, '[') + R"(\"[[[", "b":[1]})";
  EXPECT_FALSE(jsonNestsDeeperThan(s, 2));
  EXPECT_TRUE(jsonNestsDeeperThan(s, 1));
  // "\\" then [[[]]]: an escaped backslash does not escape the closing quote.
  std::string t = R"("\\")" + std::string("[[[]]]");
  EXPECT_FALSE(jsonNestsDeeperThan(t, 3));
  EXPECT_TRUE(jsonNestsDeeperThan(t, 2));
  EXPECT_FALSE(jsonNestsDeeperThan("]]]]{}", 1));  // stray closers do not go below zero
}

TEST(JsonRpc, RecoversTheIdOfARefusedMessage) {
  EXPECT_EQ(recoverRequestId(nested(R"({"jsonrpc":"2.0","id":"deep","params":)", 100000, "}")), "deep");
  // After the deep part too, and as a number.
  EXPECT_EQ(recoverRequestId(nested(R"({"params":)", 100000, R"(,"id":12})")), 12);
  // Only a top-level number or string is an id.
  EXPECT_FALSE(recoverRequestId(R"({"id":{"id":3}})"));
  EXPECT_FALSE(recoverRequestId(R"({"x":{"id":3}})"));
  EXPECT_FALSE(recoverRequestId(R"({"id":[3]})"));
  EXPECT_FALSE(recoverRequestId(R"({"id":true})"));
  EXPECT_FALSE(recoverRequestId(R"([{"id":3}])"));
  EXPECT_FALSE(recoverRequestId(R"({"id":3,"id":null})"));
  EXPECT_EQ(recoverRequestId(R"({"id":null,"id":3})"), 3);
  // Invalid JSON has no id (JSON-RPC: a parse error is answered with a null id).
  EXPECT_FALSE(recoverRequestId(R"({"id":3,)"));
  EXPECT_FALSE(recoverRequestId(std::string(100000, '[')));
}

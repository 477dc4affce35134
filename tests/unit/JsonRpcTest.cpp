// Tests of JSON-RPC message decoding and encoding.
#include <gtest/gtest.h>

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

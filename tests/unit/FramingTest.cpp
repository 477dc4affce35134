// Tests of Content-Length framing, URIs and the line index (UTF-8/UTF-16 columns).
#include <gtest/gtest.h>

#include "protocol/Framing.h"
#include "protocol/Uri.h"
#include "server/LineIndex.h"

using namespace ownership;

TEST(Framing, SplitsMessagesFedByteByByte) {
  protocol::FrameReader r;
  std::string wire = protocol::frameMessage("{\"a\":1}") + protocol::frameMessage("{\"b\":2}");
  std::vector<std::string> bodies;
  for (char ch : wire) {
    r.feed(std::string_view(&ch, 1));
    while (auto f = r.next()) bodies.push_back(f->body);
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
}

TEST(Framing, ToleratesHeaderVariants) {
  protocol::FrameReader r;
  r.feed("content-length:  3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]");
  auto f = r.next();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->body, "[1]");
}

TEST(Framing, RejectsBadHeadersAndRecovers) {
  protocol::FrameReader r;
  r.feed("Content-Length: abc\r\n\r\n");
  auto bad = r.next();
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->error.empty());
  r.feed("X-Nothing: 1\r\n\r\n");
  auto none = r.next();
  ASSERT_TRUE(none);
  EXPECT_NE(none->error.find("Content-Length"), std::string::npos);
  r.feed(protocol::frameMessage("{}"));
  auto ok = r.next();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->body, "{}");
}

TEST(Framing, DiscardsOversizedMessages) {
  protocol::FrameReader r;
  r.feed("Content-Length: " + std::to_string(protocol::kMaxMessageBytes + 10) + "\r\n\r\nxxxx");
  auto f = r.next();
  ASSERT_TRUE(f);
  EXPECT_NE(f->error.find("exceeds"), std::string::npos);
  // The rest of the oversized body is skipped as it arrives.
  r.feed(std::string(protocol::kMaxMessageBytes + 6, 'y'));
  r.feed(protocol::frameMessage("{}"));
  auto ok = r.next();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->body, "{}");
}

TEST(Uri, DecodesNormalisesAndRejects) {
  EXPECT_EQ(protocol::uriToPath("file:///home/a%20b/x.cpp"), "/home/a b/x.cpp");
  EXPECT_EQ(protocol::uriToPath("file:///a/./b/../c.cpp"), "/a/c.cpp");
  EXPECT_EQ(protocol::uriToPath("file:///../../etc/passwd"), "/etc/passwd");
  EXPECT_EQ(protocol::uriToPath("file://localhost/x.cpp"), "/x.cpp");
  EXPECT_FALSE(protocol::uriToPath("untitled:Untitled-1"));
  EXPECT_FALSE(protocol::uriToPath("file://otherhost/x.cpp"));
  EXPECT_FALSE(protocol::uriToPath("file:///a%00b"));
  EXPECT_FALSE(protocol::uriToPath("file:///a%zz"));
  EXPECT_FALSE(protocol::uriToPath("file:///a%2"));
  EXPECT_EQ(protocol::pathToUri("/home/a b/x+y.cpp"), "file:///home/a%20b/x+y.cpp");
  EXPECT_EQ(protocol::uriToPath(protocol::pathToUri("/tmp/ü#?.cpp")), "/tmp/ü#?.cpp");
}

TEST(LineIndex, CountsUtf16AndUtf8Units) {
  // "a😀b\n" : 😀 is 4 bytes, 2 UTF-16 units.
  std::string text = "a\xF0\x9F\x98\x80" "b\nxy\r\nz";
  server::LineIndex idx(text);
  using server::PositionEncoding;
  EXPECT_EQ(idx.position(5, PositionEncoding::Utf16).character, 3);
  EXPECT_EQ(idx.position(5, PositionEncoding::Utf8).character, 5);
  EXPECT_EQ(idx.offset({0, 3}, PositionEncoding::Utf16), 5u);
  EXPECT_EQ(idx.offset({0, 2}, PositionEncoding::Utf16), 1u);  // inside the pair: its start
  bool exact = true;
  EXPECT_EQ(idx.offset({1, 99}, PositionEncoding::Utf16, &exact), 9u);  // clamped before \r\n
  EXPECT_FALSE(exact);
  EXPECT_EQ(idx.offset({9, 0}, PositionEncoding::Utf16), text.size());
  EXPECT_EQ(idx.position(12, PositionEncoding::Utf16).line, 2);
}

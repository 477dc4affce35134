// Tests of document highlights: what a borrow, an owner and a plain variable light up.
#include <gtest/gtest.h>

#include "analysis/Highlight.h"
#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

unsigned offsetOf(const std::string& code, const std::string& needle, int n = 0) {
  size_t at = code.find(needle);
  while (n-- > 0 && at != std::string::npos) at = code.find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << needle;
  return static_cast<unsigned>(at);
}

// "Kind line:col `text`" per highlight, in order.
std::vector<std::string> show(const std::string& code, const std::vector<Highlight>& hs) {
  std::vector<std::string> out;
  for (const Highlight& h : hs) {
    const char* k = h.kind == HighlightKind::Write ? "Write" : h.kind == HighlightKind::Read ? "Read" : "Text";
    out.push_back(std::string(k) + " " + std::to_string(h.range.begin.line) + ":" + std::to_string(h.range.begin.column) +
                  " `" + code.substr(h.range.begin.offset, h.range.end.offset - h.range.begin.offset) + "`");
  }
  return out;
}

std::vector<std::string> at(const Analysed& a, const std::string& code, unsigned off) {
  return show(code, highlightsAt(a.parsed.ast->getASTContext(), a.result, off, a.result.diags));
}

const std::string kCode = R"(#include <vector>
int f() {
  std::vector<int> v{1, 2};
  const int& r = v[0];
  int a = r;
  v.push_back(3);
  int b = r;
  int n = 0;
  n += a + b;
  return n;
}
)";

TEST(Highlight, ABorrowShowsWhereItIsTakenAndEachLiveUse) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::vector<std::string> want = {"Text 4:14 `r`", "Write 4:18 `v[0]`", "Read 5:11 `r`", "Write 6:3 `v.push_back(3)`",
                                   "Read 7:11 `r`"};
  EXPECT_EQ(at(a, kCode, offsetOf(kCode, "r = v")), want);
  EXPECT_EQ(at(a, kCode, offsetOf(kCode, "r;")), want);  // from any mention
}

TEST(Highlight, AnOwnerShowsItsBorrowsTheirUsesAndTheConflict) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::vector<std::string> want = {"Text 3:20 `v`", "Write 4:18 `v[0]`", "Read 5:11 `r`", "Write 6:3 `v.push_back(3)`",
                                   "Read 7:11 `r`"};
  EXPECT_EQ(at(a, kCode, offsetOf(kCode, "v.push_back")), want);
}

TEST(Highlight, APlainVariableShowsItsMentionsOnly) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::vector<std::string> want = {"Text 8:7 `n`", "Text 9:3 `n`", "Text 10:10 `n`"};
  EXPECT_EQ(at(a, kCode, offsetOf(kCode, "n += ")), want);
}

TEST(Highlight, NothingOutsideAVariable) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  EXPECT_TRUE(at(a, kCode, offsetOf(kCode, "int f")).empty());
  EXPECT_TRUE(at(a, kCode, offsetOf(kCode, "return")).empty() == false);  // `return n`: about `n`
}

TEST(Highlight, AMoveWhileBorrowedAndAReleaseAreConflicts) {
  const std::string code = R"(#include <memory>
#include <string>
#include <string_view>
#include <utility>
void use(std::string_view);
void f() {
  std::string s = "abc";
  std::string_view sv = s;
  std::string t = std::move(s);
  use(sv);
}
int g() {
  auto p = std::make_unique<int>(1);
  int* raw = p.get();
  p.reset();
  return *raw;
}
)";
  auto a = analyse(code);
  ASSERT_TRUE(a.parsed.ast);
  std::vector<std::string> s = at(a, code, offsetOf(code, "sv = s"));
  EXPECT_EQ(s, (std::vector<std::string>{"Text 8:20 `sv`", "Write 8:25 `s`", "Write 9:19 `std::move(s)`", "Read 10:7 `sv`"}));
  std::vector<std::string> p = at(a, code, offsetOf(code, "raw;"));
  EXPECT_EQ(p, (std::vector<std::string>{"Text 14:8 `raw`", "Write 14:14 `p.get()`", "Write 15:3 `p.reset()`",
                                         "Read 16:11 `raw`"}));
}

}  // namespace

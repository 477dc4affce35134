// Tests of the inlay hints: where borrows end (per path, loops), moves, releases, and
// the cases that must stay silent.
#include <gtest/gtest.h>

#include "analysis/InlayHints.h"
#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

// "line:column label" for every hint of the whole file, in order.
std::vector<std::string> hints(const std::string& code) {
  Analysed a = analyse(code);
  EXPECT_TRUE(a.parsed.ast);
  if (!a.parsed.ast) return {};
  std::vector<std::string> out;
  for (const InlayHint& h : inlayHints(a.parsed.ast->getASTContext(), a.result, 0, static_cast<unsigned>(code.size())))
    out.push_back(std::to_string(h.position.line) + ":" + std::to_string(h.position.column) + " " + h.label);
  return out;
}

using V = std::vector<std::string>;

TEST(InlayHints, BorrowEndsAfterItsLastUse) {
  EXPECT_EQ(hints(R"(#include <vector>
int f() {
  std::vector<int> v{1, 2};
  const int& r = v[0];
  int x = r + 1;
  v.push_back(x);
  return x;
}
)"),
            V({"5:12 r's borrow of v ends"}));
}

TEST(InlayHints, BorrowEndsInDifferentPlacesOnTwoBranches) {
  // On the then-path the borrow ends at line 7; on the else-path at the second use
  // (line 10), not at the first one (line 9), which is followed by another use.
  EXPECT_EQ(hints(R"(#include <vector>
int f(bool c) {
  std::vector<int> v{1, 2};
  const int& r = v[0];
  int s = 0;
  if (c) {
    s += r;
  } else {
    s += r * 2;
    s += r;
  }
  v.push_back(s);
  return s;
}
)"),
            V({"7:11 r's borrow of v ends", "10:11 r's borrow of v ends"}));
}

TEST(InlayHints, BorrowUsedInALoopEndsAtItsUseInTheBody) {
  // Live across the back edge, but the loop exit is a path on which that use is the last.
  EXPECT_EQ(hints(R"(#include <vector>
int f(int n) {
  std::vector<int> v{1, 2};
  const int& r = v[0];
  int s = 0;
  for (int i = 0; i < n; ++i) {
    s += r;
  }
  v.push_back(s);
  return s;
}
)"),
            V({"7:11 r's borrow of v ends"}));
}

TEST(InlayHints, IteratorLoopEndsAtTheConditionAndAtErase) {
  EXPECT_EQ(hints(R"(#include <vector>
void f(std::vector<int> v) {
  for (auto it = v.begin(); it != v.end();) {
    if (*it < 0)
      it = v.erase(it);
    else
      ++it;
  }
}
)"),
            V({"3:31 it's borrow of v ends", "5:22 it's borrow of v ends"}));
}

TEST(InlayHints, SeveralSourcesAndHandingOn) {
  // `a` hands its loan on to `b` (no hint for `a`); `v` borrows two strings.
  EXPECT_EQ(hints(R"(#include <string>
#include <string_view>
int f(bool c) {
  std::string s = "abc", t = "def";
  std::string_view a = s;
  std::string_view b = a.substr(1);
  std::string_view v = c ? std::string_view(s) : std::string_view(t);
  return b.size() + v.size();
}
)"),
            V({"8:11 b's borrow of s ends", "8:22 v's borrow of s, t ends"}));
}

TEST(InlayHints, Moves) {
  EXPECT_EQ(hints(R"(#include <memory>
#include <string>
#include <utility>
void sink(std::unique_ptr<int>);
void take(std::string);
void adopt([[owner]] int* p);
std::unique_ptr<int> f() {
  auto p = std::make_unique<int>(1);
  sink(std::move(p));
  std::string name = "x";
  take(std::move(name));
  [[owner]] int* raw = new int(2);
  adopt(raw);
  auto q = std::make_unique<int>(3);
  struct U { std::string label; int id; } u{"a", 1};
  take(std::move(u.label));
  return q;
}
)"),
            V({"9:20 p moved", "11:23 name moved", "13:12 raw moved", "16:26 u.label moved"}));
}

TEST(InlayHints, Releases) {
  EXPECT_EQ(hints(R"(#include <cstdlib>
#include <memory>
void f(bool c) {
  int* p = new int(1);
  delete p;
  [[owner]] void* b = std::malloc(8);
  std::free(b);
  auto u = std::make_unique<int>(2);
  u.reset();
  u.reset(new int(3));
  int* n = nullptr;
  delete n;
  [[owner]] int* d = new int(4);
  if (c) delete d;
  else delete d;
}
)"),
            V({"5:11 p released", "7:15 b released", "9:12 u released", "14:18 d released", "15:16 d released"}));
}

TEST(InlayHints, SecondReleaseGetsNoHint) {
  EXPECT_EQ(hints(R"(void f() {
  [[owner]] int* p = new int(1);
  delete p;
  delete p;
}
)"),
            V({"3:11 p released"}));
}

TEST(InlayHints, SilentForParametersEscapesReturnsAndUnusedBorrows) {
  EXPECT_EQ(hints(R"(#include <string>
#include <string_view>
#include <vector>
std::string_view g_view;
const std::string& same(const std::string& s) {
  const std::string& t = s;
  return t;
}
std::size_t size_of(const std::string& s) {
  const std::string& t = s;
  return t.size();
}
void keep(const std::string& s) {
  std::string_view v = s;
  g_view = v;
}
int unused() {
  std::vector<int> v{1};
  const int& r = v[0];
  v.push_back(2);
  return 0;
}
const int& first(const std::vector<int>& v) {
  const int& r = v[0];
  return r;
}
)"),
            V{});
}

TEST(InlayHints, OnlyTheRequestedRange) {
  const std::string code = R"(#include <memory>
#include <utility>
void sink(std::unique_ptr<int>);
void a() {
  auto p = std::make_unique<int>(1);
  sink(std::move(p));
}
void b() {
  auto q = std::make_unique<int>(1);
  sink(std::move(q));
}
)";
  Analysed an = analyse(code);
  ASSERT_TRUE(an.parsed.ast);
  unsigned begin = static_cast<unsigned>(code.find("void b"));
  auto hs = inlayHints(an.parsed.ast->getASTContext(), an.result, begin, static_cast<unsigned>(code.size()));
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].label, "q moved");
  EXPECT_EQ(hs[0].kind, InlayHint::Kind::Moved);
  EXPECT_EQ(hs[0].position.line, 10u);
  EXPECT_EQ(hs[0].position.column, 20u);
  EXPECT_EQ(hs[0].position.offset, static_cast<unsigned>(code.find("std::move(q)") + 12));
}

TEST(InlayHints, SortedWithoutDuplicates) {
  // A range-for element's borrow ends at its last use in each iteration; the hints
  // come out in offset order.
  auto hs = hints(R"(#include <vector>
int f(std::vector<int> v) {
  int s = 0;
  for (const int& e : v) {
    s += e;
    if (s > 10) break;
    s -= e;
  }
  return s;
}
)");
  EXPECT_EQ(hs, V({"5:11 e's borrow of v ends", "7:11 e's borrow of v ends"}));
}

}  // namespace

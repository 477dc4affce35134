// Tests of the hover text: owner states at different points and live borrows.
#include <gtest/gtest.h>

#include "analysis/Hover.h"
#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

// The byte offset of the n-th occurrence (0-based) of `needle` in `code`.
unsigned offsetOf(const std::string& code, const std::string& needle, int n = 0) {
  size_t at = code.find(needle);
  while (n-- > 0 && at != std::string::npos) at = code.find(needle, at + 1);
  return static_cast<unsigned>(at);
}

std::string hover(const Analysed& a, unsigned off) {
  auto h = hoverAt(a.parsed.ast->getASTContext(), a.result, off);
  return h ? h->markdown : "";
}

const std::string kCode = R"(#include <memory>
#include <utility>
#include <vector>
void sink(std::unique_ptr<int>);
int f(bool c) {
  auto p = std::make_unique<int>(1);
  int a = *p;
  if (c) sink(std::move(p));
  int b = p ? 1 : 0;
  std::vector<int> v{1, 2};
  const int& r = v[0];
  int x = v.size() + r;
  return a + b + x;
}
)";

TEST(Hover, OwnerStateChangesAlongTheFunction) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string before = hover(a, offsetOf(kCode, "*p") + 1);
  EXPECT_NE(before.find("owner (`"), std::string::npos) << before;
  EXPECT_NE(before.find("state here: **owned**"), std::string::npos) << before;
  std::string after = hover(a, offsetOf(kCode, "p ? 1"));
  EXPECT_NE(after.find("maybe moved (line 8)"), std::string::npos) << after;
}

TEST(Hover, ContainerShowsItsLiveBorrowAndTheBorrowShowsItsSource) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string v = hover(a, offsetOf(kCode, "v.size"));
  EXPECT_NE(v.find("borrowed shared by `r` (lines 11-12)"), std::string::npos) << v;
  std::string r = hover(a, offsetOf(kCode, "+ r") + 2);
  EXPECT_NE(r.find("borrows the elements of `v`"), std::string::npos) << r;
}

TEST(Hover, NothingForUntrackedNames) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  EXPECT_EQ(hover(a, offsetOf(kCode, "int f")), "");
}

}  // namespace

// Spec 2d: a template's body is analysed at its instantiations, so hover inside it shows states.
TEST(Hover, InsideATemplateBody) {
  const std::string code = R"(#include <memory>
#include <utility>
template <class T>
void hand_over(std::unique_ptr<T> p, void (*sink)(std::unique_ptr<T>)) {
  sink(std::move(p));
  bool gone = p == nullptr;
  (void)gone;
}
void take(std::unique_ptr<int>);
void run() { hand_over<int>(std::make_unique<int>(1), take); }
)";
  auto a = analyse(code);
  ASSERT_TRUE(a.parsed.ast);
  std::string h = hover(a, offsetOf(code, "p == nullptr"));
  EXPECT_NE(h.find("moved (line 5)"), std::string::npos) << h;
}

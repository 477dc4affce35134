// Tests of the notes that say how a borrow travelled through other variables.
#include <gtest/gtest.h>

#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

// "line: message" of every note of the diagnostics of `code`.
std::vector<std::string> notesOf(const Analysed& a, Code code) {
  std::vector<std::string> out;
  for (const Diag& d : a.result.diags)
    if (d.code == code)
      for (const Note& n : d.notes) out.push_back(std::to_string(n.range.begin.line) + ": " + n.message);
  return out;
}

TEST(BorrowPaths, ABorrowThroughAnIteratorIsNamed) {
  auto a = analyse(R"(#include <vector>
int f() {
  std::vector<int> v{1, 2};
  auto it = v.begin();
  const int& r = *it;
  v.push_back(3);
  return r;
}
)");
  ASSERT_TRUE(a.parsed.ast);
  EXPECT_EQ(notesOf(a, Code::MutateWhileBorrowed),
            (std::vector<std::string>{"4: borrow of `v` occurs here", "5: `r` borrows `v` through `it`",
                                      "7: borrow later used here"}));
}

TEST(BorrowPaths, SeveralHopsAreListedInTheOrderTheBorrowTook) {
  auto a = analyse(R"(#include <string>
#include <string_view>
std::size_t f() {
  std::string_view a;
  {
    std::string s = "abc";
    std::string_view b = s;
    std::string_view c = b;
    a = c;
  }
  return a.size();
}
)");
  ASSERT_TRUE(a.parsed.ast);
  std::vector<std::string> notes = notesOf(a, Code::Dangling);
  EXPECT_NE(std::find(notes.begin(), notes.end(), "9: `a` borrows `s` through `b`, then `c`"), notes.end())
      << ::testing::PrintToString(notes);
}

TEST(BorrowPaths, ADirectBorrowGetsNoPathNote) {
  auto a = analyse(R"(#include <vector>
int f() {
  std::vector<int> v{1, 2};
  const int& r = v[0];
  v.push_back(3);
  return r;
}
)");
  ASSERT_TRUE(a.parsed.ast);
  for (const std::string& n : notesOf(a, Code::MutateWhileBorrowed)) EXPECT_EQ(n.find("through"), std::string::npos) << n;
}

}  // namespace

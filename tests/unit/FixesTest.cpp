// Tests of the quick-fixes that change types (return by value, copy before a mutation,
// std::unique_ptr for a leak): the exact edited code, the cases where no fix may be
// offered because the result would not compile, and at most one preferred fix.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

// The code after applying `f` (edits are byte ranges of the original text).
std::string applyFix(const std::string& code, const Fix& f) {
  std::vector<TextEdit> edits = f.edits;
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.range.begin.offset > b.range.begin.offset; });
  std::string out = code;
  for (const TextEdit& e : edits)
    out.replace(e.range.begin.offset, e.range.end.offset - e.range.begin.offset, e.newText);
  return out;
}

// The fixes of the one diagnostic with `code`.
std::vector<Fix> fixesOf(const Analysed& a, Code code) {
  std::vector<Fix> out;
  int n = 0;
  for (const Diag& d : a.result.diags)
    if (d.code == code) {
      ++n;
      out = d.fixes;
    }
  EXPECT_EQ(n, 1) << testing::PrintToString(summary(a));
  return out;
}

TEST(Fixes, ReturnLocalBorrowReturnsByValueOnEveryDeclaration) {
  const std::string code = R"(#include <string>
struct Labels {
  const std::string& label(int id) const;
};
const std::string& Labels::label(int id) const {
  std::string s = "item-" + std::to_string(id);
  return s;
}
std::size_t width(const Labels& l) { return l.label(1).size(); }
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::ReturnLocalBorrow);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_TRUE(fixes[0].preferred);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("  std::string label(int id) const;"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("std::string Labels::label(int id) const {"), std::string::npos) << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
}

TEST(Fixes, ReturnLocalBorrowOfAPointerDropsTheAddressOf) {
  const std::string code = R"(struct P { int x; };
const P* make(int x) {
  P p{x};
  return &p;
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::ReturnLocalBorrow);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(applyFix(code, fixes[0]), R"(struct P { int x; };
P make(int x) {
  P p{x};
  return p;
}
)");
}

TEST(Fixes, ReturnLocalBorrowOfAViewWrapsViewsInAString) {
  const std::string code = R"(#include <string>
#include <string_view>
std::string_view trim(std::string line, bool keep) {
  if (keep) return "kept";
  return std::string_view(line).substr(1);
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::ReturnLocalBorrow);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(applyFix(code, fixes[0]), R"(#include <string>
#include <string_view>
std::string trim(std::string line, bool keep) {
  if (keep) return "kept";
  return std::string(std::string_view(line).substr(1));
}
)");
}

TEST(Fixes, ReturnLocalBorrowNotOfferedWhenACallerNeedsTheReference) {
  for (const char* caller : {"auto& r = get(); (void)r;", "get() = 2;", "const int* p = &get(); (void)p;"}) {
    std::string code = std::string(R"(int& get() {
  int i = 1;
  return i;
}
void use() { )") + caller + " }\n";
    auto a = analyse(code);
    EXPECT_TRUE(fixesOf(a, Code::ReturnLocalBorrow).empty()) << caller;
  }
  // A view kept by the caller would dangle once the function returns a string.
  auto v = analyse(R"(#include <string>
#include <string_view>
std::string_view name() {
  std::string s = "x";
  return s;
}
std::size_t use() {
  std::string_view n = name();
  return n.size();
}
)");
  EXPECT_TRUE(fixesOf(v, Code::ReturnLocalBorrow).empty());
}

TEST(Fixes, MutateWhileBorrowedCopiesTheElement) {
  const std::string code = R"(#include <vector>
int f(std::vector<int> v) {
  const int &first = v[0];
  v.push_back(1);
  return first;
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::MutateWhileBorrowed);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_TRUE(fixes[0].preferred);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("  int first = v[0];"), std::string::npos) << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
}

TEST(Fixes, MutateWhileBorrowedNotOfferedForWritesIteratorsOrTwoBorrows) {
  for (const char* body : {
           "int& r = v[0]; v.push_back(1); r = 2; return v[0];",              // a write through r
           "auto it = v.begin(); v.push_back(1); return *it;",               // an iterator
           "const int& a = v[0]; const int& b = v[1]; v.push_back(1); return a + b;",  // two borrows
       }) {
    std::string code = std::string("#include <vector>\nint f(std::vector<int> v) { ") + body + " }\n";
    auto a = analyse(code);
    EXPECT_TRUE(fixesOf(a, Code::MutateWhileBorrowed).empty()) << body;
  }
}

TEST(Fixes, LeakOffersUniquePtrAsANonPreferredAlternative) {
  const std::string code = R"(#include <memory>
struct S { int id; };
int f(bool stop) {
  [[owner]] S* s = new S{1};
  if (!s) return 0;
  int id = s->id;
  if (stop) {
    delete s;
    return id;
  }
  int total = id + (*s).id;
  return total;
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::Leak);
  ASSERT_EQ(fixes.size(), 2u);
  EXPECT_TRUE(fixes[0].preferred);
  EXPECT_FALSE(fixes[1].preferred);
  EXPECT_EQ(fixes[1].title, "wrap `s` in a std::unique_ptr");
  std::string fixed = applyFix(code, fixes[1]);
  EXPECT_NE(fixed.find("  std::unique_ptr<S> s(new S{1});"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("    s.reset();"), std::string::npos) << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
}

TEST(Fixes, LeakUniquePtrNotOfferedWhenTheRawPointerIsPassedOn) {
  auto a = analyse(R"(#include <memory>
void log_ptr(const int* p);
void f() {
  [[owner]] int* p = new int(1);
  log_ptr(p);
}
)");
  for (const Fix& f : fixesOf(a, Code::Leak)) EXPECT_EQ(f.title.find("unique_ptr"), std::string::npos) << f.title;
}

TEST(Fixes, AtMostOnePreferredFixPerDiagnosticOnTheCorpus) {
  // The codes with alternatives (leak, double-release) and the files mixing codes.
  for (const auto& entry : std::filesystem::directory_iterator(OWNERSHIP_SOURCE_DIR "/tests/corpus")) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cpp" ||
        !(name.starts_with("leak__") || name.starts_with("double-release__") || name.starts_with("mixed__")))
      continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto a = analyse(ss.str());
    for (const Diag& d : a.result.diags) {
      int preferred = 0;
      for (const Fix& f : d.fixes) preferred += f.preferred;
      EXPECT_LE(preferred, 1) << entry.path() << ":" << d.range.begin.line;
    }
  }
}

}  // namespace

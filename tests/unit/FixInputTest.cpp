// The typed fix inputs (Diag::input) of every code that has quick-fixes: the rule
// variant, the subject and the sites its fixes read are filled by the rule that reports
// it, so no fix needs the message, the notes or the severity.
#include <gtest/gtest.h>

#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

// The one diagnostic with `code` on `line`.
const Diag& diagAt(const Analysed& a, Code code, unsigned line) {
  const Diag* found = nullptr;
  for (const Diag& d : a.result.diags)
    if (d.code == code && d.range.begin.line == line) found = &d;
  static const Diag none;
  EXPECT_NE(found, nullptr) << testing::PrintToString(summary(a));
  return found ? *found : none;
}

unsigned lineOf(const std::optional<Range>& r) { return r ? r->begin.line : 0; }

TEST(FixInput, UseAfterMoveHasSubjectMoveSiteAndCopyability) {
  auto a = analyse(R"(#include <string>
#include <memory>
void f() {
  std::string s = "a";
  std::string t = std::move(s);
  s.append("x");
  auto p = std::make_unique<int>(1);
  auto q = std::move(p);
  *p = 1;
}
)");
  const Diag& str = diagAt(a, Code::UseAfterMove, 6);
  EXPECT_TRUE(str.input.is(rule::UseAfterMove::Moved));
  EXPECT_EQ(str.input.subject, "s");
  EXPECT_EQ(lineOf(str.input.moveSite), 5u);
  EXPECT_TRUE(str.input.copyable);
  EXPECT_FALSE(str.fixes.empty());
  const Diag& ptr = diagAt(a, Code::UseAfterMove, 9);
  EXPECT_EQ(ptr.input.subject, "p");
  EXPECT_FALSE(ptr.input.copyable);  // a unique_ptr cannot be copied: no copy fix
  // The value moved into a local still alive at the use: use the new owner (spec §4).
  ASSERT_EQ(ptr.fixes.size(), 1u);
  EXPECT_EQ(ptr.fixes[0].title, "use the new owner `q` instead");
  ASSERT_EQ(ptr.fixes[0].edits.size(), 1u);
  EXPECT_EQ(ptr.fixes[0].edits[0].newText, "q");
  EXPECT_EQ(ptr.fixes[0].edits[0].range.begin.line, 9u);
}

TEST(FixInput, UseAfterReleaseHasReleaseSite) {
  auto a = analyse(R"(struct Account { long balance = 0; };
void close(long refund) {
  [[owner]] Account* acct = new Account{};
  long* bal = &acct->balance;
  *bal += refund;
  delete acct;
  *bal = 0;
}
)");
  const Diag& d = diagAt(a, Code::UseAfterRelease, 7);
  EXPECT_TRUE(d.input.is(rule::UseAfterRelease::BorrowOfReleased));
  EXPECT_EQ(d.input.subject, "bal");
  EXPECT_EQ(lineOf(d.input.releaseSite), 6u);
  EXPECT_EQ(lineOf(d.input.borrowSite), 4u);
  EXPECT_FALSE(d.fixes.empty());
}

TEST(FixInput, DoubleReleaseHasFirstReleaseSite) {
  auto a = analyse(R"(void f(bool c) {
  [[owner]] int* p = new int(1);
  delete p;
  delete p;
}
)");
  const Diag& d = diagAt(a, Code::DoubleRelease, 4);
  EXPECT_TRUE(d.input.is(rule::DoubleRelease::ReleasedTwice));
  EXPECT_EQ(d.input.subject, "p");
  EXPECT_EQ(lineOf(d.input.releaseSite), 3u);
  EXPECT_EQ(d.fixes.size(), 2u);  // remove the second release; null after the first
}

TEST(FixInput, LeakVariantsHaveSubjectDeclarationAndExits) {
  auto a = analyse(R"(struct Holder { [[owner]] int* p; };
[[owner]] int* make();
int f(bool c) {
  int* p = new int(3);
  if (c) return 0;
  make();
  int* q = new int(1);
  q = new int(2);
  delete q;
  return *p;
}
)");
  const Diag& scope = diagAt(a, Code::Leak, 4);
  EXPECT_TRUE(scope.input.is(rule::Leak::AtScopeEnd));
  EXPECT_EQ(scope.input.subject, "p");
  EXPECT_EQ(lineOf(scope.input.subjectDecl), 4u);
  ASSERT_EQ(scope.input.leakExits.size(), 2u);
  EXPECT_EQ(scope.input.leakExits[0].begin.line, 5u);
  EXPECT_EQ(scope.input.leakExits[1].begin.line, 10u);
  const Diag& overwrite = diagAt(a, Code::Leak, 8);
  EXPECT_TRUE(overwrite.input.is(rule::Leak::AtOverwrite));
  EXPECT_EQ(overwrite.input.subject, "q");
  EXPECT_EQ(lineOf(overwrite.input.subjectDecl), 7u);
  EXPECT_TRUE(diagAt(a, Code::Leak, 6).input.is(rule::Leak::DiscardedResult));
  EXPECT_TRUE(diagAt(a, Code::Leak, 1).input.is(rule::Leak::OwnerMemberWithoutDestructor));
}

TEST(FixInput, LeakOnThrowHasSubjectDeclaration) {
  auto a = analyse(R"(void f(bool c) {
  int* p = new int(3);
  if (c) throw 1;
  delete p;
}
)");
  const Diag& d = diagAt(a, Code::Leak, 2);
  EXPECT_TRUE(d.input.is(rule::Leak::OnThrow));
  EXPECT_EQ(d.input.subject, "p");
  EXPECT_EQ(lineOf(d.input.subjectDecl), 2u);
}

TEST(FixInput, DanglingHasRuleAndBorrowSite) {
  auto a = analyse(R"(#include <string>
#include <string_view>
std::size_t f() {
  std::string_view v = std::string("abc");
  return v.size();
}
)");
  const Diag& d = diagAt(a, Code::Dangling, 4);
  EXPECT_TRUE(d.input.is(rule::Dangling::TemporaryDropped));
  EXPECT_EQ(lineOf(d.input.borrowSite), 4u);
  EXPECT_FALSE(d.fixes.empty());
}

TEST(FixInput, ReturnLocalBorrowHasRuleSubjectAndBorrowSite) {
  auto a = analyse(R"(#include <string>
const std::string& label(int id) {
  std::string s = "item";
  return s;
}
struct Point { int x; };
const Point* at(Point p) { return &p; }
)");
  const Diag& local = diagAt(a, Code::ReturnLocalBorrow, 4);
  EXPECT_TRUE(local.input.is(rule::ReturnLocalBorrow::Local));
  EXPECT_EQ(local.input.subject, "s");
  EXPECT_EQ(lineOf(local.input.borrowSite), 4u);
  EXPECT_FALSE(local.fixes.empty());
  const Diag& param = diagAt(a, Code::ReturnLocalBorrow, 7);
  EXPECT_TRUE(param.input.is(rule::ReturnLocalBorrow::ByValueParam));
  EXPECT_EQ(param.input.subject, "p");
}

TEST(FixInput, MutateWhileBorrowedHasSubjectAndBorrowSite) {
  auto a = analyse(R"(#include <vector>
void use(int);
void f() {
  std::vector<int> v{1};
  const auto& first = v.front();
  v.clear();
  use(first);
}
)");
  const Diag& d = diagAt(a, Code::MutateWhileBorrowed, 6);
  EXPECT_TRUE(d.input.is(rule::MutateWhileBorrowed::Mutated));
  EXPECT_EQ(d.input.subject, "v");
  EXPECT_EQ(lineOf(d.input.borrowSite), 5u);
  EXPECT_FALSE(d.fixes.empty());
}

TEST(FixInput, MissingLifetimeHintHasCandidates) {
  auto a = analyse(R"(#include <string>
const std::string& longer(const std::string& a, const std::string& b);
)");
  const Diag& d = diagAt(a, Code::MissingLifetime, 2);
  EXPECT_TRUE(d.input.is(rule::MissingLifetime::AmbiguousElision));
  EXPECT_EQ(d.input.subject, "longer");
  EXPECT_EQ(d.input.candidates, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].edits[0].newText, "[[borrow(\"a\", \"b\")]] ");
}

// A contract that misses a source: the fix names the contract's sources plus the missing
// one, in place of the [[borrow(...)]] written there (spec §4).
TEST(FixInput, MissingLifetimeOfAContractNamesItsSourcesAndTheMissingOne) {
  auto a = analyse(R"([[borrow("a")]] const int& pick(const int& a, const int& b) { return b; }
)");
  const Diag& d = diagAt(a, Code::MissingLifetime, 1);
  EXPECT_TRUE(d.input.is(rule::MissingLifetime::ContractMissesSource));
  EXPECT_EQ(d.input.subject, "b");
  EXPECT_EQ(d.input.candidates, std::vector<std::string>({"a", "b"}));
  ASSERT_TRUE(d.input.annotationSite);
  EXPECT_EQ(lineOf(d.input.annotationSite), 1u);
  ASSERT_FALSE(d.fixes.empty());
  ASSERT_EQ(d.fixes[0].edits.size(), 1u);
  EXPECT_EQ(d.fixes[0].edits[0].newText, "borrow(\"a\", \"b\")");
}

// In a file that writes [[clang::lifetimebound]], the sites follow that spelling: after the
// missing parameter's name, and after the qualifiers for the object (spec 2c).
TEST(FixInput, MissingLifetimeInLifetimeboundSpelling) {
  auto a = analyse(R"(struct S {
  const int& get(const int& a [[clang::lifetimebound]]) const;
  int v;
};
const int& S::get(const int& a) const { return a > 0 ? a : v; }
)");
  const Diag& d = diagAt(a, Code::MissingLifetime, 2);
  EXPECT_EQ(d.input.subject, "this");
  EXPECT_FALSE(d.input.annotationSite);
  ASSERT_EQ(d.input.lifetimeboundSites.size(), 1u);
  ASSERT_FALSE(d.fixes.empty());
  ASSERT_EQ(d.fixes[0].edits.size(), 1u);
  EXPECT_EQ(d.fixes[0].edits[0].newText, " [[clang::lifetimebound]]");
  EXPECT_EQ(d.fixes[0].edits[0].range.begin.column, 62u);
}

TEST(FixInput, InvalidAnnotationHasAttributeRange) {
  auto a = analyse(R"(int f() {
  [[owner]] int count = 0;
  return count;
}
)");
  const Diag& d = diagAt(a, Code::InvalidAnnotation, 2);
  EXPECT_TRUE(d.input.is(rule::InvalidAnnotation::Misplaced));
  EXPECT_EQ(lineOf(d.input.subjectDecl), 2u);
  EXPECT_FALSE(d.fixes.empty());
}

}  // namespace

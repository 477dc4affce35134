// Tests of the annotation module: spellings parse quietly, arguments are kept, and
// the built-in knowledge of std types answers as the spec says.
#include <gtest/gtest.h>

#include <clang/AST/RecursiveASTVisitor.h>

#include "analysis/model/OwnershipModel.h"
#include "tests/unit/TestUtil.h"

using namespace ownership;
using namespace ownership::test;

namespace {

const clang::NamedDecl* findDecl(clang::ASTContext& ctx, const std::string& name) {
  struct Finder : clang::RecursiveASTVisitor<Finder> {
    std::string name;
    const clang::NamedDecl* found = nullptr;
    bool VisitNamedDecl(clang::NamedDecl* D) {
      if (!found && D->getNameAsString() == name) found = D;
      return true;
    }
  } f;
  f.name = name;
  f.TraverseDecl(ctx.getTranslationUnitDecl());
  return f.found;
}

TEST(Annotations, AllSpellingsParseWithoutErrors) {
  auto a = analyse(R"(
    #include <string>
    #include <string_view>
    [[owner]] int* make();
    [[ownership::owner]] int* make2();
    [[borrow(s)]] std::string_view f(const std::string& s, int n);
    [[ownership::borrow("a", "b")]] const int& g(const int& a, const int& b);
    void take([[owner]] int* p);
    struct [[owner]] Buf { [[owner]] char* data; [[borrow]] const int* view; ~Buf() { delete[] data; } };
    class [[borrow]] View {};
    int use() { [[owner]] int* p = make(); [[borrow]] const int* q = p; int r = *q; delete p; return r; }
  )");
  ASSERT_TRUE(a.parsed.ast);
  EXPECT_TRUE(a.parsed.errors.empty()) << a.parsed.errors.front();
  EXPECT_TRUE(summary(a).empty()) << testing::PrintToString(summary(a));
}

TEST(Annotations, ArgumentsAreKeptAsNames) {
  auto a = analyse(R"(
    [[borrow(first)]] const int& pick(const int& first, const int& second);
    [[borrow("x", "y")]] const int& both(const int& x, const int& y);
  )");
  ASSERT_TRUE(a.parsed.ast);
  auto& ctx = a.parsed.ast->getASTContext();
  bool found = false;
  EXPECT_EQ(model::borrowArgs(findDecl(ctx, "pick"), &found), std::vector<std::string>({"first"}));
  EXPECT_TRUE(found);
  EXPECT_EQ(model::borrowArgs(findDecl(ctx, "both"), &found), std::vector<std::string>({"x", "y"}));
}

// Spec 2c: Clang's own annotations, read through the model.
TEST(Annotations, ClangLifetimeAnnotationsAreRead) {
  auto a = analyse(R"(
    #include <string>
    #include <string_view>
    #include <vector>
    const std::string& lb_pick(const std::string& a [[clang::lifetimebound]], const std::string& b);
    struct Set {
      const std::string& lb_first() const [[clang::lifetimebound]];
      void cap_insert(std::string_view k [[clang::lifetime_capture_by(this)]], int n);
      Set(std::string_view k [[clang::lifetime_capture_by(this)]]);
    };
    void cap_add_to(int n, std::string_view s [[clang::lifetime_capture_by(out, global)]], std::vector<std::string_view>& out);
    void cap_keep(std::string_view s [[clang::lifetime_capture_by(unknown)]]);
    void ne_visit(const int* p [[clang::noescape]], const int* q);
  )");
  ASSERT_TRUE(a.parsed.ast);
  EXPECT_TRUE(a.parsed.errors.empty()) << a.parsed.errors.front();
  auto& ctx = a.parsed.ast->getASTContext();
  bool found = false;
  EXPECT_EQ(model::borrowArgs(findDecl(ctx, "lb_pick"), &found), std::vector<std::string>({"a"}));
  EXPECT_TRUE(found);
  EXPECT_EQ(model::borrowArgs(findDecl(ctx, "lb_first"), &found), std::vector<std::string>({"this"}));

  const auto* insert = llvm::dyn_cast<clang::FunctionDecl>(findDecl(ctx, "cap_insert"));
  ASSERT_TRUE(insert);
  auto t = model::captureTargets(insert->getParamDecl(0));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, model::CaptureTarget::This);
  EXPECT_TRUE(model::capturesIntoThis(insert, 0));
  EXPECT_FALSE(model::capturesIntoThis(insert, 1));

  const auto* addTo = llvm::dyn_cast<clang::FunctionDecl>(findDecl(ctx, "cap_add_to"));
  ASSERT_TRUE(addTo);
  t = model::captureTargets(addTo->getParamDecl(1));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, model::CaptureTarget::Param);
  EXPECT_EQ(t[0].param, 2u);
  EXPECT_EQ(t[1].kind, model::CaptureTarget::Global);
  EXPECT_TRUE(model::captureTargets(addTo->getParamDecl(0)).empty());

  const auto* keep = llvm::dyn_cast<clang::FunctionDecl>(findDecl(ctx, "cap_keep"));
  ASSERT_TRUE(keep);
  t = model::captureTargets(keep->getParamDecl(0));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, model::CaptureTarget::Unknown);

  const auto* visit = llvm::dyn_cast<clang::FunctionDecl>(findDecl(ctx, "ne_visit"));
  ASSERT_TRUE(visit);
  EXPECT_TRUE(model::isNoEscape(visit->getParamDecl(0)));
  EXPECT_FALSE(model::isNoEscape(visit->getParamDecl(1)));
}

TEST(Annotations, OwnerAndBorrowAreDistinguished) {
  auto a = analyse("[[owner]] int* p = nullptr; [[borrow]] int* q = nullptr; int* r = nullptr;");
  ASSERT_TRUE(a.parsed.ast);
  auto& ctx = a.parsed.ast->getASTContext();
  EXPECT_TRUE(model::hasOwner(findDecl(ctx, "p")));
  EXPECT_FALSE(model::hasBorrow(findDecl(ctx, "p")));
  EXPECT_TRUE(model::hasBorrow(findDecl(ctx, "q")));
  EXPECT_FALSE(model::hasOwner(findDecl(ctx, "r")));
}

TEST(StdModel, FamiliesOfStandardTypes) {
  auto a = analyse(R"(
    #include <map>
    #include <memory>
    #include <span>
    #include <string>
    #include <string_view>
    #include <unordered_map>
    #include <vector>
    std::unique_ptr<int> up; std::shared_ptr<int> sp; std::vector<int> v; std::string s;
    std::map<int, int> m; std::unordered_map<int, int> um; std::string_view sv; std::span<const int> sn;
    std::vector<int>::iterator it; std::vector<std::string_view> views;
  )");
  ASSERT_TRUE(a.parsed.ast);
  auto& ctx = a.parsed.ast->getASTContext();
  auto fam = [&](const char* n) { return model::familyOf(llvm::cast<clang::ValueDecl>(findDecl(ctx, n))->getType()); };
  auto type = [&](const char* n) { return llvm::cast<clang::ValueDecl>(findDecl(ctx, n))->getType(); };
  EXPECT_EQ(fam("up"), model::Family::UniquePtr);
  EXPECT_EQ(fam("sp"), model::Family::SharedPtr);
  EXPECT_EQ(fam("v"), model::Family::Contiguous);
  EXPECT_EQ(fam("s"), model::Family::Contiguous);
  EXPECT_EQ(fam("m"), model::Family::NodeContainer);
  EXPECT_EQ(fam("um"), model::Family::Unordered);
  EXPECT_EQ(fam("sv"), model::Family::View);
  EXPECT_EQ(fam("it"), model::Family::Iterator);
  EXPECT_TRUE(model::holdsBorrows(type("views")));
  EXPECT_FALSE(model::holdsBorrows(type("v")));
  EXPECT_TRUE(model::isSharedBorrowType(type("sv")));
  EXPECT_TRUE(model::isSharedBorrowType(type("sn")));
  EXPECT_TRUE(model::moveIsError(type("up")));
  EXPECT_FALSE(model::moveIsError(type("s")));
}

TEST(StdModel, InvalidationRulesFollowTheStandard) {
  auto a = analyse(R"(
    #include <map>
    #include <unordered_map>
    #include <vector>
    void f(std::vector<int>& v, std::map<int, int>& m, std::unordered_map<int, int>& u) {
      v.push_back(1); m.insert({1, 2}); m.erase(1); u.emplace(1, 2); v.reserve(3);
      m.erase(m.begin()); v.erase(v.begin());
    }
  )");
  ASSERT_TRUE(a.parsed.ast);
  auto& ctx = a.parsed.ast->getASTContext();
  struct Calls : clang::RecursiveASTVisitor<Calls> {
    std::vector<std::pair<std::string, model::MemberInfo>> seen;
    bool VisitCXXMemberCallExpr(clang::CXXMemberCallExpr* C) {
      auto& sm = C->getMethodDecl()->getASTContext().getSourceManager();
      if (!sm.isInMainFile(C->getBeginLoc())) return true;
      auto* M = C->getMethodDecl();
      seen.push_back({M->getNameAsString(),
                      model::memberInfo(M, model::familyOf(C->getImplicitObjectArgument()->getType()))});
      return true;
    }
  } calls;
  calls.TraverseDecl(ctx.getTranslationUnitDecl());
  ASSERT_EQ(calls.seen.size(), 9u);  // + two begin() calls
  EXPECT_EQ(calls.seen[0].second.invalidates, model::Invalidation::All);       // vector::push_back
  EXPECT_EQ(calls.seen[1].second.invalidates, model::Invalidation::None);      // map::insert
  EXPECT_EQ(calls.seen[2].second.invalidates, model::Invalidation::All);       // map::erase
  EXPECT_EQ(calls.seen[3].second.invalidates, model::Invalidation::IteratorsOnly);  // unordered emplace
  EXPECT_EQ(calls.seen[4].second.invalidates, model::Invalidation::All);       // vector::reserve
  EXPECT_EQ(calls.seen[5].second.invalidates, model::Invalidation::ErasedElement);  // map::erase(it)
  EXPECT_EQ(calls.seen[7].second.invalidates, model::Invalidation::All);       // vector::erase(it)
}

}  // namespace

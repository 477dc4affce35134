// Tests of hover beyond a variable's state: what the cursor points at (operations, temporaries,
// lambdas), holders of borrows, function contracts, attributes, and types as the user writes them.
#include <gtest/gtest.h>

#include "analysis/Hover.h"
#include "analysis/TypeNames.h"
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

std::string hover(const Analysed& a, unsigned off) {
  auto h = hoverAt(a.parsed.ast->getASTContext(), a.result, off);
  return h ? h->markdown : "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kCode = R"(#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
struct Widget { int n = 0; };
std::vector<std::string_view> registry;
void register_plugin(const std::string& name) {
  registry.push_back(name);
}
struct Holder {
  std::string_view view_;
  [[owner]] int* data_;
  void keep(const std::string& s) { view_ = s; }
  ~Holder() { delete data_; }
};
const int* pick(const int& a, const int& b);
const std::string& first(const std::string& a [[clang::lifetimebound]], const std::string& b);
std::string_view left(std::string_view s) { return s.substr(0, 1); }
[[owner]] int* make();
void sink([[owner]] int* p);
int g(bool c) {
  auto w = std::make_unique<Widget>();
  std::string s = "x";
  auto it = s.begin();
  int* raw = new int(1);
  delete raw;
  const int& m = std::min(1, c ? 2 : 3);
  auto f = [&s] { return s.size(); };
  int* q = make();
  sink(q);
  char* buf = static_cast<char*>(std::malloc(4));
  std::free(buf);
  return w->n + static_cast<int>(*it) + m + static_cast<int>(f());
}
)";

TEST(HoverTargets, GlobalShowsWhatItHoldsAndWhereItWasStored) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  for (unsigned off : {offsetOf(kCode, "registry.push"), offsetOf(kCode, "registry;")}) {
    std::string h = hover(a, off);
    EXPECT_TRUE(has(h, "**`registry`**: global (`std::vector<std::string_view>`)")) << h;
    EXPECT_TRUE(has(h, "holds a borrow of the elements of parameter `name`, stored at line 10 in `register_plugin`")) << h;
  }
}

TEST(HoverTargets, MembersSayWhatTheyAreAndHold) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string view = hover(a, offsetOf(kCode, "view_ = s"));
  EXPECT_TRUE(has(view, "member of `Holder` (`std::string_view`)")) << view;
  EXPECT_TRUE(has(view, "borrow member")) << view;
  EXPECT_TRUE(has(view, "holds a borrow of the elements of parameter `s`, stored at line 15 in `keep`")) << view;
  std::string data = hover(a, offsetOf(kCode, "data_;"));
  EXPECT_TRUE(has(data, "`[[owner]]` member")) << data;
}

TEST(HoverTargets, FunctionNamesShowTheirContract) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string pick = hover(a, offsetOf(kCode, "pick("));
  EXPECT_TRUE(has(pick, "may return a borrow of `a` or `b` (elision is ambiguous")) << pick;
  std::string first = hover(a, offsetOf(kCode, "first("));
  EXPECT_TRUE(has(first, "returns a borrow of `a` (declared: `[[clang::lifetimebound]]`)")) << first;
  std::string left = hover(a, offsetOf(kCode, "left("));
  EXPECT_TRUE(has(left, "returns a borrow of `s` (inferred from its body)")) << left;
  std::string make = hover(a, offsetOf(kCode, "make();", 1));  // the call in g
  EXPECT_TRUE(has(make, "returns an owned value (`[[owner]]`): the caller must release or move it")) << make;
  std::string sink = hover(a, offsetOf(kCode, "sink(q)"));
  EXPECT_TRUE(has(sink, "takes ownership of `p` (`[[owner]]`)")) << sink;
  std::string keep = hover(a, offsetOf(kCode, "keep("));
  EXPECT_TRUE(has(keep, "member function of `Holder`")) << keep;
  EXPECT_TRUE(has(keep, "```cpp\nvoid keep(const std::string & s)\n```")) << keep;
}

TEST(HoverTargets, StdMembersShowTheirEffect) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string push = hover(a, offsetOf(kCode, "push_back"));
  EXPECT_TRUE(has(push, "mutates the object: invalidates references, pointers and iterators into its elements")) << push;
  EXPECT_TRUE(has(push, "void push_back(std::string_view &&)")) << push;  // the library's types, not `value_type`
  std::string begin = hover(a, offsetOf(kCode, "begin()"));
  EXPECT_TRUE(has(begin, "returns a borrow of its elements (an iterator)")) << begin;
  EXPECT_TRUE(has(begin, "std::string::iterator begin()")) << begin;
  EXPECT_FALSE(has(begin, "inferred from its body")) << begin;  // the model's effect says it
}

TEST(HoverTargets, AttributesSayWhatTheyMean) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string member = hover(a, offsetOf(kCode, "[[owner]] int* data_") + 3);
  EXPECT_TRUE(has(member, "**`[[owner]]`** on member `data_` of `Holder`")) << member;
  EXPECT_TRUE(has(member, "the object owns the pointee: its destructor must release it")) << member;
  std::string fn = hover(a, offsetOf(kCode, "[[owner]] int* make") + 1);  // on the `[`
  EXPECT_TRUE(has(fn, "on function `make`")) << fn;
  EXPECT_TRUE(has(fn, "returns a fresh owned object")) << fn;
  std::string lb = hover(a, offsetOf(kCode, "lifetimebound"));
  EXPECT_TRUE(has(lb, "**`[[clang::lifetimebound]]`** on parameter `a` of `first`")) << lb;
  EXPECT_TRUE(has(lb, "the function's result borrows from this argument")) << lb;
}

TEST(HoverTargets, InvalidAnnotationSaysWhy) {
  const std::string code = R"(
const int* get(const int* a [[borrow("zz")]]) { return a; }
void f() {
  [[owner]] int n = 1;
  (void)n;
}
)";
  auto a = analyse(code);
  ASSERT_TRUE(a.parsed.ast);
  std::string h = hover(a, offsetOf(code, "owner]]"));
  EXPECT_TRUE(has(h, "on local variable `n`")) << h;
  EXPECT_TRUE(has(h, "**not valid here**: `[[owner]]` cannot apply to `n`")) << h;
}

TEST(HoverTargets, OperationsAreAboutTheirVariable) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  // `delete raw` on the keyword: the owner before the release.
  std::string del = hover(a, offsetOf(kCode, "delete raw"));
  EXPECT_TRUE(has(del, "**`raw`**: owner of a heap object")) << del;
  EXPECT_TRUE(has(del, "state here: **owned**")) << del;
  // std::free(buf) on `std`: the buffer, not std::free.
  std::string fr = hover(a, offsetOf(kCode, "std::free"));
  EXPECT_TRUE(has(fr, "**`buf`**")) << fr;
  // The whitespace of `s.begin()`'s declaration: the variable declared.
  std::string decl = hover(a, offsetOf(kCode, "= s.begin()") - 1);
  EXPECT_TRUE(has(decl, "**`it`**: borrow")) << decl;
}

TEST(HoverTargets, DeclarationNameShowsTheStateAfterItsInitialiser) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string it = hover(a, offsetOf(kCode, "it = s.begin"));
  EXPECT_TRUE(has(it, "borrows the elements of `s`")) << it;
}

TEST(HoverTargets, TemporariesAndLambdas) {
  auto a = analyse(kCode);
  ASSERT_TRUE(a.parsed.ast);
  std::string tmp = hover(a, offsetOf(kCode, "c ? 2 : 3") + 2);
  EXPECT_TRUE(has(tmp, "**temporary** (`const int`): `c ? 2 : 3`")) << tmp;
  EXPECT_TRUE(has(tmp, "destroyed at the end of the full-expression")) << tmp;
  std::string lam = hover(a, offsetOf(kCode, "[&s]"));
  EXPECT_TRUE(has(lam, "**`f`**")) << lam;  // the variable the closure initialises
  std::string body = hover(a, offsetOf(kCode, "{ return s.size"));
  EXPECT_TRUE(has(body, "captures by reference `s`")) << body;
}

TEST(HoverTargets, AssignmentOperatorIsAboutTheVariableAssigned) {
  const std::string code = R"(#include <memory>
int g7() {
  auto p = std::make_unique<int>(1);
  int* raw = p.get();
  p = nullptr;
  return *raw;
}
)";
  auto a = analyse(code);
  ASSERT_TRUE(a.parsed.ast);
  std::string h = hover(a, offsetOf(code, "nullptr") + 1);
  EXPECT_TRUE(has(h, "**`p`**: owner")) << h;
  EXPECT_TRUE(has(h, "borrowed mutably by `raw`")) << h;
}

TEST(TypeNames, TypesAsTheUserWritesThem) {
  const std::string code = R"(#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
struct Widget {};
void f() {
  auto w = std::make_unique<Widget>();
  std::string s;
  auto t = s + "x";
  std::vector<std::string> v;
  std::map<int, std::string> m;
  auto it = m.begin();
  auto sv = std::string_view(s);
  auto l = [] {};
  auto n = std::to_string(1);
}
)";
  auto a = analyse(code);
  ASSERT_TRUE(a.parsed.ast);
  std::map<std::string, std::string> got;
  for (const FunctionResult& f : a.result.functions)
    for (const VarInfo& v : f.lowered->vars)
      if (v.decl) got[v.name] = userTypeName(v.decl);
  EXPECT_EQ(got["w"], "std::unique_ptr<Widget>");
  EXPECT_EQ(got["s"], "std::string");
  EXPECT_EQ(got["t"], "std::string");
  EXPECT_EQ(got["v"], "std::vector<std::string>");
  EXPECT_EQ(got["m"], "std::map<int, std::string>");
  EXPECT_EQ(got["it"], "std::map<int, std::string>::iterator");
  EXPECT_EQ(got["sv"], "std::string_view");
  EXPECT_EQ(got["l"], "lambda");
  EXPECT_EQ(got["n"], "std::string");  // spelled `string` inside namespace std
}

}  // namespace

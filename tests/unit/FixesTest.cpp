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
  ASSERT_EQ(fixes.size(), 2u);
  EXPECT_TRUE(fixes[0].preferred);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("  int first = v[0];"), std::string::npos) << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
  // The alternative: the borrow is taken after the append (v[0] is still the first element).
  EXPECT_FALSE(fixes[1].preferred);
  std::string later = applyFix(code, fixes[1]);
  EXPECT_NE(later.find("  v.push_back(1);\n  const int &first = v[0];\n"), std::string::npos) << later;
  EXPECT_TRUE(analyse(later).result.diags.empty()) << later;
}

TEST(Fixes, MutateWhileBorrowedWritesAndIteratorsGetNoCopyOfTheHolder) {
  // A write through `r`: a copy would lose it; the borrow is taken after the append instead.
  {
    const std::string code = "#include <vector>\nint f(std::vector<int> v) {\n  int& r = v[0];\n  v.push_back(1);\n"
                             "  r = 2;\n  return v[0];\n}\n";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::MutateWhileBorrowed);
    ASSERT_EQ(fixes.size(), 1u);
    EXPECT_EQ(fixes[0].title, "take the borrow `r` after the mutation");
    std::string fixed = applyFix(code, fixes[0]);
    EXPECT_NE(fixed.find("  v.push_back(1);\n  int& r = v[0];\n  r = 2;"), std::string::npos) << fixed;
    EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
  }
  // An iterator read after the append: its element is copied before it (preferred).
  {
    const std::string code =
        "#include <vector>\nint f(std::vector<int> v) {\n  auto it = v.begin();\n  v.push_back(1);\n  return *it;\n}\n";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::MutateWhileBorrowed);
    ASSERT_FALSE(fixes.empty());
    EXPECT_TRUE(fixes[0].preferred);
    std::string fixed = applyFix(code, fixes[0]);
    EXPECT_NE(fixed.find("  auto it_value = *it;\n  v.push_back(1);\n  return it_value;"), std::string::npos) << fixed;
    EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
  }
  // Two borrows: no single holder to change.
  auto two = analyse("#include <vector>\nint f(std::vector<int> v) { const int& a = v[0]; const int& b = v[1]; "
                     "v.push_back(1); return a + b; }\n");
  EXPECT_TRUE(fixesOf(two, Code::MutateWhileBorrowed).empty());
}

TEST(Fixes, MutateWhileBorrowedEraseInALoopKeepsTheReturnedIterator) {
  const std::string code = R"(#include <list>
void f(std::list<int>& l) {
  for (auto it = l.begin(); it != l.end(); ++it) {
    if (*it < 0) l.erase(it);
  }
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::MutateWhileBorrowed);
  ASSERT_EQ(fixes.size(), 1u);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("for (auto it = l.begin(); it != l.end(); ) {\n"
                       "    if (*it < 0) { it = l.erase(it); continue; }\n"
                       "    ++it;\n  }"),
            std::string::npos)
      << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
}

TEST(Fixes, MutateWhileBorrowedRangeForThatAppendsBecomesAnIndexLoop) {
  const std::string code = R"(#include <string>
#include <vector>
void f(std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (n.empty()) names.push_back("unnamed");
  }
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::MutateWhileBorrowed);
  ASSERT_EQ(fixes.size(), 1u);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("for (std::size_t i = 0, count = names.size(); i < count; ++i) {\n"
                       "    const std::string& n = names[i];\n"),
            std::string::npos)
      << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
  // The loop variable read after the append would dangle in the index loop too: no fix.
  auto after = analyse(R"(#include <string>
#include <vector>
void use(const std::string&);
void f(std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (n.empty()) names.push_back("unnamed");
    use(n);
  }
}
)");
  EXPECT_TRUE(fixesOf(after, Code::MutateWhileBorrowed).empty());
}

TEST(Fixes, DanglingKeepsTheSourceAliveOrCopies) {
  // A local of an inner block: declared before the block (preferred), or the view owns a copy.
  {
    const std::string code = R"(#include <string>
#include <string_view>
std::string build(int id);
std::size_t f(int id) {
  std::string_view path;
  {
    std::string full = build(id);
    path = full;
  }
  return path.size();
}
)";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::Dangling);
    ASSERT_EQ(fixes.size(), 2u);
    EXPECT_TRUE(fixes[0].preferred);
    EXPECT_FALSE(fixes[1].preferred);
    std::string hoisted = applyFix(code, fixes[0]);
    EXPECT_NE(hoisted.find("  std::string_view path;\n  std::string full = build(id);\n  {\n    path = full;"),
              std::string::npos)
        << hoisted;
    EXPECT_TRUE(analyse(hoisted).result.diags.empty()) << hoisted;
    std::string copied = applyFix(code, fixes[1]);
    EXPECT_NE(copied.find("  std::string path;\n"), std::string::npos) << copied;
    EXPECT_TRUE(analyse(copied).result.diags.empty()) << copied;
  }
  // A temporary: named in a local just before the statement.
  {
    const std::string code = R"(#include <cstdio>
#include <string>
void f(long id) {
  const char* text = std::to_string(id).c_str();
  std::puts(text);
}
)";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::Dangling);
    ASSERT_EQ(fixes.size(), 1u);
    std::string fixed = applyFix(code, fixes[0]);
    EXPECT_NE(fixed.find("  auto text_owner = std::to_string(id);\n  const char* text = text_owner.c_str();"),
              std::string::npos)
        << fixed;
    EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
  }
  // A pointer kept across loop iterations: a std::optional copy (its header added).
  {
    const std::string code = R"(#include <string>
#include <vector>
std::size_t f(const std::vector<std::string>& words) {
  const std::string* best = nullptr;
  for (const std::string& w : words) {
    std::string d = w + "!";
    if (best == nullptr || d.size() > best->size()) best = &d;
  }
  return best != nullptr ? best->size() : 0;
}
)";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::Dangling);
    ASSERT_EQ(fixes.size(), 1u);
    std::string fixed = applyFix(code, fixes[0]);
    EXPECT_NE(fixed.find("#include <optional>\n"), std::string::npos) << fixed;
    EXPECT_NE(fixed.find("  std::optional<std::string> best;\n"), std::string::npos) << fixed;
    EXPECT_NE(fixed.find("if (!best || d.size() > best->size()) best = d;"), std::string::npos) << fixed;
    EXPECT_NE(fixed.find("return best.has_value() ? best->size() : 0;"), std::string::npos) << fixed;
    EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
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

TEST(Fixes, LeakReleasesBeforeAnOverwriteAndInAnAddedDestructor) {
  {
    const std::string code = R"(struct Node { int v; };
int f(int n) {
  [[owner]] Node* cur = new Node{0};
  for (int i = 1; i < n; ++i) {
    cur = new Node{i};
  }
  int v = cur->v;
  delete cur;
  return v;
}
)";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::Leak);
    ASSERT_EQ(fixes.size(), 1u);
    std::string fixed = applyFix(code, fixes[0]);
    EXPECT_NE(fixed.find("    delete cur;\n    cur = new Node{i};"), std::string::npos) << fixed;
    EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
  }
  {
    // No copy is made: the implicit copies are deleted with the destructor added (a fix that
    // depends on the whole file).
    const std::string code = R"(struct Frame {
  explicit Frame(int n) : pixels(new unsigned char[n]) {}
  [[owner]] unsigned char* pixels;
};
int f() { Frame fr(4); return fr.pixels[0]; }
)";
    auto a = analyse(code);
    auto fixes = fixesOf(a, Code::Leak);
    ASSERT_EQ(fixes.size(), 1u);
    EXPECT_TRUE(fixes[0].readsWholeFile);
    std::string fixed = applyFix(code, fixes[0]);
    EXPECT_NE(fixed.find("  ~Frame() { delete[] pixels; }\n  Frame(const Frame&) = delete;\n"
                         "  Frame& operator=(const Frame&) = delete;\n};"),
              std::string::npos)
        << fixed;
    EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
    // A copy made somewhere: deleting the copies would not compile, a destructor alone would
    // release twice: no fix.
    auto copied = analyse(code + "int g(const Frame& a) { Frame b = a; return b.pixels[0]; }\n");
    EXPECT_TRUE(fixesOf(copied, Code::Leak).empty());
  }
}

TEST(Fixes, ReturnLocalBorrowOfALambdaCapturesByCopyReadingOnlyTheFunction) {
  const std::string code = R"(#include <functional>
std::function<int()> counter(int start) {
  int next = start;
  return [&]() { return next++; };
}
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::ReturnLocalBorrow);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_FALSE(fixes[0].readsWholeFile);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("return [=]() mutable { return next++; };"), std::string::npos) << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
}

TEST(Fixes, ReturnLocalBorrowOfAPointerOrNullReturnsAnOptional) {
  const std::string code = R"(struct Slot { int key; int value; };
void fill(Slot* s, int n);
Slot* find(int key) {
  Slot slots[8];
  fill(slots, 8);
  for (int i = 0; i < 8; ++i)
    if (slots[i].key == key) return &slots[i];
  return nullptr;
}
int value_of(int key) { return find(key) ? find(key)->value : 0; }
)";
  auto a = analyse(code);
  auto fixes = fixesOf(a, Code::ReturnLocalBorrow);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_TRUE(fixes[0].readsWholeFile);
  std::string fixed = applyFix(code, fixes[0]);
  EXPECT_NE(fixed.find("#include <optional>\n"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("std::optional<Slot> find(int key) {"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("return slots[i];"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("return std::nullopt;"), std::string::npos) << fixed;
  EXPECT_TRUE(analyse(fixed).result.diags.empty()) << fixed;
}

TEST(Fixes, AtMostOnePreferredFixPerDiagnosticOnTheCorpus) {
  // The codes with alternatives (leak, double-release, dangling, mutate-while-borrowed) and
  // the files mixing codes.
  for (const auto& entry : std::filesystem::directory_iterator(OWNERSHIP_SOURCE_DIR "/tests/corpus")) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cpp" ||
        !(name.starts_with("leak__") || name.starts_with("double-release__") || name.starts_with("mixed__") ||
          name.starts_with("dangling__") || name.starts_with("mutate-while-borrowed__")))
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

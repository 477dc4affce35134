// Tests of ParsedFile and PreambleCache: a reused preamble gives the same analysis as a full parse,
// edits reuse or rebuild it as they should, and broken code, virtual paths and headers' annotations work.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include "analysis/FileAnalysis.h"
#include "analysis/Parse.h"
#include "analysis/ParsedFile.h"

using namespace ownership;

namespace {

const std::vector<std::string> kFlags = {"-std=c++20"};

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// "line:code" for every diagnostic, in order.
std::vector<std::string> summary(const FileResult& r) {
  std::vector<std::string> out;
  for (const Diag& d : r.diags) out.push_back(std::to_string(d.range.begin.line) + ":" + std::string(codeName(d.code)));
  return out;
}

std::vector<std::string> analyse(ParsedFile& pf) {
  EXPECT_FALSE(pf.fatal()) << (pf.errors().empty() ? "" : pf.errors().front());
  if (!pf.context()) return {"<no AST>"};
  return summary(analyzeAST(*pf.context()));
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    llvm::SmallString<128> p;
    llvm::sys::fs::createUniqueDirectory("parsedfile-test", p);
    path = p.str().str();
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path); }
  std::string file(const std::string& name) const { return path + "/" + name; }
};

const std::string kEditable = R"(#include <memory>
#include <string>
#include <utility>
#include <vector>
void sink(std::string);
unsigned long f(std::vector<int>& v) {
  std::string s = "x";
  sink(std::move(s));
  return v.size();
}
)";

// The same file with a use after move added inside f's body (line 9).
std::string withBug(const std::string& code) {
  std::string out = code;
  out.replace(out.find("  return v.size();"), 0, "  sink(s);\n");
  return out;
}

// ---- Equivalence with a full parse -------------------------------------------

TEST(ParsedFile, CachedPreambleGivesTheSameDiagnosticsAsAFullParse) {
  const std::vector<std::string> files = {
      "mixed__realistic_event_bus.cpp",         "mixed__realistic_kv_parser.cpp",
      "mixed__realistic_texture_atlas.cpp",     "mixed__regressions_one_per_code.cpp",
      "use-after-move__string_moved_into_map.cpp", "leak__static_factory_result_discarded.cpp",
  };
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    std::string path = std::string(OWNERSHIP_SOURCE_DIR) + "/tests/corpus/" + name;
    std::string code = readFile(path);
    ASSERT_NE(code.find("#include <"), std::string::npos);

    // The reference: the ASTUnit of parseFile(), as the CLI has always done it.
    ParseResult ref = parseFile(path, code, kFlags);
    ASSERT_TRUE(ref.ast);
    ASSERT_TRUE(ref.errors.empty()) << ref.errors.front();
    FileResult refResult = analyzeAST(ref.ast->getASTContext());
    std::vector<std::string> expected = summary(refResult);
    EXPECT_FALSE(expected.empty());  // every chosen file has at least one `// expect:`

    auto plain = ParsedFile::build(path, code, kFlags, nullptr);
    EXPECT_FALSE(plain->usedPreamble());
    EXPECT_FALSE(plain->hasErrors());
    EXPECT_EQ(analyse(*plain), expected);

    PreambleCache cache;
    auto first = ParsedFile::build(path, code, kFlags, &cache);
    EXPECT_TRUE(first->usedPreamble());
    EXPECT_EQ(analyse(*first), expected);
    // The same functions are analysed: the traversal scope loses none and duplicates none.
    EXPECT_EQ(analyzeAST(*first->context()).functions.size(), refResult.functions.size());

    auto second = ParsedFile::build(path, code, kFlags, &cache);
    EXPECT_TRUE(second->usedPreamble());
    EXPECT_FALSE(second->hasErrors());
    EXPECT_EQ(analyse(*second), expected);
    EXPECT_EQ(cache.builds(), 1u);
    EXPECT_EQ(cache.reuses(), 1u);
    // The first AST is still valid while the second shares its preamble.
    EXPECT_EQ(analyse(*first), expected);
  }
}

// ---- Reuse and rebuild ---------------------------------------------------------

TEST(PreambleCache, EditInsideAFunctionBodyReusesThePreamble) {
  PreambleCache cache;
  auto v1 = ParsedFile::build("/virtual/edit.cpp", kEditable, kFlags, &cache);
  EXPECT_TRUE(v1->usedPreamble());
  EXPECT_EQ(analyse(*v1), std::vector<std::string>{});
  EXPECT_EQ(cache.builds(), 1u);
  EXPECT_EQ(cache.reuses(), 0u);

  auto v2 = ParsedFile::build("/virtual/edit.cpp", withBug(kEditable), kFlags, &cache);
  EXPECT_TRUE(v2->usedPreamble());
  EXPECT_EQ(cache.builds(), 1u);
  EXPECT_EQ(cache.reuses(), 1u);
  // The edit itself is seen: the body comes from the new text, not from the preamble.
  EXPECT_EQ(analyse(*v2), std::vector<std::string>{"9:use-after-move"});
}

TEST(PreambleCache, ChangingAnIncludeRebuildsThePreamble) {
  PreambleCache cache;
  auto v1 = ParsedFile::build("/virtual/inc.cpp", kEditable, kFlags, &cache);
  EXPECT_EQ(cache.builds(), 1u);

  std::string more = "#include <map>\n" + kEditable + "unsigned long g(std::map<int, int>& m) { return m.size(); }\n";
  auto v2 = ParsedFile::build("/virtual/inc.cpp", more, kFlags, &cache);
  EXPECT_TRUE(v2->usedPreamble());
  EXPECT_EQ(cache.builds(), 2u);
  EXPECT_EQ(cache.reuses(), 0u);
  EXPECT_FALSE(v2->hasErrors()) << v2->errors().front();  // std::map comes from the new preamble

  // Back to the old include block: a one-entry cache builds again.
  auto v3 = ParsedFile::build("/virtual/inc.cpp", kEditable, kFlags, &cache);
  EXPECT_EQ(cache.builds(), 3u);
  EXPECT_FALSE(v3->hasErrors());
}

TEST(PreambleCache, ChangedFlagsRebuildThePreamble) {
  // The flag decides what a macro of the preamble expands to, so a stale preamble would give the wrong answer.
  const std::string code = R"(#include <string>
#include <utility>
#ifdef TAKE
#define READ_AFTER(s) (s).size()
#else
#define READ_AFTER(s) 0ul
#endif
void sink(std::string);
unsigned long f() {
  std::string s = "x";
  sink(std::move(s));
  return READ_AFTER(s);
}
)";
  PreambleCache cache;
  auto plain = ParsedFile::build("/virtual/flags.cpp", code, kFlags, &cache);
  EXPECT_EQ(analyse(*plain), std::vector<std::string>{});
  EXPECT_EQ(cache.builds(), 1u);

  std::vector<std::string> withMacro = kFlags;
  withMacro.push_back("-DTAKE=1");
  auto taking = ParsedFile::build("/virtual/flags.cpp", code, withMacro, &cache);
  EXPECT_TRUE(taking->usedPreamble());
  EXPECT_EQ(cache.builds(), 2u);
  EXPECT_EQ(cache.reuses(), 0u);
  EXPECT_EQ(analyse(*taking), std::vector<std::string>{"12:use-after-move"});

  auto again = ParsedFile::build("/virtual/flags.cpp", code, withMacro, &cache);
  EXPECT_EQ(cache.reuses(), 1u);
  EXPECT_EQ(analyse(*again), std::vector<std::string>{"12:use-after-move"});
}

TEST(PreambleCache, ChangedHeaderOnDiskRebuildsThePreamble) {
  TempDir dir;
  writeFile(dir.file("api.h"), "#pragma once\nstruct Api { int a; };\n");
  const std::string code = "#include \"api.h\"\nint f(Api& x) { return x.a; }\n";
  std::vector<std::string> flags = kFlags;
  flags.push_back("-I" + dir.path);
  PreambleCache cache;
  auto v1 = ParsedFile::build(dir.file("main.cpp"), code, flags, &cache);
  EXPECT_FALSE(v1->hasErrors());
  EXPECT_EQ(cache.builds(), 1u);

  writeFile(dir.file("api.h"), "#pragma once\nstruct Api { int renamed; };\n");
  auto v2 = ParsedFile::build(dir.file("main.cpp"), code, flags, &cache);
  EXPECT_EQ(cache.builds(), 2u);
  EXPECT_TRUE(v2->hasErrors());  // `a` is gone from the header
}

TEST(PreambleCache, ClearForgetsThePreambleButNotTheASTsUsingIt) {
  PreambleCache cache;
  auto v1 = ParsedFile::build("/virtual/clear.cpp", withBug(kEditable), kFlags, &cache);
  cache.clear();
  auto v2 = ParsedFile::build("/virtual/clear.cpp", withBug(kEditable), kFlags, &cache);
  EXPECT_EQ(cache.builds(), 2u);
  EXPECT_EQ(cache.reuses(), 0u);
  // v1's preamble was dropped from the cache but v1 still owns it.
  EXPECT_EQ(analyse(*v1), std::vector<std::string>{"9:use-after-move"});
  EXPECT_EQ(analyse(*v2), std::vector<std::string>{"9:use-after-move"});
}

TEST(PreambleCache, PreambleErrorsAreReportedOnReuseToo) {
  const std::string code = "#include <string>\n#include \"no_such_header_here.h\"\nint f() { return 1; }\n";
  PreambleCache cache;
  auto v1 = ParsedFile::build("/virtual/missing.cpp", code, kFlags, &cache);
  ASSERT_FALSE(v1->fatal());
  ASSERT_TRUE(v1->hasErrors());
  EXPECT_NE(v1->errors().front().find("no_such_header_here.h"), std::string::npos) << v1->errors().front();
  auto v2 = ParsedFile::build("/virtual/missing.cpp", code + "int g() { return 2; }\n", kFlags, &cache);
  EXPECT_EQ(cache.reuses(), 1u);
  ASSERT_TRUE(v2->hasErrors());
  EXPECT_EQ(v2->errors().front(), v1->errors().front());
}

// ---- Robustness ------------------------------------------------------------------

TEST(ParsedFile, HalfTypedFunctionStillLetsTheOthersBeAnalysed) {
  const std::string complete = R"(#include <memory>
#include <utility>
#include <vector>
void sink(std::unique_ptr<int>);
int before() {
  auto p = std::make_unique<int>(1);
  sink(std::move(p));
  return *p;
}
int typing(std::vector<int>& v) {
  int total = 0;
  for (int x : v) total += x;
  return total;
}
int after() {
  auto q = std::make_unique<int>(2);
  sink(std::move(q));
  return *q;
}
)";
  // The user is typing inside `typing`: the statement is half written (the editor closed the brace).
  std::string broken = complete;
  broken.replace(broken.find("total += x;"), std::string("total += x;").size(), "total += std::max(x,");
  const std::vector<std::string> expected = {"8:use-after-move", "18:use-after-move"};
  for (bool withCache : {false, true}) {
    SCOPED_TRACE(withCache ? "with cache" : "without cache");
    PreambleCache cache;
    if (withCache) ParsedFile::build("/virtual/typing.cpp", complete, kFlags, &cache);
    auto pf = ParsedFile::build("/virtual/typing.cpp", broken, kFlags, withCache ? &cache : nullptr);
    EXPECT_EQ(pf->usedPreamble(), withCache);
    if (withCache) EXPECT_EQ(cache.reuses(), 1u);
    ASSERT_FALSE(pf->fatal());
    ASSERT_NE(pf->context(), nullptr);
    EXPECT_TRUE(pf->hasErrors());
    EXPECT_EQ(analyse(*pf), expected);
  }
}

TEST(ParsedFile, FileCutAtTheEndIsNotFatal) {
  // Everything after `return` is missing: the unterminated function is skipped, the first is checked.
  std::string code = withBug(kEditable) + "int g(std::unique_ptr<int> p) {\n  sink(std::move(";
  PreambleCache cache;
  auto pf = ParsedFile::build("/virtual/cut.cpp", code, kFlags, &cache);
  ASSERT_FALSE(pf->fatal());
  EXPECT_TRUE(pf->hasErrors());
  EXPECT_TRUE(contains(analyse(*pf), "9:use-after-move"));
}

TEST(ParsedFile, PathThatDoesNotExistOnDisk) {
  const std::string path = "/no/such/dir/anywhere/doc.cpp";
  ASSERT_FALSE(llvm::sys::fs::exists(path));
  PreambleCache cache;
  for (int i = 0; i < 2; ++i) {
    auto pf = ParsedFile::build(path, withBug(kEditable), kFlags, &cache);
    ASSERT_FALSE(pf->fatal());
    EXPECT_FALSE(pf->hasErrors()) << pf->errors().front();
    FileResult r = analyzeAST(*pf->context());
    ASSERT_EQ(r.diags.size(), 1u);
    EXPECT_EQ(r.diags[0].range.file, path);
    EXPECT_EQ(r.diags[0].range.begin.line, 9u);
  }
  EXPECT_EQ(cache.reuses(), 1u);
}

TEST(ParsedFile, BadFlagsAreFatalWithAnError) {
  PreambleCache cache;
  auto pf = ParsedFile::build("/virtual/flags.cpp", kEditable, {"-std=c++1234"}, &cache);
  EXPECT_TRUE(pf->fatal());
  EXPECT_EQ(pf->context(), nullptr);
  EXPECT_EQ(pf->compiler(), nullptr);
  ASSERT_TRUE(pf->hasErrors());
  EXPECT_NE(pf->errors().front().find("c++1234"), std::string::npos) << pf->errors().front();
  EXPECT_EQ(cache.builds(), 0u);
}

TEST(ParsedFile, UnknownFlagIsAnErrorButStillParses) {
  // As with parseFile(): the driver reports the flag, the file is still parsed (and analysable).
  auto pf = ParsedFile::build("/virtual/flags.cpp", withBug(kEditable), {"-std=c++20", "--no-such-flag-at-all"}, nullptr);
  ASSERT_FALSE(pf->fatal());
  ASSERT_TRUE(pf->hasErrors());
  EXPECT_NE(pf->errors().front().find("no-such-flag-at-all"), std::string::npos) << pf->errors().front();
  EXPECT_EQ(analyse(*pf), std::vector<std::string>{"9:use-after-move"});
}

TEST(ParsedFile, FileWithoutIncludesNeedsNoPreamble) {
  const std::string code = "int* leak() { int* p = new int(1); return nullptr; }\n";
  PreambleCache cache;
  auto pf = ParsedFile::build("/virtual/plain.cpp", code, kFlags, &cache);
  EXPECT_FALSE(pf->usedPreamble());
  EXPECT_EQ(cache.builds(), 0u);
  EXPECT_EQ(analyse(*pf), std::vector<std::string>{"1:leak"});
}

// ---- Annotations through the preamble ---------------------------------------------

TEST(ParsedFile, OwnerAnnotationsInAPreambleHeaderAreSeen) {
  TempDir dir;
  writeFile(dir.file("conn.h"), R"(#pragma once
#include <string>
class Connection {
 public:
  [[owner]] static Connection* open(const std::string& host);
  void close();
};
void adopt([[owner]] Connection* c);
)");
  const std::string code = R"(#include <conn.h>
void probe(const std::string& host) {
  Connection::open(host);
  [[owner]] Connection* c = Connection::open(host);
  adopt(c);
  c->close();
}
)";
  std::vector<std::string> flags = kFlags;
  flags.push_back("-I" + dir.path);
  const std::string path = dir.file("probe.cpp");

  ParseResult ref = parseFile(path, code, flags);
  ASSERT_TRUE(ref.ast);
  std::vector<std::string> expected = summary(analyzeAST(ref.ast->getASTContext()));
  // The discarded factory result leaks; `c` is used after adopt() took it.
  ASSERT_TRUE(contains(expected, "3:leak")) << testing::PrintToString(expected);
  ASSERT_TRUE(contains(expected, "6:use-after-move")) << testing::PrintToString(expected);

  PreambleCache cache;
  auto built = ParsedFile::build(path, code, flags, &cache);
  EXPECT_EQ(analyse(*built), expected);
  auto reused = ParsedFile::build(path, code + "// edited\n", flags, &cache);
  EXPECT_EQ(cache.builds(), 1u);
  EXPECT_EQ(cache.reuses(), 1u);
  EXPECT_EQ(analyse(*reused), expected);
}

// ---- Threads -------------------------------------------------------------------------

TEST(ParsedFile, DifferentDocumentsParseConcurrently) {
  const std::string a = withBug(kEditable);
  const std::string b = kEditable + "int* g() { int* p = new int(1); return nullptr; }\n";
  std::vector<std::string> ra, rb;
  PreambleCache ca, cb;
  std::thread ta([&] {
    for (int i = 0; i < 2; ++i) ra = analyse(*ParsedFile::build("/virtual/a.cpp", a, kFlags, &ca));
  });
  std::thread tb([&] {
    for (int i = 0; i < 2; ++i) rb = analyse(*ParsedFile::build("/virtual/b.cpp", b, kFlags, &cb));
  });
  ta.join();
  tb.join();
  EXPECT_EQ(ra, std::vector<std::string>{"9:use-after-move"});
  EXPECT_EQ(rb, std::vector<std::string>{"11:leak"});
  EXPECT_EQ(ca.reuses(), 1u);
  EXPECT_EQ(cb.reuses(), 1u);
}

}  // namespace

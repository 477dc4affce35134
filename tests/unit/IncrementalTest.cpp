// Tests of IncrementalAnalyzer: a body edit re-checks one function and shifts the others' results; edits elsewhere re-parse fully.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "analysis/FileAnalysis.h"
#include "analysis/Hover.h"
#include "analysis/Incremental.h"
#include "analysis/InlayHints.h"
#include "analysis/ParsedFile.h"

using namespace ownership;

namespace {

const std::vector<std::string> kFlags = {"-std=c++20"};
const std::string kPath = "/virtual/incremental_test.cpp";

const std::string kCode = R"(#include <memory>
#include <vector>
#include <utility>

void first(std::vector<int>& v) {
  int x = 1;
  v.push_back(x);
}

void leaks() {
  int* [[owner]] p = new int(1);
}

void moved() {
  std::unique_ptr<int> p = std::make_unique<int>(2);
  std::unique_ptr<int> q = std::move(p);
  *p = 3;
}

void borrow(std::vector<int>& v) {
  int& r = v[0];
  v.push_back(1);
  r = 2;
}
)";

// The same analysis from scratch.
FileResult scratch(const std::string& text, std::unique_ptr<ParsedFile>& keep) {
  keep = ParsedFile::build(kPath, text, kFlags, nullptr);
  EXPECT_FALSE(keep->fatal());
  return analyzeAST(*keep->context());
}

std::string key(const std::vector<Diag>& ds) {
  std::string s;
  for (const Diag& d : ds) {
    s += std::string(codeName(d.code)) + " " + std::to_string(d.range.begin.offset) + "@" +
         std::to_string(d.range.begin.line) + ":" + std::to_string(d.range.begin.column) + " " + d.message;
    for (const Note& n : d.notes) s += " | " + std::to_string(n.range.begin.offset) + " " + n.message;
    for (const Fix& f : d.fixes)
      for (const TextEdit& e : f.edits) s += " fix@" + std::to_string(e.range.begin.offset) + "'" + e.newText + "'";
    s += "\n";
  }
  return s;
}

// The diagnostics as a client sees them once it asks for code actions: deferred (whole-file)
// fixes computed.
std::vector<Diag> resolved(const IncrementalBuild& b) {
  std::vector<Diag> out = b.diags();
  for (Diag& d : out) {
    if (!d.fixesDeferred) continue;
    d.fixes = b.deferredFixes(d);
    d.fixesDeferred = false;
  }
  return out;
}

std::string insertAfter(std::string text, const std::string& anchor, const std::string& what) {
  size_t at = text.find(anchor);
  EXPECT_NE(at, std::string::npos);
  text.insert(at + anchor.size(), what);
  return text;
}

TEST(Incremental, BodyEditReusesTheOtherFunctionsAndShiftsTheirPositions) {
  IncrementalAnalyzer inc;
  auto b0 = inc.update(kPath, kCode, kFlags);
  ASSERT_FALSE(b0->fatal());
  EXPECT_FALSE(b0->incremental);
  ASSERT_GE(b0->diags().size(), 3u);

  std::string text = insertAfter(kCode, "  int x = 1;\n", "  int y = 2;\n  int z = 3;\n");
  auto b1 = inc.update(kPath, text, kFlags);
  ASSERT_FALSE(b1->fatal());
  EXPECT_TRUE(b1->incremental) << b1->fullReason;
  EXPECT_EQ(b1->functionsChecked, 1u);
  EXPECT_EQ(b1->functionsReused, 3u);
  std::unique_ptr<ParsedFile> pf;
  FileResult want = scratch(text, pf);
  EXPECT_EQ(key(resolved(*b1)), key(want.diags));
  // Every diagnostic moved two lines down.
  ASSERT_EQ(b0->diags().size(), b1->diags().size());
  for (size_t i = 0; i < b0->diags().size(); ++i) EXPECT_EQ(b1->diags()[i].range.begin.line, b0->diags()[i].range.begin.line + 2);
}

TEST(Incremental, EditOutsideBodiesIsAFullReparse) {
  IncrementalAnalyzer inc;
  inc.update(kPath, kCode, kFlags);
  std::string text = insertAfter(kCode, "#include <utility>\n", "\nint global = 1;\n");
  auto b = inc.update(kPath, text, kFlags);
  ASSERT_FALSE(b->fatal());
  EXPECT_FALSE(b->incremental);
  EXPECT_EQ(b->fullReason, "edit outside function bodies");
  std::unique_ptr<ParsedFile> pf;
  EXPECT_EQ(key(resolved(*b)), key(scratch(text, pf).diags));
  // A signature is outside the body too.
  std::string text2 = insertAfter(text, "void leaks(", "int unused");
  auto b2 = inc.update(kPath, text2, kFlags);
  EXPECT_FALSE(b2->incremental);
  EXPECT_EQ(key(resolved(*b2)), key(scratch(text2, pf).diags));
}

TEST(Incremental, HoverInAnUnchangedFunctionAfterAnEditAboveIt) {
  IncrementalAnalyzer inc;
  inc.update(kPath, kCode, kFlags);
  std::string text = insertAfter(kCode, "  int x = 1;\n", "  int y = 2;\n\n\n");
  auto b = inc.update(kPath, text, kFlags);
  ASSERT_TRUE(b->incremental) << b->fullReason;
  std::unique_ptr<ParsedFile> pf;
  FileResult want = scratch(text, pf);
  unsigned at = static_cast<unsigned>(text.find("*p = 3;") + 1);
  auto got = b->hoverAt(at);
  auto expected = hoverAt(*pf->context(), want, at);
  ASSERT_TRUE(got.has_value());
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(got->markdown, expected->markdown);
  EXPECT_NE(got->markdown.find("(line 19)"), std::string::npos) << got->markdown;  // the move, shifted by 3
  EXPECT_EQ(got->range.begin.offset, expected->range.begin.offset);
  EXPECT_EQ(got->range.begin.line, expected->range.begin.line);
  EXPECT_EQ(got->range.begin.column, expected->range.begin.column);
}

TEST(Incremental, InlayHintsOfUnchangedFunctionsAreShifted) {
  IncrementalAnalyzer inc;
  inc.update(kPath, kCode, kFlags);
  std::string text = insertAfter(kCode, "  int x = 1;\n", "  int y = 2;\n");
  auto b = inc.update(kPath, text, kFlags);
  ASSERT_TRUE(b->incremental) << b->fullReason;
  std::unique_ptr<ParsedFile> pf;
  FileResult want = scratch(text, pf);
  auto got = b->inlayHints(0, static_cast<unsigned>(text.size()));
  auto expected = inlayHints(*pf->context(), want, 0, static_cast<unsigned>(text.size()));
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].position.offset, expected[i].position.offset);
    EXPECT_EQ(got[i].position.line, expected[i].position.line);
    EXPECT_EQ(got[i].position.column, expected[i].position.column);
    EXPECT_EQ(got[i].label, expected[i].label);
  }
  // A range covering only the last function.
  unsigned from = static_cast<unsigned>(text.find("void borrow"));
  auto part = b->inlayHints(from, static_cast<unsigned>(text.size()));
  auto partWant = inlayHints(*pf->context(), want, from, static_cast<unsigned>(text.size()));
  EXPECT_EQ(part.size(), partWant.size());
}

TEST(Incremental, SuccessiveEditsAndAnEditThatBreaksTheBody) {
  IncrementalAnalyzer inc;
  std::string text = kCode;
  inc.update(kPath, text, kFlags);
  std::unique_ptr<ParsedFile> pf;
  // Several edits in different bodies in a row: each reuses the others.
  text = insertAfter(text, "  int x = 1;\n", "  int a1 = 1;\n");
  EXPECT_TRUE(inc.update(kPath, text, kFlags)->incremental);
  text = insertAfter(text, "  r = 2;\n", "  int a2 = 2;\n");
  auto b2 = inc.update(kPath, text, kFlags);
  EXPECT_TRUE(b2->incremental);
  EXPECT_EQ(key(resolved(*b2)), key(scratch(text, pf).diags));
  text = insertAfter(text, "void leaks() {\n", "  delete new int(3);\n");
  auto b3 = inc.update(kPath, text, kFlags);
  EXPECT_TRUE(b3->incremental);
  EXPECT_EQ(key(resolved(*b3)), key(scratch(text, pf).diags));
  // An unbalanced brace inside a body changes the function's extent: full re-parse, same results.
  text = insertAfter(text, "  int a1 = 1;\n", "  }\n");
  auto b4 = inc.update(kPath, text, kFlags);
  EXPECT_FALSE(b4->incremental);
  EXPECT_EQ(key(resolved(*b4)), key(scratch(text, pf).diags));
  // Typing a preprocessor directive in a body is a full re-parse.
  std::string text5 = insertAfter(kCode, "  int x = 1;\n", "#define X 1\n");
  inc.update(kPath, kCode, kFlags);
  auto b5 = inc.update(kPath, text5, kFlags);
  EXPECT_FALSE(b5->incremental);
  EXPECT_EQ(b5->fullReason, "preprocessor text edited");
}

TEST(Incremental, DisabledGivesTheSameResults) {
  IncrementalOptions o;
  o.enabled = false;
  IncrementalAnalyzer inc(o);
  inc.update(kPath, kCode, kFlags);
  std::string text = insertAfter(kCode, "  int x = 1;\n", "  int y = 2;\n");
  auto b = inc.update(kPath, text, kFlags);
  EXPECT_FALSE(b->incremental);
  std::unique_ptr<ParsedFile> pf;
  EXPECT_EQ(key(resolved(*b)), key(scratch(text, pf).diags));
}

}  // namespace

namespace {

// A return-local-borrow finding used to turn the incremental path off for the whole file
// (its fix reads every caller); its fix is now computed when asked for.
TEST(Incremental, AFixThatReadsTheWholeFileIsComputedOnRequestNotAtEveryEdit) {
  const std::string code = R"(#include <algorithm>
#include <string>

const std::string& name_of(int id) {
  std::string s = std::to_string(id);
  return s;
}

int other(int x) {
  int y = x + 1;
  return y;
}

std::size_t caller() { return name_of(1).size(); }
)";
  IncrementalAnalyzer inc;
  auto b0 = inc.update(kPath, code, kFlags);
  ASSERT_FALSE(b0->fatal());
  auto rlb = std::find_if(b0->diags().begin(), b0->diags().end(),
                          [](const Diag& d) { return d.code == Code::ReturnLocalBorrow; });
  ASSERT_NE(rlb, b0->diags().end());
  EXPECT_TRUE(rlb->fixesDeferred);
  EXPECT_TRUE(rlb->fixes.empty());
  std::vector<Fix> fixes = b0->deferredFixes(*rlb);
  ASSERT_FALSE(fixes.empty());
  EXPECT_NE(fixes[0].title.find("by value"), std::string::npos) << fixes[0].title;

  std::string text = insertAfter(code, "  int y = x + 1;\n", "  y *= 2;\n");
  auto b1 = inc.update(kPath, text, kFlags);
  EXPECT_TRUE(b1->incremental) << b1->fullReason;
  std::unique_ptr<ParsedFile> pf;
  EXPECT_EQ(key(resolved(*b1)), key(scratch(text, pf).diags));
}

}  // namespace

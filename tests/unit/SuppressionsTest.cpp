// Tests of the suppression comments (spec §7): forms, globs, regions, malformed comments, the edit.
#include <gtest/gtest.h>

#include "analysis/Suppressions.h"

using namespace ownership;

namespace {

Diag at(Code code, unsigned line, unsigned offset = 0) {
  Diag d;
  d.code = code;
  d.range.file = "/p/a.cpp";
  d.range.begin.line = line;
  d.range.begin.offset = offset;
  return d;
}

std::vector<unsigned> kept(const std::string& text, std::vector<Diag> diags,
                           std::vector<SuppressionProblem>* problems = nullptr) {
  applySuppressions("/p/a.cpp", text, diags, problems);
  std::vector<unsigned> out;
  for (const Diag& d : diags) out.push_back(d.range.begin.line);
  return out;
}

}  // namespace

TEST(Suppressions, ChecksListsAndGlobs) {
  EXPECT_TRUE(suppressionNames("", Code::Leak));
  EXPECT_TRUE(suppressionNames("ownership-leak", Code::Leak));
  EXPECT_TRUE(suppressionNames(" bugprone-*, ownership-l* ", Code::Leak));
  EXPECT_TRUE(suppressionNames("*", Code::Dangling));
  EXPECT_FALSE(suppressionNames("bugprone-use-after-move", Code::UseAfterMove));
  EXPECT_FALSE(suppressionNames("ownership-dangling", Code::Leak));
  EXPECT_FALSE(suppressionNames("use-after-move", Code::UseAfterMove));  // the name has its prefix
}

TEST(Suppressions, LineNextLineAndRegion) {
  std::string text =
      "a();  // NOLINT(ownership-leak) reason\n"       // 1
      "// NOLINTNEXTLINE\n"                             // 2
      "b();\n"                                          // 3
      "// NOLINTBEGIN(ownership-dangling)\n"            // 4
      "c();\n"                                          // 5
      "// NOLINTEND(ownership-dangling)\n"              // 6
      "d();\n";                                         // 7
  std::vector<Diag> diags = {at(Code::Leak, 1), at(Code::Dangling, 1), at(Code::UseAfterMove, 3),
                             at(Code::Dangling, 5), at(Code::Leak, 5), at(Code::Dangling, 7)};
  EXPECT_EQ(kept(text, diags), (std::vector<unsigned>{1, 5, 7}));
}

TEST(Suppressions, OtherFilesAndLookalikesAreLeftAlone) {
  std::vector<Diag> diags = {at(Code::Leak, 1)};
  diags[0].range.file = "/p/b.h";
  EXPECT_EQ(kept("x();  // NOLINT\n", diags), (std::vector<unsigned>{1}));
  EXPECT_EQ(kept("int NOLINTED = 0;\n", {at(Code::Leak, 1)}), (std::vector<unsigned>{1}));
}

TEST(Suppressions, UnmatchedBeginAndEndAreReportedAndSuppressNothing) {
  std::vector<SuppressionProblem> problems;
  std::string text = "// NOLINTBEGIN(ownership-leak)\nx();\n// NOLINTEND(ownership-dangling)\n";
  EXPECT_EQ(kept(text, {at(Code::Leak, 2)}, &problems), (std::vector<unsigned>{2}));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_NE(problems[0].message.find("NOLINTEND without a matching NOLINTBEGIN"), std::string::npos);
  EXPECT_EQ(problems[1].line, 1u);
}

TEST(Suppressions, EditAppendsOrExtends) {
  std::string text = "int a;\n  use(p);\n  use(q);  // NOLINT(ownership-leak)\n";
  TextEdit e = suppressionEdit(at(Code::UseAfterMove, 2, 9), text);
  EXPECT_EQ(e.newText, "  // NOLINT(ownership-use-after-move)");
  EXPECT_EQ(e.range.begin.offset, 16u);  // the end of line 2
  std::string applied = text;
  applied.insert(e.range.begin.offset, e.newText);
  std::vector<Diag> d = {at(Code::UseAfterMove, 2, 9)};
  applySuppressions("/p/a.cpp", applied, d);
  EXPECT_TRUE(d.empty());
  TextEdit x = suppressionEdit(at(Code::Dangling, 3, 19), text);
  EXPECT_EQ(x.newText, ", ownership-dangling");
  EXPECT_EQ(text.substr(x.range.begin.offset, 1), ")");
}

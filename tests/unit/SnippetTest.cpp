// Tests of the terminal output: the snippet renderer's edge cases, the text writer's layout,
// colour decisions, --explain's embedded pages and the options that control them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/Explain.h"
#include "cli/Options.h"
#include "cli/Snippet.h"
#include "cli/SourceCache.h"
#include "cli/TextOutput.h"

using namespace ownership;
using namespace ownership::cli;

namespace {

SnippetMark primary(unsigned line, unsigned col, unsigned endLine, unsigned endCol) {
  return {line, col, endLine, endCol, true, ""};
}
SnippetMark note(unsigned line, unsigned col, unsigned endLine, unsigned endCol, std::string label) {
  return {line, col, endLine, endCol, false, std::move(label)};
}

std::string render(const std::string& text, std::vector<SnippetMark> marks, unsigned maxWidth = 120) {
  SourceLines src(text);
  SnippetStyle style;
  style.maxWidth = maxWidth;
  std::string out;
  for (const std::string& l : renderSnippet(src, std::move(marks), style)) out += l + "\n";
  return out;
}

TEST(SourceLines, SplitsAsClangCountsLines) {
  SourceLines s("a\nb\r\nc\rd\n\re");
  ASSERT_EQ(s.count(), 5u);
  EXPECT_EQ(s.line(1), "a");
  EXPECT_EQ(s.line(2), "b");
  EXPECT_EQ(s.line(3), "c");
  EXPECT_EQ(s.line(4), "d");
  EXPECT_EQ(s.line(5), "e");
  EXPECT_EQ(s.line(0), "");
  EXPECT_EQ(s.line(6), "");
  SourceLines trailing("x\n");
  EXPECT_EQ(trailing.count(), 2u);  // the empty line after the last newline exists, as in Clang
  EXPECT_EQ(SourceLines("").count(), 1u);
}

TEST(Snippet, PrimaryAndLabelledNoteInLineOrder) {
  std::string src = "void f() {\n  auto b = std::move(a);\n  *a = 2;\n}\n";
  EXPECT_EQ(render(src, {primary(3, 4, 3, 5), note(2, 12, 2, 24, "value moved here")}),
            "   |\n"
            " 2 |   auto b = std::move(a);\n"
            "   |            ------------ value moved here\n"
            " 3 |   *a = 2;\n"
            "   |    ^\n");
}

TEST(Snippet, TabsExpandToTabStopsAndTheUnderlineFollows) {
  // Column 3 is the `x` after two tabs: display column 8 with stops of 4.
  EXPECT_EQ(render("\t\tx = 1;\n", {primary(1, 3, 1, 4)}),
            "   |\n"
            " 1 |         x = 1;\n"
            "   |         ^\n");
  // A tab after text goes to the next stop, not 4 columns on.
  EXPECT_EQ(render("ab\tcd\n", {primary(1, 4, 1, 6)}),
            "   |\n"
            " 1 | ab  cd\n"
            "   |     ^^\n");
  // A range over a tab underlines all of its columns.
  EXPECT_EQ(render("a\tb\n", {primary(1, 1, 1, 4)}),
            "   |\n"
            " 1 | a   b\n"
            "   | ^^^^^\n");
}

TEST(Snippet, MultiLineRangeIsUnderlinedToTheEndOfItsFirstLine) {
  EXPECT_EQ(render("int x = f(1,\n          2);\n", {primary(1, 9, 2, 13)}),
            "   |\n"
            " 1 | int x = f(1,\n"
            "   |         ^^^^\n");
}

TEST(Snippet, EmptyRangeAndRangeAtEndOfLineGetOneCaret) {
  EXPECT_EQ(render("abc\n", {primary(1, 2, 1, 2)}),
            "   |\n"
            " 1 | abc\n"
            "   |  ^\n");
  EXPECT_EQ(render("abc\n", {primary(1, 4, 1, 4)}),
            "   |\n"
            " 1 | abc\n"
            "   |    ^\n");
  // A column past the end (a stale position) stays at the end of the line.
  EXPECT_EQ(render("abc\n", {primary(1, 40, 1, 45)}),
            "   |\n"
            " 1 | abc\n"
            "   |    ^\n");
  // A multi-line range starting at the end of its line.
  EXPECT_EQ(render("f(\n);\n", {primary(1, 3, 2, 2)}),
            "   |\n"
            " 1 | f(\n"
            "   |   ^\n");
}

TEST(Snippet, LastLineWithoutNewline) {
  EXPECT_EQ(render("int a;\nreturn *p;", {primary(2, 8, 2, 10)}),
            "   |\n"
            " 2 | return *p;\n"
            "   |        ^^\n");
}

TEST(Snippet, CrLfLinesShowNoCarriageReturn) {
  std::string out = render("int a;\r\nreturn *p;\r\n", {primary(2, 8, 2, 11), note(1, 5, 1, 6, "declared here")});
  EXPECT_EQ(out,
            "   |\n"
            " 1 | int a;\n"
            "   |     - declared here\n"
            " 2 | return *p;\n"
            "   |        ^^^\n");  // the range's end at the \r is clamped to the line
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

TEST(Snippet, Utf8IsMeasuredInDisplayColumns) {
  // "é" is 2 bytes, 1 column; "漢字" 6 bytes, 4 columns: `y` is byte column 17, display column 14.
  std::string src = "s(\"é\"); 漢字 y\n";
  EXPECT_EQ(render(src, {primary(1, 17, 1, 18), note(1, 3, 1, 7, "é")}),
            "   |\n"
            " 1 | s(\"é\"); 漢字 y\n"
            "   |   --- é\n"
            "   |              ^\n");
  // A range over a wide character underlines both of its columns.
  EXPECT_EQ(render("漢 x\n", {primary(1, 1, 1, 4)}),
            "   |\n"
            " 1 | 漢 x\n"
            "   | ^^\n");
  // A combining mark takes no column: `x` stays under its caret.
  EXPECT_EQ(render("e\xCC\x81x\n", {primary(1, 4, 1, 5)}),
            "   |\n"
            " 1 | e\xCC\x81x\n"
            "   |  ^\n");
}

TEST(Snippet, ControlCharactersAndInvalidUtf8CannotReachTheTerminal) {
  std::string out = render("a\x1b[31mb\xff\xfe c\n", {primary(1, 11, 1, 12)});
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out,
            "   |\n"
            " 1 | a\xEF\xBF\xBD[31mb\xEF\xBF\xBD\xEF\xBF\xBD c\n"
            "   |           ^\n");
  // A bidi override (U+202E) is dropped and takes no column.
  EXPECT_EQ(render("x\xE2\x80\xAEy\n", {primary(1, 5, 1, 6)}),
            "   |\n"
            " 1 | xy\n"
            "   |  ^\n");
}

TEST(Snippet, LongLinesAreCutAroundTheRange) {
  std::string line(300, 'a');
  line[199] = 'X';  // column 200
  std::string out = render(line + "\n", {primary(1, 200, 1, 201)}, 40);
  // 40 columns from 10 before the caret, with "..." on both sides.
  EXPECT_EQ(out,
            "   |\n"
            " 1 | ..." + std::string(10, 'a') + "X" + std::string(29, 'a') + "...\n"
            "   |    " + std::string(10, ' ') + "^\n");
  // A range near the start: cut on the right only.
  EXPECT_EQ(render(line + "\n", {primary(1, 2, 1, 3)}, 40),
            "   |\n"
            " 1 | " + std::string(40, 'a') + "...\n"
            "   |  ^\n");
  // Near the end: the window ends with the line.
  EXPECT_EQ(render(line + "\n", {primary(1, 300, 1, 301)}, 40),
            "   |\n"
            " 1 | ..." + std::string(40, 'a') + "\n"
            "   |    " + std::string(39, ' ') + "^\n");
}

TEST(Snippet, GapsOfOneLineAreFilledAndLongerOnesElided) {
  std::string src = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";
  EXPECT_EQ(render(src, {primary(10, 1, 10, 4), note(8, 1, 8, 3, "near"), note(2, 1, 2, 3, "far")}),
            "    |\n"
            "  2 | l2\n"
            "    | -- far\n"
            " ...\n"
            "  8 | l8\n"
            "    | -- near\n"
            "  9 | l9\n"
            " 10 | l10\n"
            "    | ^^^\n");
}

TEST(Snippet, MarksOnOneLineGetOneRowEachByColumn) {
  EXPECT_EQ(render("s(std::move(p)); use(*p);\n", {primary(1, 22, 1, 24), note(1, 3, 1, 15, "value moved here")}),
            "   |\n"
            " 1 | s(std::move(p)); use(*p);\n"
            "   |   ------------ value moved here\n"
            "   |                      ^^\n");
}

TEST(Snippet, MarksOutsideTheFileAreLeftOut) {
  EXPECT_EQ(render("a\n", {primary(7, 1, 7, 2)}), "");
  EXPECT_EQ(render("a\n", {primary(0, 1, 0, 2)}), "");
  EXPECT_EQ(render("a\n", {primary(1, 1, 1, 2), note(9, 1, 9, 2, "gone")}),
            "   |\n"
            " 1 | a\n"
            "   | ^\n");
}

TEST(Snippet, ColoursTheGutterAndTheUnderlines) {
  SourceLines src("x = y;\n");
  SnippetStyle style;
  style.color = true;
  style.primaryColor = "\033[1;33m";
  std::vector<std::string> lines = renderSnippet(src, {primary(1, 1, 1, 2), note(1, 5, 1, 6, "from")}, style);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], " \033[1;34m  |\033[0m");
  EXPECT_EQ(lines[1], " \033[1;34m1 |\033[0m x = y;");
  EXPECT_EQ(lines[2], " \033[1;34m  |\033[0m \033[1;33m^\033[0m");
  EXPECT_EQ(lines[3], " \033[1;34m  |\033[0m     \033[1;34m- from\033[0m");
}

Diag moveDiag(const std::string& file) {
  Diag d;
  d.code = Code::UseAfterMove;
  d.range = {file, {0, 3, 4}, {0, 3, 5}};
  d.message = "use of moved value `a`";
  d.notes.push_back({{file, {0, 2, 12}, {0, 2, 24}}, "value moved here"});
  d.notes.push_back({{"/src/other.h", {0, 1, 6}, {0, 1, 7}}, "declared here"});
  d.fixes.push_back({"use the new owner `b` instead", {}, true});
  return d;
}

std::string write(const std::vector<FileOutcome>& outcomes, TextStyle style, SourceCache& cache) {
  std::ostringstream os;
  writeText(os, outcomes, style, cache);
  return os.str();
}

TEST(TextOutput, SnippetUnderTheDiagnosticNotesInOtherFilesUnderTheirLine) {
  SourceCache cache;
  cache.add("/src/a.cpp", "void f() {\n  auto b = std::move(a);\n  *a = 2;\n}\n");
  cache.add("/src/other.h", "void\tg(int);\n");
  FileOutcome o;
  o.diags.push_back(moveDiag("/src/a.cpp"));
  EXPECT_EQ(write({o}, {}, cache),
            "/src/a.cpp:3:4: error: use of moved value `a` [use-after-move]\n"
            "   |\n"
            " 2 |   auto b = std::move(a);\n"
            "   |            ------------ value moved here\n"
            " 3 |   *a = 2;\n"
            "   |    ^\n"
            "/src/a.cpp:2:12: note: value moved here\n"
            "/src/other.h:1:6: note: declared here\n"
            "   |\n"
            " 1 | void    g(int);\n"
            "   |         -\n"
            "  help: use the new owner `b` instead\n"
            "\n"
            "1 error and 0 warnings generated.\n");
}

TEST(TextOutput, ANoteOnThePrimaryRangeLabelsTheCarets) {
  SourceCache cache;
  cache.add("/src/r.cpp", "std::string_view f() {\n  std::string name;\n  return name;\n}\n");
  Diag d;
  d.code = Code::ReturnLocalBorrow;
  d.range = {"/src/r.cpp", {0, 3, 10}, {0, 3, 14}};
  d.message = "cannot return a borrow of local variable `name`";
  d.notes.push_back({d.range, "returns a value referencing data owned by the current function"});
  d.notes.push_back({{"/src/r.cpp", {0, 2, 15}, {0, 2, 19}}, "declared here"});
  FileOutcome o;
  o.diags.push_back(d);
  EXPECT_EQ(write({o}, {}, cache),
            "/src/r.cpp:3:10: error: cannot return a borrow of local variable `name` [return-local-borrow]\n"
            "   |\n"
            " 2 |   std::string name;\n"
            "   |               ---- declared here\n"
            " 3 |   return name;\n"
            "   |          ^^^^ returns a value referencing data owned by the current function\n"
            "/src/r.cpp:3:10: note: returns a value referencing data owned by the current function\n"
            "/src/r.cpp:2:15: note: declared here\n"
            "\n"
            "1 error and 0 warnings generated.\n");
}

TEST(TextOutput, NoSnippetsIsTheLineFormatAndDroppingSnippetLinesGivesIt) {
  SourceCache cache;
  cache.add("/src/a.cpp", "void f() {\n  auto b = std::move(a);\n  *a = 2;\n}\n");
  cache.add("/src/other.h", "void g(int);\n");
  FileOutcome o;
  o.diags.push_back(moveDiag("/src/a.cpp"));
  o.diags.push_back(moveDiag("/src/a.cpp"));
  o.diags.back().severity = Severity::Warning;
  std::string plain = write({o}, {false, false}, cache);
  EXPECT_EQ(plain,
            "/src/a.cpp:3:4: error: use of moved value `a` [use-after-move]\n"
            "/src/a.cpp:2:12: note: value moved here\n"
            "/src/other.h:1:6: note: declared here\n"
            "  help: use the new owner `b` instead\n"
            "/src/a.cpp:3:4: warning: use of moved value `a` [use-after-move]\n"
            "/src/a.cpp:2:12: note: value moved here\n"
            "/src/other.h:1:6: note: declared here\n"
            "  help: use the new owner `b` instead\n"
            "1 error and 1 warning generated.\n");
  // Snippet lines are empty or start with a space and a gutter (` N |`, `   |`, ` ...`).
  std::istringstream in(write({o}, {}, cache));
  std::string filtered, l;
  while (std::getline(in, l)) {
    bool snippetLine = l.empty() || l.rfind(" ...", 0) == 0 ||
                       (l[0] == ' ' && l.find(" |") != std::string::npos && l.rfind("  help:", 0) != 0);
    if (!snippetLine) filtered += l + "\n";
  }
  EXPECT_EQ(filtered, plain);
}

TEST(TextOutput, UnreadableFilesGetNoSnippet) {
  SourceCache cache;
  FileOutcome o;
  o.diags.push_back(moveDiag("/nonexistent/dir/a.cpp"));
  EXPECT_EQ(write({o}, {}, cache),
            "/nonexistent/dir/a.cpp:3:4: error: use of moved value `a` [use-after-move]\n"
            "/nonexistent/dir/a.cpp:2:12: note: value moved here\n"
            "/src/other.h:1:6: note: declared here\n"
            "  help: use the new owner `b` instead\n"
            "\n"
            "1 error and 0 warnings generated.\n");
  EXPECT_EQ(cache.get("/"), nullptr);  // a directory
}

TEST(TextOutput, ColoursLikeClangAndRustc) {
  SourceCache cache;
  cache.add("/src/a.cpp", "x\n");
  Diag d;
  d.code = Code::Leak;
  d.severity = Severity::Warning;
  d.range = {"/src/a.cpp", {0, 1, 1}, {0, 1, 2}};
  d.message = "`p` leaks";
  FileOutcome o;
  o.diags.push_back(d);
  std::string out = write({o}, {false, true}, cache);
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "\033[1m/src/a.cpp:1:1:\033[0m \033[1;33mwarning:\033[0m \033[1m`p` leaks [leak]\033[0m");
  EXPECT_EQ(write({o}, {false, false}, cache).find('\033'), std::string::npos);
}

TEST(TextOutput, ColorWanted) {
  EXPECT_TRUE(colorWanted(ColorMode::Always, false, "1", "dumb"));
  EXPECT_FALSE(colorWanted(ColorMode::Never, true, nullptr, "xterm"));
  EXPECT_TRUE(colorWanted(ColorMode::Auto, true, nullptr, "xterm"));
  EXPECT_TRUE(colorWanted(ColorMode::Auto, true, "", "xterm"));  // NO_COLOR counts only when not empty
  EXPECT_FALSE(colorWanted(ColorMode::Auto, true, "1", "xterm"));
  EXPECT_FALSE(colorWanted(ColorMode::Auto, true, nullptr, "dumb"));
  EXPECT_FALSE(colorWanted(ColorMode::Auto, false, nullptr, "xterm"));
}

TEST(Explain, EveryCodeHasItsPageBuiltIn) {
  for (int i = 0; i < kNumCodes; ++i) {
    std::string name(codeName(static_cast<Code>(i)));
    std::string page, error;
    ASSERT_TRUE(explainCode(name, page, error)) << error;
    std::ifstream in(std::string(OWNERSHIP_SOURCE_DIR) + "/docs/diagnostics/" + name + ".md", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(page, ss.str()) << name;
  }
  std::string viaPrefix, page, error;
  ASSERT_TRUE(explainCode("ownership-leak", viaPrefix, error));
  ASSERT_TRUE(explainCode("leak", page, error));
  EXPECT_EQ(viaPrefix, page);
}

TEST(Explain, UnknownCodeListsTheCodes) {
  std::string page, error;
  EXPECT_FALSE(explainCode("use-after-free", page, error));
  EXPECT_NE(error.find("unknown code 'use-after-free'"), std::string::npos) << error;
  EXPECT_NE(error.find("use-after-move, use-after-release,"), std::string::npos) << error;
  EXPECT_NE(error.find("unused-suppression"), std::string::npos) << error;
  EXPECT_FALSE(explainCode("ownership-", page, error));
}

bool parse(std::vector<const char*> argv, Options& o, std::string& err) {
  argv.insert(argv.begin(), "ownership-check");
  return parseOptions(static_cast<int>(argv.size()), argv.data(), o, err);
}

TEST(Options, TerminalOptions) {
  Options o;
  std::string err;
  ASSERT_TRUE(parse({"a.cpp"}, o, err));
  EXPECT_TRUE(o.snippets);
  EXPECT_EQ(o.color, ColorMode::Auto);
  ASSERT_TRUE(parse({"--no-snippets", "--color=always", "a.cpp"}, o, err)) << err;
  EXPECT_FALSE(o.snippets);
  EXPECT_EQ(o.color, ColorMode::Always);
  Options n;
  ASSERT_TRUE(parse({"--color=never", "a.cpp"}, n, err));
  EXPECT_EQ(n.color, ColorMode::Never);
  Options bad;
  EXPECT_FALSE(parse({"--color=sometimes", "a.cpp"}, bad, err));
  EXPECT_NE(err.find("expected auto, always or never"), std::string::npos) << err;
  EXPECT_FALSE(parse({"--color", "a.cpp"}, bad, err));
  // --explain needs no file; both spellings.
  Options e;
  ASSERT_TRUE(parse({"--explain", "leak"}, e, err)) << err;
  EXPECT_EQ(e.explain, "leak");
  Options e2;
  ASSERT_TRUE(parse({"--explain=ownership-leak"}, e2, err)) << err;
  EXPECT_EQ(e2.explain, "ownership-leak");
  Options e3;
  EXPECT_FALSE(parse({"--explain"}, e3, err));
  EXPECT_NE(std::string(usage()).find("--no-snippets"), std::string::npos);
  EXPECT_NE(std::string(usage()).find("--color=WHEN"), std::string::npos);
  EXPECT_NE(std::string(usage()).find("--explain CODE"), std::string::npos);
}

}  // namespace

// Tests of the depth limits (issue 17): the parse guards stop Clang before its recursion exhausts the
// stack, the nesting cap skips a too-deep body, and long but flat code is left alone.
#include <gtest/gtest.h>

#include <string>

#include "analysis/FileAnalysis.h"
#include "analysis/ParseGuard.h"
#include "analysis/ParsedFile.h"
#include "analysis/Stack.h"

using namespace ownership;

namespace {

const std::vector<std::string> kFlags = {"-std=c++20"};

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `n` copies of `term` joined by `op`.
std::string chain(const std::string& term, const std::string& op, size_t n) {
  std::string out = term;
  for (size_t i = 1; i < n; ++i) out += op + term;
  return out;
}

const std::string kUseAfterMove =
    "#include <memory>\n#include <utility>\n"
    "void before() { auto p = std::make_unique<int>(1); auto q = std::move(p); *p = 2; }\n";

std::string firstError(const ParsedFile& pf) { return pf.errors().empty() ? "" : pf.errors().front(); }

}  // namespace

// These run on the test's own thread (8 MiB): the guards scale with the stack the parse starts on.
TEST(ParseGuard, StopsNestingDeeperThanTheStackHolds) {
  std::string text = kUseAfterMove + "int f(int a) { return " + repeat("- ", 200000) + "a; }\n";
  auto pf = ParsedFile::build("/tmp/depth-unary.cpp", text, kFlags, nullptr);
  ASSERT_FALSE(pf->fatal());
  EXPECT_NE(firstError(*pf).find("nesting too deep to analyse: parsing stopped here"), std::string::npos)
      << firstError(*pf);
  // What came before the stop is still analysed.
  FileResult r = analyzeAST(*pf->context());
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, Code::UseAfterMove);
}

// Member functions defined in their class are parsed after it, from stored tokens the guard does not
// see again: the nesting it counted when they were stored stops them.
TEST(ParseGuard, StopsNestingInAMemberFunctionParsedLater) {
  size_t n = maxNestingFor(stackLeft()) * 4;
  for (const std::string& body : {"return " + repeat("- ", n) + "a;", repeat("if (a) return 1; else ", n) + "return 0;",
                                  "return " + repeat("(int)", n) + "a;"}) {
    std::string text = kUseAfterMove + "struct S { int f(int a) { " + body + " } };\n";
    auto pf = ParsedFile::build("/tmp/depth-member.cpp", text, kFlags, nullptr);
    ASSERT_FALSE(pf->fatal());
    EXPECT_NE(firstError(*pf).find("nesting too deep to analyse: parsing stopped here"), std::string::npos)
        << body.substr(0, 40) << ": " << firstError(*pf);
  }
}

// A macro expanding to more nesting than the stack holds: its remaining tokens are cut off too.
TEST(ParseGuard, StopsNestingInsideAMacroExpansion) {
  std::string text = kUseAfterMove +
                     "#define A(x) - - - - - - - - x\n#define B(x) A(A(A(A(A(A(A(A(x))))))))\n"
                     "#define C(x) B(B(B(B(B(B(B(B(x))))))))\n"
                     "int f(int a) { return C(C(a)) + 1; }\nint g(int a) { return a; }\n";
  ASSERT_LT(maxNestingFor(stackLeft()), size_t(4096));  // on this thread C(C(a)) is too deep
  auto pf = ParsedFile::build("/tmp/depth-macro.cpp", text, kFlags, nullptr);
  ASSERT_FALSE(pf->fatal());
  EXPECT_NE(firstError(*pf).find("nesting too deep to analyse: parsing stopped here"), std::string::npos)
      << firstError(*pf);
  FileResult r = analyzeAST(*pf->context());
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, Code::UseAfterMove);
}

TEST(ParseGuard, StopsAnExpressionWithTooManyOperators) {
  size_t n = maxOperatorsFor(stackLeft()) + 1000;
  for (const char* op : {", ", " + ", "."}) {
    std::string text = std::string(op) == "." ? "struct B { B& b; };\nB& f(B& x) { return x" + repeat(".b", n) + "; }\n"
                                              : "int f(int a) { return (" + chain("a", op, n) + "); }\n";
    auto pf = ParsedFile::build("/tmp/depth-ops.cpp", text, kFlags, nullptr);
    ASSERT_FALSE(pf->fatal());
    EXPECT_NE(firstError(*pf).find("expression too long to analyse (more than"), std::string::npos)
        << op << ": " << firstError(*pf);
  }
}

// Long code that is not deep: tables, argument lists, many statements and functions.
TEST(ParseGuard, LeavesLongFlatCodeAlone) {
  size_t n = maxOperatorsFor(stackLeft()) * 2;
  std::string text = "const int table[] = {" + chain("1", ",", n) + "};\n" +
                     "const int negative[] = {" + chain("-1", ", ", n) + "};\n" +
                     "const int pairs[][2] = {" + chain("{1, -2}", ", ", n / 2) + "};\n" +
                     "int printf(const char*, ...);\n" + "int g() { return printf(\"\"" + repeat(", 1", n) + "); }\n" +
                     "int h(int a) { " + repeat("a = a + 1; ", n / 2) + "return a; }\n";
  // Function bodies end statements even without a `;` after them.
  for (size_t i = 0; i < n / 4; ++i)
    text += "int f" + std::to_string(i) + "(int* p) { if (p) { return p[0] + 1; } return 0; }\n";
  auto pf = ParsedFile::build("/tmp/depth-flat.cpp", text, kFlags, nullptr);
  ASSERT_FALSE(pf->fatal());
  EXPECT_FALSE(pf->hasErrors()) << firstError(*pf);
}

TEST(NestingCap, SkipsABodyNestedDeeperThanTheCapAndLogsIt) {
  std::string text = kUseAfterMove + "int deep(int a) { return " + chain("a", " + ", 3000) + "; }\n" +
                     "int shallow(int a) { return " + chain("a", " + ", 1500) + "; }\n";
  auto pf = ParsedFile::build("/tmp/depth-cap.cpp", text, kFlags, nullptr);
  ASSERT_FALSE(pf->fatal());
  ASSERT_FALSE(pf->hasErrors()) << firstError(*pf);
  FileResult r = analyzeAST(*pf->context());
  EXPECT_EQ(r.stats.skippedCap, 1u);
  EXPECT_EQ(r.stats.analysed, 2u);  // before() and shallow()
  ASSERT_EQ(r.diags.size(), 1u);
  bool logged = false;
  for (const std::string& l : r.log)
    logged = logged || l == "skipped `deep`: nesting cap of 2048 levels reached (statements and expressions)";
  EXPECT_TRUE(logged);
}

TEST(Stack, AnalysisStackIsTheBigOne) {
  size_t left = 0;
  runOnAnalysisStack([&] { left = stackLeft(); });
  EXPECT_GT(left, size_t(kAnalysisStackSize) - (1u << 20));
  EXPECT_LE(left, size_t(kAnalysisStackSize));
}

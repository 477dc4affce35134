// Tests of ownership-check: option parsing, SARIF shape, and the built binary's exit
// statuses and messages on good, bad and missing input.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/Options.h"
#include "cli/Sarif.h"

using namespace ownership;
using namespace ownership::cli;

namespace {

bool parse(std::vector<const char*> argv, Options& o, std::string& err) {
  argv.insert(argv.begin(), "ownership-check");
  return parseOptions(static_cast<int>(argv.size()), argv.data(), o, err);
}

TEST(Options, FilesFlagsFormatJobs) {
  Options o;
  std::string err;
  ASSERT_TRUE(parse({"a.cpp", "-p", "build", "--format=sarif", "-j", "3", "b.cpp", "--", "-std=c++17", "-DX"}, o, err));
  EXPECT_EQ(o.files, std::vector<std::string>({"a.cpp", "b.cpp"}));
  EXPECT_EQ(o.buildDir, "build");
  EXPECT_EQ(o.format, Format::Sarif);
  EXPECT_EQ(o.jobs, 3u);
  EXPECT_EQ(o.extraFlags, std::vector<std::string>({"-std=c++17", "-DX"}));
}

// CMake's CMAKE_CXX_CLANG_TIDY passes the whole compile command after `--`.
TEST(Options, CompilerCommandAfterDashDashIsReducedToFlags) {
  Options o;
  std::string err;
  ASSERT_TRUE(parse({"--extra-arg-before=--driver-mode=g++", "/src/a.cpp", "--", "/usr/bin/c++", "-DX=1", "-I/inc",
                     "-std=gnu++20", "-MD", "-MT", "a.o", "-MF", "a.o.d", "-o", "a.o", "-c", "/src/a.cpp"},
                    o, err))
      << err;
  EXPECT_EQ(o.files, std::vector<std::string>{"/src/a.cpp"});
  EXPECT_EQ(o.extraFlags, (std::vector<std::string>{"-DX=1", "-I/inc", "-std=gnu++20"}));
  EXPECT_EQ(o.extraArgsBefore, std::vector<std::string>{"--driver-mode=g++"});
}

TEST(Options, BadInputGivesOneLineErrors) {
  Options o;
  std::string err;
  EXPECT_FALSE(parse({"--format=xml", "a.cpp"}, o, err));
  EXPECT_NE(err.find("unknown format"), std::string::npos);
  EXPECT_FALSE(parse({"-j", "zero", "a.cpp"}, o, err));
  EXPECT_FALSE(parse({"--bogus", "a.cpp"}, o, err));
  EXPECT_NE(err.find("unknown option"), std::string::npos);
  Options none;
  EXPECT_FALSE(parse({}, none, err));
  EXPECT_NE(err.find("no input files"), std::string::npos);
}

TEST(Options, ConfigurationOverrides) {
  Options o;
  std::string err;
  ASSERT_TRUE(parse({"--config-file=cfg.yaml", "--checks", "-*,leak", "--profile=safety", "--header-filter=x", "a.cpp"},
                    o, err)) << err;
  EXPECT_EQ(o.configFile, "cfg.yaml");
  EXPECT_EQ(o.checks, "-*,leak");
  EXPECT_EQ(o.profile, "safety");
  EXPECT_TRUE(o.headerFilterGiven);
  EXPECT_EQ(o.headerFilter, "x");
  Options bad;
  EXPECT_FALSE(parse({"--checks=lek", "a.cpp"}, bad, err));
  EXPECT_NE(err.find("--checks: 'lek' names no diagnostic code"), std::string::npos) << err;
  EXPECT_FALSE(parse({"--profile=lax", "a.cpp"}, bad, err));
  EXPECT_NE(err.find("unknown profile 'lax'"), std::string::npos) << err;
  EXPECT_FALSE(parse({"a.cpp", "--config-file"}, bad, err));
}

TEST(Sarif, ListsAllRulesAndMapsFields) {
  FileOutcome o;
  o.path = "/tmp/a b.cpp";
  o.ok = true;
  Diag d;
  d.code = Code::Leak;
  d.severity = Severity::Warning;
  d.range = {"/tmp/a b.cpp", {10, 2, 3}, {14, 2, 7}};
  d.message = "`p` leaks";
  d.notes.push_back({{"/tmp/a b.cpp", {20, 3, 1}, {21, 3, 2}}, "`p` leaks on this path"});
  o.diags.push_back(d);
  auto j = nlohmann::json::parse(toSarif({o}));
  EXPECT_EQ(j["version"], "2.1.0");
  auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "ownership-check");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), 14u);  // 13 checks and unused-suppression
  auto& r = run["results"][0];
  EXPECT_EQ(r["ruleId"], "leak");
  EXPECT_EQ(r["level"], "warning");
  EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "file:///tmp/a%20b.cpp");
  EXPECT_EQ(r["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
  EXPECT_EQ(r["locations"][0]["physicalLocation"]["region"]["startColumn"], 3);
  EXPECT_EQ(r["locations"][0]["physicalLocation"]["region"]["endColumn"], 7);
  EXPECT_EQ(r["relatedLocations"][0]["message"]["text"], "`p` leaks on this path");
}

struct CheckRun {
  int status;
  std::string out;
};

CheckRun runChecker(const std::string& args) {
  std::string cmd = std::string(OWNERSHIP_BINARY_DIR) + "/ownership-check " + args + " 2>&1";
  CheckRun r{0, ""};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  return r;
}

std::string writeTemp(const std::string& name, const std::string& text) {
  std::string path = testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(Binary, ExitStatuses) {
  std::string clean = writeTemp("clean.cpp", "int f() { int x = 1; return x; }\n");
  std::string bad = writeTemp("bad.cpp", "#include <memory>\n#include <utility>\nvoid s(std::unique_ptr<int>);\n"
                                         "int f() { auto p = std::make_unique<int>(1); s(std::move(p)); return *p; }\n");
  std::string broken = writeTemp("broken.cpp", "int f( { return ; \n");
  EXPECT_EQ(runChecker(clean).status, 0);
  CheckRun r = runChecker(bad);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("error: use of moved value `p` [use-after-move]"), std::string::npos) << r.out;
  CheckRun b = runChecker(broken);
  EXPECT_EQ(b.status, 2);
  EXPECT_NE(b.out.find("does not compile"), std::string::npos) << b.out;
  CheckRun m = runChecker("/nonexistent/file.cpp");
  EXPECT_EQ(m.status, 2);
  EXPECT_NE(m.out.find("cannot read file"), std::string::npos) << m.out;
  EXPECT_EQ(runChecker("--format=yaml " + clean).status, 2);
}

TEST(Binary, CompileCommandsAndSarif) {
  std::string dir = testing::TempDir() + "db/";
  std::system(("mkdir -p " + dir).c_str());
  std::string file = writeTemp("db/uses_macro.cpp", "#ifndef NEEDED\n#error needs -DNEEDED\n#endif\nint f() { return 0; }\n");
  std::ofstream(dir + "compile_commands.json")
      << "[{\"directory\": \"" << dir << "\", \"command\": \"c++ -std=c++20 -DNEEDED -c uses_macro.cpp -o x.o\", "
      << "\"file\": \"" << file << "\"}]";
  CheckRun r = runChecker("-p " + dir + " --format=sarif " + file);
  EXPECT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["runs"][0]["results"].size(), 0u);
  EXPECT_EQ(runChecker(file).status, 2);  // without the database the #error fires
}

// Spec §7: a baseline keeps matching after lines are inserted above its findings; a new bug is
// reported alone and decides the exit status.
TEST(Binary, BaselineSurvivesEditsAboveAndReportsOnlyNewFindings) {
  std::string dir = testing::TempDir() + "baseline/";
  std::system(("rm -rf " + dir + " && mkdir -p " + dir + " && mkdir -p " + dir + ".git").c_str());
  std::string head = "#include <memory>\n#include <utility>\nvoid s(std::unique_ptr<int>);\n";
  std::string oldBug = "int f() { auto p = std::make_unique<int>(1); s(std::move(p)); return *p; }\n";
  std::string file = writeTemp("baseline/legacy.cpp", head + oldBug);
  CheckRun first = runChecker("--format=sarif " + file);
  ASSERT_EQ(first.status, 1) << first.out;
  auto j = nlohmann::json::parse(first.out);
  ASSERT_EQ(j["runs"][0]["results"].size(), 1u);
  std::string fp = j["runs"][0]["results"][0]["partialFingerprints"]["ownership/v1"];
  EXPECT_EQ(fp.size(), 16u);
  std::ofstream(dir + "old.sarif") << first.out;
  // Lines inserted above the finding: the same fingerprint, nothing new.
  writeTemp("baseline/legacy.cpp", head + "// a comment\n\nint unrelated() { return 1; }\n" + oldBug);
  CheckRun moved = runChecker("--format=sarif " + file);
  auto jm = nlohmann::json::parse(moved.out);
  ASSERT_EQ(jm["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(jm["runs"][0]["results"][0]["partialFingerprints"]["ownership/v1"], fp);
  CheckRun quiet = runChecker("--baseline=" + dir + "old.sarif " + file);
  EXPECT_EQ(quiet.status, 0) << quiet.out;
  // A new bug: reported alone.
  std::string newBug = "int g() { auto q = std::make_unique<int>(2); s(std::move(q)); return *q; }\n";
  writeTemp("baseline/legacy.cpp", head + "// a comment\n\nint unrelated() { return 1; }\n" + oldBug + newBug);
  CheckRun fresh = runChecker("--format=sarif --baseline=" + dir + "old.sarif " + file);
  EXPECT_EQ(fresh.status, 1);
  auto jf = nlohmann::json::parse(fresh.out);
  ASSERT_EQ(jf["runs"][0]["results"].size(), 1u) << fresh.out;
  EXPECT_EQ(jf["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 8);
  EXPECT_EQ(runChecker("--baseline=" + dir + "missing.sarif " + file).status, 2);
}

// Spec §7: NOLINT comments silence findings in the CLI too; an unmatched NOLINTBEGIN is a warning.
TEST(Binary, SuppressionsAndUnmatchedRegions) {
  std::string src = "#include <memory>\n#include <utility>\nvoid s(std::unique_ptr<int>);\n"
                    "int f() { auto p = std::make_unique<int>(1); s(std::move(p)); return *p; }  "
                    "// NOLINT(ownership-use-after-move) known\n"
                    "// NOLINTBEGIN(ownership-leak)\n";
  std::string file = writeTemp("suppressed.cpp", src);
  CheckRun r = runChecker(file);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("NOLINTBEGIN without a matching NOLINTEND"), std::string::npos) << r.out;
  // --warn-unused-suppressions: a NOLINT naming an ownership check that silenced nothing.
  std::string unused = writeTemp("unused_nolint.cpp", "int f() { return 1; }  // NOLINT(ownership-leak) stale\n"
                                                      "int g() { return 2; }  // NOLINT(bugprone-foo)\n");
  EXPECT_EQ(runChecker(unused).out.find("unused-suppression"), std::string::npos);
  CheckRun w = runChecker("--warn-unused-suppressions " + unused);
  EXPECT_EQ(w.status, 0) << w.out;
  EXPECT_NE(w.out.find("unused_nolint.cpp:1:27: warning: `NOLINT(ownership-leak)` suppresses nothing [unused-suppression]"),
            std::string::npos)
      << w.out;
  EXPECT_EQ(w.out.find(":2:"), std::string::npos) << w.out;
  CheckRun used = runChecker("--warn-unused-suppressions " + file);
  EXPECT_EQ(used.out.find("unused-suppression"), std::string::npos) << used.out;
}

// Spec §7: --diff keeps only the findings on lines the diff adds; a path in the diff matches the
// file's absolute path by suffix (diffs name paths from the repository root).
TEST(Binary, DiffKeepsOnlyFindingsOnAddedLines) {
  std::system(("mkdir -p " + testing::TempDir() + "diffmode/src").c_str());
  std::string head = "#include <memory>\n#include <utility>\nvoid s(std::unique_ptr<int>);\n";
  std::string file = writeTemp("diffmode/src/touched.cpp",
                               head +
                                   "int f() { auto p = std::make_unique<int>(1); s(std::move(p)); return *p; }\n"
                                   "int g() { auto q = std::make_unique<int>(2); s(std::move(q)); return *q; }\n");
  std::string diff = writeTemp("diffmode/change.diff",
                               "diff --git a/src/touched.cpp b/src/touched.cpp\n"
                               "--- a/src/touched.cpp\n+++ b/src/touched.cpp\n"
                               "@@ -4,0 +5 @@ int f()\n"
                               "+int g() { auto q = std::make_unique<int>(2); s(std::move(q)); return *q; }\n");
  CheckRun all = runChecker(file);
  EXPECT_NE(all.out.find(":4:"), std::string::npos) << all.out;
  CheckRun r = runChecker("--diff=" + diff + " " + file);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out.find(":4:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("touched.cpp:5:"), std::string::npos) << r.out;
  // Read from standard input; a diff that touches another file keeps nothing here.
  std::string other = writeTemp("diffmode/other.diff", "--- a/x.cpp\n+++ b/x.cpp\n@@ -1 +1 @@\n-a\n+b\n");
  EXPECT_EQ(runChecker("--diff=- " + file + " < " + other).status, 0);
  std::string junk = writeTemp("diffmode/junk.diff", "not a diff\n");
  CheckRun j = runChecker("--diff=" + junk + " " + file);
  EXPECT_EQ(j.status, 2);
  EXPECT_NE(j.out.find("not a unified diff"), std::string::npos) << j.out;
}

// Spec §7: --export-fixes writes clang-apply-replacements' YAML; --fix applies the preferred fixes in
// place, after which the file checks clean.
TEST(Binary, ExportFixesAndFixInPlace) {
  std::string file = writeTemp("fixme.cpp", "#include <string>\n#include <utility>\nstd::size_t f() {\n"
                                            "  std::string s = \"x\";\n  std::string t = std::move(s);\n"
                                            "  return s.size() + t.size();\n}\n");
  std::string yaml = testing::TempDir() + "fixes.yaml";
  CheckRun e = runChecker("--export-fixes=" + yaml + " " + file);
  EXPECT_EQ(e.status, 0) << e.out;  // a warning
  std::ifstream in(yaml);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string y = ss.str();
  EXPECT_NE(y.find("MainSourceFile: \"" + file + "\""), std::string::npos) << y;
  EXPECT_NE(y.find("DiagnosticName: \"ownership-use-after-move\""), std::string::npos) << y;
  EXPECT_NE(y.find("ReplacementText: \"s\""), std::string::npos) << y;
  CheckRun f = runChecker("--fix " + file);
  EXPECT_NE(f.out.find("applied 1 fix"), std::string::npos) << f.out;
  std::ifstream fixed(file);
  std::stringstream fs;
  fs << fixed.rdbuf();
  EXPECT_NE(fs.str().find("std::string t = s;"), std::string::npos) << fs.str();
  CheckRun after = runChecker(file);
  EXPECT_EQ(after.out.find("use-after-move"), std::string::npos) << after.out;
}

// Spec §7: .ownership.yaml beside the sources changes what is reported and the exit status; the
// command line overrides it; a bad file stops the run with its file and line.
TEST(Binary, ConfigurationFileAndOverrides) {
  std::string dir = testing::TempDir() + "configured/";
  std::system(("rm -rf " + dir + " && mkdir -p " + dir + "sub").c_str());
  std::string bug = "#include <memory>\n#include <utility>\n#include <string>\nvoid s(std::unique_ptr<int>);\n"
                    "int f() { auto p = std::make_unique<int>(1); s(std::move(p)); return *p; }\n";
  std::string file = writeTemp("configured/sub/a.cpp", bug);
  EXPECT_EQ(runChecker(file).status, 1);
  std::ofstream(dir + ".ownership.yaml") << "Checks: '*,-use-after-move'\n";
  CheckRun off = runChecker(file);
  EXPECT_EQ(off.status, 0) << off.out;
  EXPECT_EQ(off.out.find("use-after-move"), std::string::npos) << off.out;
  // --checks is applied after the file's Checks.
  EXPECT_EQ(runChecker("--checks=use-after-move " + file).status, 1);
  // Severity: a warning does not fail the run; WarningsAsErrors makes it an error again.
  std::ofstream(dir + ".ownership.yaml") << "Severity: { use-after-move: warning }\n";
  CheckRun warn = runChecker(file);
  EXPECT_EQ(warn.status, 0) << warn.out;
  EXPECT_NE(warn.out.find("warning: use of moved value `p` [use-after-move]"), std::string::npos) << warn.out;
  std::ofstream(dir + "sub/.ownership.yaml") << "InheritParentConfig: true\nWarningsAsErrors: 'use-*'\n";
  EXPECT_EQ(runChecker(file).status, 1);
  // --config-file instead of the search; --profile over the file's Profile.
  std::ofstream(dir + "strict.yaml") << "Profile: strict\n";
  std::string esc = "#include <string>\n#include <string_view>\nstd::string_view g;\n"
                    "void login(const std::string& user) { g = user; }\n";
  std::string escFile = writeTemp("configured/esc.cpp", esc);
  std::ofstream(dir + ".ownership.yaml") << "Profile: safety\n";
  EXPECT_EQ(runChecker(escFile).status, 0);
  CheckRun strict = runChecker("--config-file=" + dir + "strict.yaml " + escFile);
  EXPECT_EQ(strict.status, 0) << strict.out;  // borrow-escapes is a warning
  EXPECT_NE(strict.out.find("[borrow-escapes]"), std::string::npos) << strict.out;
  EXPECT_EQ(runChecker("--config-file=" + dir + "strict.yaml --profile=safety " + escFile).status, 0);
  // A bad file: exit 2 with its path and line, once.
  std::ofstream(dir + ".ownership.yaml") << "Checks: '*'\nProfile: safety\nChekcs: 'leak'\n";
  CheckRun bad = runChecker(escFile + " " + escFile);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find(dir + ".ownership.yaml:3:1: unknown key 'Chekcs'"), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("Chekcs"), bad.out.rfind("Chekcs")) << bad.out;
  EXPECT_EQ(runChecker("--config-file=" + dir + "missing.yaml " + escFile).status, 2);
}

// Spec §5, the terminal: snippets by default (no colour in a pipe), --no-snippets, --color,
// --explain from the pages built in, and the text a --fix run shows is the text it checked.
TEST(Binary, SnippetsColourAndExplain) {
  std::string file = writeTemp("terminal.cpp", "#include <memory>\n#include <utility>\nvoid s(std::unique_ptr<int>);\n"
                                               "int f() {\n  auto p = std::make_unique<int>(1);\n  s(std::move(p));\n"
                                               "  return *p;\n}\n");
  CheckRun r = runChecker(file);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(":7:11: error: use of moved value `p` [use-after-move]\n   |\n 6 |   s(std::move(p));\n"
                       "   |     --- value moved here\n 7 |   return *p;\n   |           ^\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find('\033'), std::string::npos) << r.out;
  CheckRun plain = runChecker("--no-snippets " + file);
  EXPECT_EQ(plain.out.find(" |"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find(":6:5: note: value moved here\n  help: use the value before the move\n1 error"),
            std::string::npos)
      << plain.out;
  EXPECT_NE(runChecker("--color=always " + file).out.find("\033[1;31merror:\033[0m"), std::string::npos);
  EXPECT_NE(runChecker("--color=always " + file + " | cat").out.find('\033'), std::string::npos);  // always: even in a pipe
  CheckRun badColor = runChecker("--color=rainbow " + file);
  EXPECT_EQ(badColor.status, 2);
  EXPECT_NE(badColor.out.find("unknown --color value 'rainbow' (expected auto, always or never)"), std::string::npos);

  CheckRun page = runChecker("--explain ownership-use-after-move");
  EXPECT_EQ(page.status, 0);
  std::ifstream in(std::string(OWNERSHIP_SOURCE_DIR) + "/docs/diagnostics/use-after-move.md", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(page.out, ss.str());
  CheckRun unknown = runChecker("--explain use-after-free");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("unknown code 'use-after-free' (the codes are: use-after-move, use-after-release, "),
            std::string::npos)
      << unknown.out;
  EXPECT_NE(runChecker("--help").out.find("--explain CODE"), std::string::npos);

  std::string fixme = writeTemp("terminal_fix.cpp", "#include <string>\n#include <utility>\nstd::size_t f() {\n"
                                                    "  std::string s = \"x\";\n  std::string t = std::move(s);\n"
                                                    "  return s.size() + t.size();\n}\n");
  CheckRun f = runChecker("--fix " + fixme);
  EXPECT_NE(f.out.find(" 5 |   std::string t = std::move(s);\n"), std::string::npos) << f.out;
}

}  // namespace

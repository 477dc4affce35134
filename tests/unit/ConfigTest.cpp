// Tests of `.ownership.yaml` (spec §7): every key, globs, profiles, inheritance, the cache, errors with lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/Config.h"

using namespace ownership;
namespace fs = std::filesystem;

namespace {

ConfigFile parsed(const std::string& text) {
  ConfigFile f;
  std::string err;
  EXPECT_TRUE(parseConfigText(text, "/p/.ownership.yaml", f, err)) << err;
  return f;
}

std::string parseError(const std::string& text) {
  ConfigFile f;
  std::string err;
  EXPECT_FALSE(parseConfigText(text, "/p/.ownership.yaml", f, err)) << text;
  return err;
}

Config configOf(const std::string& text) {
  Config c;
  c.mergeFrom(parsed(text));
  return c;
}

Diag diag(Code code, Severity s = Severity::Error) {
  Diag d;
  d.code = code;
  d.severity = s;
  return d;
}

// A fresh directory tree under the test temp dir.
fs::path freshDir(const std::string& name) {
  fs::path d = fs::path(::testing::TempDir()) / ("ownership-config-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST(Config, DefaultsEnableEverything) {
  Config c;
  for (int i = 0; i < kNumCodes; ++i) EXPECT_TRUE(c.enabled(static_cast<Code>(i)));
  Config empty = configOf("");
  EXPECT_TRUE(empty.enabled(Code::BorrowEscapes));
  Config comments = configOf("# nothing here\n");
  EXPECT_TRUE(comments.enabled(Code::MissingLifetime));
}

TEST(Config, ChecksGlobs) {
  Config c = configOf("Checks: '*,-borrow-escapes'\n");
  EXPECT_FALSE(c.enabled(Code::BorrowEscapes));
  EXPECT_TRUE(c.enabled(Code::Leak));
  // Adding first starts from none; removing first starts from all.
  Config only = configOf("Checks: 'leak, use-after-*'\n");
  EXPECT_TRUE(only.enabled(Code::Leak));
  EXPECT_TRUE(only.enabled(Code::UseAfterMove));
  EXPECT_TRUE(only.enabled(Code::UseAfterRelease));
  EXPECT_FALSE(only.enabled(Code::Dangling));
  Config minus = configOf("Checks: -missing-lifetime\n");
  EXPECT_FALSE(minus.enabled(Code::MissingLifetime));
  EXPECT_TRUE(minus.enabled(Code::Dangling));
  // The last match wins; clang-tidy's `ownership-` names are accepted; a YAML list too.
  Config last = configOf("Checks: '-*,ownership-leak,-leak,dangling'\n");
  EXPECT_FALSE(last.enabled(Code::Leak));
  EXPECT_TRUE(last.enabled(Code::Dangling));
  Config list = configOf("Checks:\n  - '-*'\n  - leak\n");
  EXPECT_TRUE(list.enabled(Code::Leak));
  EXPECT_FALSE(list.enabled(Code::Dangling));
  // An empty Checks changes nothing.
  EXPECT_TRUE(configOf("Checks: ''\n").enabled(Code::Dangling));
}

TEST(Config, ProfileAndChecksCombine) {
  Config safety = configOf("Profile: safety\n");
  for (Code c : {Code::ConflictingBorrow, Code::BorrowEscapes, Code::MissingLifetime}) EXPECT_FALSE(safety.enabled(c));
  for (Code c : {Code::UseAfterMove, Code::UseAfterRelease, Code::DoubleRelease, Code::Leak, Code::ReleaseOfBorrow,
                 Code::Dangling, Code::ReturnLocalBorrow, Code::MutateWhileBorrowed, Code::MoveWhileBorrowed,
                 Code::InvalidAnnotation})
    EXPECT_TRUE(safety.enabled(c));
  // Both must allow a code: Checks cannot bring back what the profile drops.
  Config both = configOf("Profile: safety\nChecks: '*,-leak'\n");
  EXPECT_FALSE(both.enabled(Code::Leak));
  EXPECT_FALSE(both.enabled(Code::BorrowEscapes));
  EXPECT_TRUE(configOf("Profile: strict\n").enabled(Code::BorrowEscapes));
}

TEST(Config, SeverityAndWarningsAsErrors) {
  Config c = configOf(
      "Severity: { missing-lifetime: off, conflicting-borrow: warning, dangling: note }\n"
      "WarningsAsErrors: 'leak'\n");
  std::vector<Diag> diags = {diag(Code::MissingLifetime, Severity::Warning), diag(Code::ConflictingBorrow),
                             diag(Code::Dangling), diag(Code::Leak, Severity::Warning), diag(Code::UseAfterMove)};
  applyConfig(c, diags);
  ASSERT_EQ(diags.size(), 4u);
  EXPECT_EQ(diags[0].code, Code::ConflictingBorrow);
  EXPECT_EQ(diags[0].severity, Severity::Warning);
  EXPECT_EQ(diags[1].severity, Severity::Hint);
  EXPECT_EQ(diags[2].severity, Severity::Error);  // leak: warning as error
  EXPECT_EQ(diags[3].severity, Severity::Error);  // untouched
  // Block mapping form; disabled codes are dropped.
  Config block = configOf("Checks: '*,-leak'\nSeverity:\n  use-after-move: warning\n");
  std::vector<Diag> d2 = {diag(Code::Leak), diag(Code::UseAfterMove)};
  applyConfig(block, d2);
  ASSERT_EQ(d2.size(), 1u);
  EXPECT_EQ(d2[0].severity, Severity::Warning);
}

TEST(Config, HeaderFilterIsRelativeToTheConfigDirectory) {
  ConfigFile f = parsed("HeaderFilterRegex: '^src/'\n");
  Config c;
  c.mergeFrom(f);
  ASSERT_TRUE(c.headerFilterRegex);
  EXPECT_TRUE(c.headerMatches("/p/src/a.h"));
  EXPECT_FALSE(c.headerMatches("/p/third_party/src/a.h"));
  EXPECT_FALSE(c.headerMatches("/other/src/a.h"));
  EXPECT_TRUE(Config().headerMatches("/anything.h"));
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(parseError("Checks: '*'\nProfile: strict\nChekcs: 'leak'\n"),
            "/p/.ownership.yaml:3:1: unknown key 'Chekcs' (expected Checks, Profile, WarningsAsErrors, Severity, "
            "HeaderFilterRegex, InheritParentConfig); did you mean 'Checks'?");
  EXPECT_NE(parseError("\nProfile: paranoid\n").find("/p/.ownership.yaml:2:10: Profile: 'paranoid' is not strict or safety"),
            std::string::npos);
  EXPECT_NE(parseError("Checks: '*,-use-after-mvoe'\n").find(":1:9: Checks: '-use-after-mvoe' names no diagnostic code"),
            std::string::npos);
  EXPECT_NE(parseError("Severity:\n  leek: off\n").find(":2:3: Severity: unknown diagnostic code 'leek'"),
            std::string::npos);
  EXPECT_NE(parseError("Severity: { leak: loud }\n").find(":1:19: Severity: 'loud' for leak is not off, error"),
            std::string::npos);
  EXPECT_NE(parseError("WarningsAsErrors: 'lek'\n").find(":1:19: WarningsAsErrors: 'lek' names no diagnostic code"),
            std::string::npos);
  EXPECT_NE(parseError("InheritParentConfig: maybe\n").find(":1:22: InheritParentConfig: 'maybe' is not true or false"),
            std::string::npos);
  EXPECT_NE(parseError("HeaderFilterRegex: '(src'\n").find(":1:20: HeaderFilterRegex: invalid regular expression"),
            std::string::npos);
  EXPECT_NE(parseError("Checks: *,-leak\n").find(":1:9: Got empty alias or anchor (a value starting with '*' must be quoted"),
            std::string::npos);
  EXPECT_NE(parseError("Checks: 'a'\nChecks: 'leak'\n").find(":1:9:"), std::string::npos);  // 'a' names no code
  EXPECT_NE(parseError("Profile: safety\nProfile: strict\n").find(":2:1: duplicate key 'Profile'"), std::string::npos);
  EXPECT_NE(parseError("- leak\n").find(":1:1: expected a mapping of keys"), std::string::npos);
  // YAML syntax errors carry the parser's position.
  std::string syntax = parseError("Checks: 'leak\nProfile: safety\n");
  EXPECT_EQ(syntax.rfind("/p/.ownership.yaml:", 0), 0u) << syntax;
  std::string flow = parseError("Severity: { leak: off\n");
  EXPECT_EQ(flow.rfind("/p/.ownership.yaml:", 0), 0u) << flow;
  std::string tabs = parseError("Checks: 'leak'\n\tProfile: safety\n");
  EXPECT_EQ(tabs.rfind("/p/.ownership.yaml:", 0), 0u) << tabs;
}

TEST(Config, NearestFileAppliesAndInheritsWhenAsked) {
  fs::path root = freshDir("walk");
  write(root / ".ownership.yaml", "Checks: '*,-leak'\nWarningsAsErrors: dangling\nHeaderFilterRegex: '^inc/'\n");
  write(root / "a" / ".ownership.yaml", "Profile: safety\n");
  write(root / "b" / ".ownership.yaml", "InheritParentConfig: true\nChecks: 'leak'\nSeverity: { dangling: off }\n");
  std::string err;
  Config top, a, b, deep;
  ASSERT_TRUE(configForSource((root / "x.cpp").string(), top, err)) << err;
  EXPECT_FALSE(top.enabled(Code::Leak));
  EXPECT_EQ(top.files.size(), 1u);
  // The nearest file alone: the root's Checks do not apply.
  ASSERT_TRUE(configForSource((root / "a" / "y.cpp").string(), a, err)) << err;
  EXPECT_TRUE(a.enabled(Code::Leak));
  EXPECT_FALSE(a.enabled(Code::BorrowEscapes));
  EXPECT_FALSE(a.headerFilterRegex);
  // Inheriting: the root first, then b's on top (its Checks appended: leak comes back).
  ASSERT_TRUE(configForSource((root / "b" / "c" / "z.cpp").string(), deep, err)) << err;
  ASSERT_EQ(deep.files.size(), 2u);
  EXPECT_EQ(deep.files[0], (root / ".ownership.yaml").string());
  EXPECT_TRUE(deep.enabled(Code::Leak));
  EXPECT_TRUE(deep.enabled(Code::BorrowEscapes));
  EXPECT_EQ(deep.severity[static_cast<int>(Code::Dangling)], Level::Off);
  ASSERT_TRUE(deep.headerFilterRegex);
  EXPECT_EQ(deep.headerFilterBase, root.string());
  std::vector<Diag> d = {diag(Code::Dangling, Severity::Warning)};
  applyConfig(top, d);
  EXPECT_EQ(d[0].severity, Severity::Error);  // WarningsAsErrors
  // An explicit file, with its inheritance.
  Config expl;
  ASSERT_TRUE(configFromFile((root / "b" / ".ownership.yaml").string(), expl, err)) << err;
  EXPECT_EQ(expl.files.size(), 2u);
  EXPECT_FALSE(configFromFile((root / "missing.yaml").string(), expl, err));
  EXPECT_NE(err.find("no such configuration file"), std::string::npos);
}

TEST(Config, ChangedFilesAreReReadAndErrorsNameTheFile) {
  fs::path root = freshDir("reread");
  fs::path cfg = root / ".ownership.yaml";
  write(cfg, "Checks: '-leak'\n");
  std::string err;
  Config c;
  ASSERT_TRUE(configForSource((root / "x.cpp").string(), c, err)) << err;
  EXPECT_FALSE(c.enabled(Code::Leak));
  write(cfg, "Checks: '-dangling'\n# longer now\n");
  ASSERT_TRUE(configForSource((root / "x.cpp").string(), c, err)) << err;
  EXPECT_TRUE(c.enabled(Code::Leak));
  EXPECT_FALSE(c.enabled(Code::Dangling));
  write(cfg, "Checks: '-dangling'\nProfile: lax\n");
  EXPECT_FALSE(configForSource((root / "x.cpp").string(), c, err));
  EXPECT_EQ(err, cfg.string() + ":2:10: Profile: 'lax' is not strict or safety");
  EXPECT_TRUE(c.enabled(Code::Leak));  // the defaults
  // A parent's error is reported when a child inherits it.
  write(root / "sub" / ".ownership.yaml", "InheritParentConfig: true\n");
  EXPECT_FALSE(configForSource((root / "sub" / "y.cpp").string(), c, err));
  EXPECT_NE(err.find(cfg.string() + ":2:10:"), std::string::npos) << err;
  clearConfigCache();
}

TEST(Config, GlobListsFromTheCommandLine) {
  std::vector<CheckGlob> g;
  std::string err;
  ASSERT_TRUE(parseGlobList("-*, leak ,ownership-dangling", g, err)) << err;
  ASSERT_EQ(g.size(), 3u);
  EXPECT_TRUE(g[0].remove);
  EXPECT_EQ(g[2].pattern, "dangling");
  EXPECT_FALSE(parseGlobList("leak,bogus-*", g, err));
  EXPECT_NE(err.find("'bogus-*' names no diagnostic code"), std::string::npos) << err;
  Profile p;
  EXPECT_TRUE(parseProfile("safety", p));
  EXPECT_FALSE(parseProfile("Safety", p));
}

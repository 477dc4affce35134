// Half-typed code: every corpus file cut at every line, and with random tokens deleted, analyses without a crash or a hang, and each function complete before the edit keeps exactly its diagnostics.
//
// Usage: truncate_test CORPUS_DIR [--jobs N] [--deletions N] [--seed S] [--mid-lines] [--line-step N]
//                      [--limit-seconds S]
//
// For each file the whole text is parsed (as the server does, with a preamble cache) and analysed
// with the server's work cap. Then, from the last line to the first line after the #include block:
//   - the text cut after that line (and with --mid-lines also in the middle of it); with
//     --line-step N only every Nth line, starting at a different line in each file (the ASan run
//     in scripts/sanitize.sh samples this way to fit its time; ctest cuts at every line);
//   - --deletions variants (default 6) with 1-3 random tokens deleted after the #include block
//     (seeded: the same run every time).
// Every variant must parse and analyse within --limit-seconds (a watchdog aborts the process past
// it, naming the variant). The text before the edit point P is unchanged, so every function whose
// enclosing top-level declaration (its class for a member, its function for a lambda; namespaces
// do not count) ends before P must get exactly the diagnostics it gets in the whole file (a
// template's excepted: its instantiations may be requested after P): same
// code, severity, range, message and notes. C++ is parsed front to back, so nothing after P can
// change them (in-class member bodies are parsed at the class's end, hence the enclosing
// declaration). Quick-fixes are not compared: they may rightly look past P (the return-by-value
// fix is offered only when every caller in the file still compiles with it).
// Cuts inside the #include block are sampled (one per file, in the middle of the block): each one
// rebuilds a preamble, and no function ends before them.
// Prints one line per failure and `N passed, N failed` (one check per variant); exit 1 on failure.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/Basic/SourceManager.h>

#include "analysis/FileAnalysis.h"
#include "analysis/ParsedFile.h"

using namespace ownership;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kFlags = {"-std=c++20"};
constexpr unsigned kServerWorkCap = 50000;  // the server's and the CLI's maxBlockVisits

struct Options {
  std::string corpus;
  unsigned jobs = 1;
  unsigned deletions = 6;
  unsigned seed = 7;
  bool midLines = false;
  unsigned lineStep = 1;
  double limitSeconds = 60;
};

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---------------------------------------------------------------- tokens

struct Token {
  unsigned begin, end;
};

// A light C++ lexer, enough to pick whole tokens to delete: identifiers and numbers, string and
// character literals, multi-character operators; comments and whitespace are not tokens.
// `bodyStart` is the offset of the first token after the leading #include/#define block.
std::vector<Token> lex(const std::string& s, unsigned& bodyStart) {
  static const char* ops[] = {"->*", "<=>", "...", "<<=", ">>=", "::", "->", "<<", ">>", "<=", ">=", "==", "!=",
                              "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", ".*"};
  std::vector<Token> out;
  bodyStart = static_cast<unsigned>(s.size());
  bool inPreamble = true;
  bool lineStart = true, directive = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      lineStart = true;
      directive = false;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (s.compare(i, 2, "//") == 0) {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (s.compare(i, 2, "/*") == 0) {
      std::size_t e = s.find("*/", i + 2);
      i = e == std::string::npos ? s.size() : e + 2;
      continue;
    }
    if (lineStart && c == '#') directive = true;
    if (!directive && inPreamble) {
      inPreamble = false;
      bodyStart = static_cast<unsigned>(i);
    }
    lineStart = false;
    std::size_t b = i;
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    } else if (c == '"' || c == '\'') {
      ++i;
      while (i < s.size() && s[i] != c && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, s.size());
    } else {
      std::size_t len = 1;
      for (const char* op : ops)
        if (s.compare(i, std::strlen(op), op) == 0) {
          len = std::strlen(op);
          break;
        }
      i += len;
    }
    out.push_back({static_cast<unsigned>(b), static_cast<unsigned>(i)});
  }
  return out;
}

// ---------------------------------------------------------------- analysis

struct Analysed {
  bool fatal = true;
  FileResult result;
  // Per analysed function: [begin, end] of its text and the end of its enclosing top-level declaration.
  struct Fn {
    unsigned begin, end, unitEnd;
  };
  std::vector<Fn> fns;
  double seconds = 0;
};

// End offsets of the declarations that complete a C++ parse unit: children of the translation unit,
// of namespaces and of linkage specifications (recursing through those), as [begin, end] pairs.
void collectUnits(const clang::Decl* D, const clang::SourceManager& sm, std::vector<std::pair<unsigned, unsigned>>& out) {
  if (const auto* dc = llvm::dyn_cast<clang::DeclContext>(D);
      dc && (llvm::isa<clang::NamespaceDecl>(D) || llvm::isa<clang::LinkageSpecDecl>(D) || llvm::isa<clang::ExportDecl>(D))) {
    for (const clang::Decl* c : dc->decls()) collectUnits(c, sm, out);
    return;
  }
  clang::SourceLocation b = sm.getFileLoc(D->getBeginLoc()), e = sm.getFileLoc(D->getEndLoc());
  if (b.isInvalid() || e.isInvalid() || !sm.isInMainFile(b) || !sm.isInMainFile(e)) return;
  out.push_back({sm.getFileOffset(b), sm.getFileOffset(e)});
}

// Past the token starting at `off`, and past a `;` that follows it (`struct S {...};`, `auto l = []{...};`).
unsigned pastDeclaration(const std::string& text, unsigned off) {
  std::size_t i = off;
  if (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
  else if (i < text.size())
    ++i;
  std::size_t j = i;
  while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
  if (j < text.size() && text[j] == ';') i = j + 1;
  return static_cast<unsigned>(i);
}

Analysed analyse(const std::string& path, const std::string& text, PreambleCache& cache) {
  Analysed a;
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ParsedFile> pf = ParsedFile::build(path, text, kFlags, &cache);
  if (!pf->fatal() && pf->context()) {
    a.fatal = false;
    clang::ASTContext& ctx = *pf->context();
    AnalysisOptions opts;
    opts.maxBlockVisits = kServerWorkCap;
    a.result = analyzeAST(ctx, opts);
    const clang::SourceManager& sm = ctx.getSourceManager();
    std::vector<std::pair<unsigned, unsigned>> units;
    for (const clang::Decl* D : pf->topLevelDecls()) collectUnits(D, sm, units);
    for (const FunctionResult& fr : a.result.functions) {
      unsigned unitEnd = fr.endOffset;
      for (const auto& [b, e] : units)
        if (b <= fr.beginOffset && fr.beginOffset <= e) unitEnd = std::max(unitEnd, e);
      a.fns.push_back({fr.beginOffset, fr.endOffset, pastDeclaration(text, unitEnd)});
    }
  }
  a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return a;
}

std::string describe(const Diag& d) {
  std::string s = std::string(codeName(d.code)) + " " + std::string(severityName(d.severity)) + " @" +
                  std::to_string(d.range.begin.offset) + "-" + std::to_string(d.range.end.offset) + " line " +
                  std::to_string(d.range.begin.line) + " `" + d.message + "`";
  for (const Note& n : d.notes)
    s += " | note @" + std::to_string(n.range.begin.offset) + "-" + std::to_string(n.range.end.offset) + " " + n.message;
  return s;
}

// The diagnostics located in functions of `whole` whose enclosing declaration ends at or before `p`.
std::multiset<std::string> diagsBefore(const Analysed& whole, const FileResult& r, unsigned p) {
  std::multiset<std::string> out;
  for (const Diag& d : r.diags) {
    // A template's diagnostics come from its instantiations, which code after `p` may request.
    if (d.templateBody) continue;
    for (const Analysed::Fn& f : whole.fns)
      if (f.unitEnd <= p && f.begin <= d.range.begin.offset && d.range.begin.offset <= f.end) {
        out.insert(describe(d));
        break;
      }
  }
  return out;
}

// ---------------------------------------------------------------- the run

struct Watchdog {
  std::mutex m;
  std::map<std::thread::id, std::pair<std::chrono::steady_clock::time_point, std::string>> busy;
  void begin(const std::string& what) {
    std::lock_guard<std::mutex> l(m);
    busy[std::this_thread::get_id()] = {std::chrono::steady_clock::now(), what};
  }
  void end() {
    std::lock_guard<std::mutex> l(m);
    busy.erase(std::this_thread::get_id());
  }
};

struct Totals {
  std::mutex m;
  unsigned passed = 0, failed = 0, files = 0, skipped = 0, cuts = 0, deletions = 0, comparedFns = 0;
  double slowest = 0;
  std::string slowestWhat;
};

void checkFile(const Options& o, const fs::path& file, unsigned fileIndex, Watchdog& dog, Totals& t) {
  const std::string path = file.string(), name = file.filename().string();
  const std::string text = readFile(file);
  PreambleCache cache;
  dog.begin(name + " (whole)");
  Analysed whole = analyse(path, text, cache);
  dog.end();
  std::vector<std::string> failures;
  unsigned passed = 0, cuts = 0, dels = 0, compared = 0;
  double slowest = whole.seconds;
  std::string slowestWhat = name + " (whole)";
  if (whole.fatal) {
    std::lock_guard<std::mutex> l(t.m);
    ++t.skipped;
    std::printf("SKIP %s: the whole file does not parse\n", name.c_str());
    return;
  }

  auto variant = [&](const std::string& what, const std::string& edited, unsigned p) {
    dog.begin(name + " " + what);
    Analysed a = analyse(path, edited, cache);
    dog.end();
    if (a.seconds > slowest) {
      slowest = a.seconds;
      slowestWhat = name + " " + what;
    }
    if (a.fatal) {  // no AST at all: nothing to compare, and nothing crashed
      ++passed;
      return;
    }
    // A NOLINTBEGIN region depends on its NOLINTEND, which the edit may cut off (spec §7: an
    // unmatched BEGIN suppresses nothing): such variants only have to analyse without a crash.
    if (edited.find("NOLINTBEGIN") != std::string::npos) {
      ++passed;
      return;
    }
    std::multiset<std::string> want = diagsBefore(whole, whole.result, p), got = diagsBefore(whole, a.result, p);
    for (const Analysed::Fn& f : whole.fns) compared += f.unitEnd <= p;
    if (want == got) {
      ++passed;
      return;
    }
    std::string msg = "FAIL " + name + " " + what + ":";
    for (const std::string& w : want)
      if (!got.count(w)) msg += "\n    missing: " + w;
    for (const std::string& g : got)
      if (!want.count(g)) msg += "\n    extra:   " + g;
    failures.push_back(msg);
  };

  unsigned bodyStart = 0;
  std::vector<Token> tokens = lex(text, bodyStart);
  // Line starts; cuts go from the end backwards so every cut past the #include block reuses the
  // whole file's preamble.
  std::vector<unsigned> lineEnds;  // offset just past each '\n' (and the end of text)
  for (unsigned i = 0; i < text.size(); ++i)
    if (text[i] == '\n') lineEnds.push_back(i + 1);
  if (lineEnds.empty() || lineEnds.back() != text.size()) lineEnds.push_back(static_cast<unsigned>(text.size()));
  for (std::size_t li = lineEnds.size(); li-- > 0;) {
    unsigned end = lineEnds[li];
    unsigned begin = li == 0 ? 0 : lineEnds[li - 1];
    if (end <= bodyStart) break;
    if ((li + fileIndex) % o.lineStep != 0) continue;
    if (end < text.size()) {
      ++cuts;
      variant("cut after line " + std::to_string(li + 1), text.substr(0, end), end);
    }
    if (o.midLines && end > begin + 2 && begin >= bodyStart) {
      unsigned mid = begin + (end - begin) / 2;
      ++cuts;
      variant("cut in line " + std::to_string(li + 1) + " at column " + std::to_string(mid - begin + 1),
              text.substr(0, mid), mid);
    }
  }
  // One cut inside the #include block (a rebuilt preamble): in the middle of its last directive,
  // a half-typed `#include <vec`.
  if (std::size_t hash = text.rfind("\n#", bodyStart); hash != std::string::npos && hash + 1 < bodyStart) {
    std::size_t eol = text.find('\n', hash + 1);
    unsigned mid = static_cast<unsigned>(hash + 1 + (std::min<std::size_t>(eol, bodyStart) - hash - 1) / 2);
    ++cuts;
    variant("cut in the #include block at byte " + std::to_string(mid), text.substr(0, mid), mid);
  }
  // Random token deletions after the #include block.
  std::vector<Token> body;
  for (const Token& tk : tokens)
    if (tk.begin >= bodyStart) body.push_back(tk);
  std::mt19937 rng(o.seed * 1000003u + fileIndex);
  for (unsigned v = 0; v < o.deletions && !body.empty(); ++v) {
    unsigned n = 1 + rng() % 3;
    std::set<unsigned> pick;
    for (unsigned k = 0; k < n; ++k) pick.insert(rng() % body.size());
    std::string edited = text;
    std::string what = "deleting";
    for (auto it = pick.rbegin(); it != pick.rend(); ++it) {
      const Token& tk = body[*it];
      edited.erase(tk.begin, tk.end - tk.begin);
    }
    for (unsigned idx : pick) {
      const Token& tk = body[idx];
      what += " `" + text.substr(tk.begin, tk.end - tk.begin) + "`@" + std::to_string(tk.begin);
    }
    ++dels;
    variant(what, edited, body[*pick.begin()].begin);
  }

  std::lock_guard<std::mutex> l(t.m);
  for (const std::string& f : failures) std::printf("%s\n", f.c_str());
  std::fflush(stdout);
  ++t.files;
  t.passed += passed;
  t.failed += static_cast<unsigned>(failures.size());
  t.cuts += cuts;
  t.deletions += dels;
  t.comparedFns += compared;
  if (slowest > t.slowest) {
    t.slowest = slowest;
    t.slowestWhat = slowestWhat;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--jobs") o.jobs = std::max(1, std::atoi(next().c_str()));
    else if (a == "--deletions") o.deletions = static_cast<unsigned>(std::atoi(next().c_str()));
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::atoi(next().c_str()));
    else if (a == "--mid-lines") o.midLines = true;
    else if (a == "--line-step") o.lineStep = std::max(1, std::atoi(next().c_str()));
    else if (a == "--limit-seconds") o.limitSeconds = std::atof(next().c_str());
    else if (o.corpus.empty()) o.corpus = a;
    else {
      std::fprintf(stderr, "usage: truncate_test CORPUS_DIR [--jobs N] [--deletions N] [--seed S] [--mid-lines] "
                           "[--line-step N] [--limit-seconds S]\n");
      return 2;
    }
  }
  if (o.corpus.empty() || !fs::is_directory(o.corpus)) {
    std::fprintf(stderr, "truncate_test: corpus directory expected\n");
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(o.corpus))
    // Not tests/run_fixes.py's `.fix_*` temporaries, which a parallel ctest may create and delete.
    if (e.path().extension() == ".cpp" && e.path().filename().string()[0] != '.') files.push_back(e.path());
  std::sort(files.begin(), files.end());

  Watchdog dog;
  Totals t;
  std::atomic<bool> done{false};
  // A hang is a failure with a name: abort the whole run, saying which variant never finished.
  std::thread watchdog([&] {
    while (!done) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      std::lock_guard<std::mutex> l(dog.m);
      for (const auto& [id, job] : dog.busy)
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - job.first).count() > o.limitSeconds) {
          std::printf("FAIL %s: no result after %.0f s (hang?)\n", job.second.c_str(), o.limitSeconds);
          std::printf("%u passed, %u failed\n", t.passed, t.failed + 1);
          std::fflush(stdout);
          std::_Exit(1);
        }
    }
  });
  auto start = std::chrono::steady_clock::now();
  std::atomic<unsigned> nextFile{0};
  std::vector<std::thread> workers;
  for (unsigned j = 0; j < o.jobs; ++j)
    workers.emplace_back([&] {
      for (unsigned i; (i = nextFile++) < files.size();) checkFile(o, files[i], i, dog, t);
    });
  for (std::thread& w : workers) w.join();
  done = true;
  watchdog.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%u files truncated (%u skipped), %u cuts, %u token-deletion variants, %u function comparisons; "
              "slowest variant %.2f s (%s); %.0f s in all\n",
              t.files, t.skipped, t.cuts, t.deletions, t.comparedFns, t.slowest, t.slowestWhat.c_str(), secs);
  std::printf("%u passed, %u failed\n", t.passed, t.failed);
  return t.failed ? 1 : 0;
}

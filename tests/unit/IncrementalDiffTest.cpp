// Differential test of the incremental analysis: random edits inside function bodies of every corpus file, each checked against a from-scratch analysis.
//
// Usage: incremental_diff_test CORPUS_DIR [--edits N] [--seed S] [--jobs J] [--verbose]
//
// For each corpus file an IncrementalAnalyzer (the server's) sees the file, then N seeded random edits
// applied in sequence: a statement line inserted (`int tmp_K = K;`), a body line deleted or duplicated,
// an identifier or number changed, and now and then an edit outside any body (which must fall back to a
// full re-parse). After each edit its diagnostics (code, severity, ranges with offsets, lines and
// columns, message, notes, fixes), its hover at every identifier and its inlay hints over the whole
// file must equal those of ParsedFile::build + analyzeAST on the same text. Prints each mismatch and
// `N edits checked (I incremental, F full), M mismatches`; exit 1 on any mismatch.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include "analysis/FileAnalysis.h"
#include "analysis/Hover.h"
#include "analysis/Incremental.h"
#include "analysis/InlayHints.h"
#include "analysis/ParsedFile.h"

using namespace ownership;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kFlags = {"-std=c++20"};

std::string show(const Pos& p) {
  return std::to_string(p.offset) + "@" + std::to_string(p.line) + ":" + std::to_string(p.column);
}
std::string show(const Range& r) { return r.file + "[" + show(r.begin) + "-" + show(r.end) + ")"; }

// Everything a client sees of a diagnostic, as one string.
std::string show(const Diag& d) {
  std::ostringstream o;
  o << codeName(d.code) << " " << severityName(d.severity) << " " << show(d.range) << " " << d.message;
  for (const Note& n : d.notes) o << "\n  note " << show(n.range) << " " << n.message;
  for (const Fix& f : d.fixes) {
    o << "\n  fix " << f.title << (f.preferred ? " (preferred)" : "");
    for (const TextEdit& e : f.edits) o << "\n    " << show(e.range) << " <- '" << e.newText << "'";
  }
  return o.str();
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

std::string show(const std::vector<Diag>& ds) {
  std::string s;
  for (const Diag& d : ds) s += show(d) + "\n";
  return s;
}

std::string show(const std::vector<InlayHint>& hs) {
  std::string s;
  for (const InlayHint& h : hs) s += show(h.position) + " " + std::to_string(int(h.kind)) + " " + h.label + "\n";
  return s;
}

// Lines strictly inside function bodies of the main file: [first, last] 1-based line pairs.
struct BodyLines {
  unsigned first, last;
};
class BodyFinder : public clang::RecursiveASTVisitor<BodyFinder> {
 public:
  explicit BodyFinder(const clang::SourceManager& sm) : sm_(sm) {}
  std::vector<BodyLines> bodies;
  bool VisitFunctionDecl(clang::FunctionDecl* F) {
    if (!F->doesThisDeclarationHaveABody() || !F->getBody()) return true;
    auto r = F->getBody()->getSourceRange();
    if (!r.getBegin().isFileID() || !r.getEnd().isFileID() || !sm_.isInMainFile(r.getBegin())) return true;
    unsigned a = sm_.getSpellingLineNumber(r.getBegin()), b = sm_.getSpellingLineNumber(r.getEnd());
    if (b > a + 1) bodies.push_back({a + 1, b - 1});
    return true;
  }

 private:
  const clang::SourceManager& sm_;
};

std::vector<size_t> lineStarts(const std::string& t) {
  std::vector<size_t> s{0};
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] == '\n') s.push_back(i + 1);
  return s;
}

// One random edit of `text`; `bodies` from a parse of it. Returns a description.
std::string randomEdit(std::string& text, const std::vector<BodyLines>& bodies, std::mt19937& rng, unsigned k) {
  std::vector<size_t> ls = lineStarts(text);
  auto lineText = [&](unsigned line) {  // 1-based, with its '\n'
    size_t b = ls[line - 1], e = line < ls.size() ? ls[line] : text.size();
    return std::make_pair(b, e);
  };
  unsigned kind = rng() % 10;
  if (bodies.empty() || kind == 9) {  // outside bodies: at the end of the file
    text += "\nint global_" + std::to_string(k) + " = " + std::to_string(k) + ";\n";
    return "append a global";
  }
  const BodyLines& b = bodies[rng() % bodies.size()];
  unsigned line = b.first + rng() % (b.last - b.first + 1);
  auto [lb, le] = lineText(line);
  switch (kind % 5) {
    case 0:
    case 1: {
      std::string stmt = "    int tmp_" + std::to_string(k) + " = " + std::to_string(k) + ";\n";
      text.insert(lb, stmt);
      return "insert at line " + std::to_string(line);
    }
    case 2:
      text.erase(lb, le - lb);
      return "delete line " + std::to_string(line);
    case 3: {
      std::string l = text.substr(lb, le - lb);
      if (l.empty() || l.back() != '\n') l += "\n";
      text.insert(lb, l);
      return "duplicate line " + std::to_string(line);
    }
    default: {
      // Change a number or an identifier of the line.
      std::vector<std::pair<size_t, size_t>> toks;
      for (size_t i = lb; i < le;) {
        if (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_') {
          size_t j = i;
          while (j < le && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
          toks.push_back({i, j});
          i = j;
        } else {
          ++i;
        }
      }
      if (toks.empty()) {
        text.insert(lb, "    ;\n");
        return "insert an empty statement at line " + std::to_string(line);
      }
      auto [tb, te] = toks[rng() % toks.size()];
      std::string repl = std::isdigit(static_cast<unsigned char>(text[tb])) ? std::to_string(rng() % 100)
                                                                             : "renamed_" + std::to_string(k);
      text.replace(tb, te - tb, repl);
      return "change a token at line " + std::to_string(line);
    }
  }
}

struct Totals {
  std::atomic<unsigned> edits{0}, incremental{0}, full{0}, mismatches{0};
  std::mutex out;
};

void checkFile(const fs::path& file, unsigned edits, unsigned seed, bool verbose, Totals& totals) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string path = fs::absolute(file).string();
  std::mt19937 rng(seed ^ static_cast<unsigned>(std::hash<std::string>{}(file.filename().string())));
  IncrementalAnalyzer inc;
  PreambleCache scratchCache;
  inc.update(path, text, kFlags);
  std::unique_ptr<ParsedFile> before = ParsedFile::build(path, text, kFlags, &scratchCache);
  for (unsigned k = 1; k <= edits; ++k) {
    // Bodies of the current text, from the previous from-scratch parse.
    std::vector<BodyLines> bodies;
    if (!before->fatal()) {
      BodyFinder bf(before->context()->getSourceManager());
      bf.TraverseDecl(before->context()->getTranslationUnitDecl());
      bodies = bf.bodies;
    }
    std::string what = randomEdit(text, bodies, rng, k);
    std::shared_ptr<IncrementalBuild> got = inc.update(path, text, kFlags);
    std::unique_ptr<ParsedFile> pf = ParsedFile::build(path, text, kFlags, &scratchCache);
    ++totals.edits;
    ++(got->incremental ? totals.incremental : totals.full);
    std::string problem;
    if (got->fatal() != pf->fatal()) {
      problem = "fatal differs";
    } else if (!pf->fatal()) {
      FileResult want = analyzeAST(*pf->context());
      if (show(resolved(*got)) != show(want.diags)) {
        problem = "diagnostics differ\n--- incremental\n" + show(resolved(*got)) + "--- from scratch\n" + show(want.diags);
      } else {
        std::string hi = show(got->inlayHints(0, static_cast<unsigned>(text.size())));
        std::string hw = show(inlayHints(*pf->context(), want, 0, static_cast<unsigned>(text.size())));
        if (hi != hw) problem = "inlay hints differ\n--- incremental\n" + hi + "--- from scratch\n" + hw;
        for (size_t i = 0; problem.empty() && i < text.size(); ++i) {
          bool start = (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_') &&
                       (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'));
          if (!start) continue;
          auto a = got->hoverAt(static_cast<unsigned>(i));
          auto b = hoverAt(*pf->context(), want, static_cast<unsigned>(i));
          std::string sa = a ? show(a->range) + "\n" + a->markdown : "none";
          std::string sb = b ? show(b->range) + "\n" + b->markdown : "none";
          if (sa != sb)
            problem = "hover at " + std::to_string(i) + " differs\n--- incremental\n" + sa + "\n--- from scratch\n" + sb;
        }
      }
    }
    if (!problem.empty()) {
      ++totals.mismatches;
      std::lock_guard<std::mutex> l(totals.out);
      std::printf("MISMATCH %s edit %u (%s, %s):\n%s\n", file.filename().c_str(), k, what.c_str(),
                  got->incremental ? "incremental" : ("full: " + got->fullReason).c_str(), problem.c_str());
    } else if (verbose) {
      std::lock_guard<std::mutex> l(totals.out);
      std::printf("ok %s edit %u (%s, %s, re-checked %u reused %u)\n", file.filename().c_str(), k, what.c_str(),
                  got->incremental ? "incremental" : ("full: " + got->fullReason).c_str(), got->functionsChecked,
                  got->functionsReused);
    }
    before = std::move(pf);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: incremental_diff_test CORPUS_DIR [--edits N] [--seed S] [--jobs J] [--verbose]\n");
    return 2;
  }
  unsigned edits = 6, seed = 1, jobs = 1;
  bool verbose = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--edits" && i + 1 < argc) edits = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (a == "--jobs" && i + 1 < argc) jobs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--verbose") verbose = true;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(argv[1]))
    if (e.path().extension() == ".cpp") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Totals totals;
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < jobs; ++j)
    threads.emplace_back([&] {
      for (size_t i; (i = next++) < files.size();) checkFile(files[i], edits, seed, verbose, totals);
    });
  for (std::thread& t : threads) t.join();
  std::printf("%u edits checked (%u incremental, %u full) in %zu files, %u mismatches\n", totals.edits.load(),
              totals.incremental.load(), totals.full.load(), files.size(), totals.mismatches.load());
  return totals.mismatches ? 1 : 0;
}

// Quick-fixes (spec §4): small text edits computed from the main file's text around a
// diagnostic. Each fix is conservative: when the text does not have the expected
// shape, no fix is offered rather than a wrong one.
#include "analysis/Fixes.h"

#include <clang/Basic/SourceManager.h>

#include <regex>

namespace ownership {
namespace {

struct Text {
  llvm::StringRef buf;
  std::string file;

  Pos posAt(unsigned off) const {
    Pos p;
    p.offset = off;
    p.line = 1;
    unsigned lineStart = 0;
    for (unsigned i = 0; i < off && i < buf.size(); ++i)
      if (buf[i] == '\n') {
        ++p.line;
        lineStart = i + 1;
      }
    p.column = off - lineStart + 1;
    return p;
  }
  Range range(unsigned b, unsigned e) const { return Range{file, posAt(b), posAt(e)}; }
  unsigned lineStart(unsigned off) const {
    while (off > 0 && buf[off - 1] != '\n') --off;
    return off;
  }
  unsigned lineEnd(unsigned off) const {
    while (off < buf.size() && buf[off] != '\n') ++off;
    return off;
  }
  std::string indentOf(unsigned off) const {
    unsigned s = lineStart(off), e = s;
    while (e < buf.size() && (buf[e] == ' ' || buf[e] == '\t')) ++e;
    return buf.substr(s, e - s).str();
  }
  // The statement starting at `off`, up to and including its ';' (same line).
  bool statementAt(unsigned off, unsigned& end) const {
    unsigned e = off;
    int depth = 0;
    while (e < buf.size() && buf[e] != '\n') {
      if (buf[e] == '(') ++depth;
      if (buf[e] == ')') --depth;
      if (buf[e] == ';' && depth == 0) {
        end = e + 1;
        return true;
      }
      ++e;
    }
    return false;
  }
};

TextEdit edit(const Text& t, unsigned b, unsigned e, std::string text) { return TextEdit{t.range(b, e), std::move(text)}; }

std::string varFromMessage(const std::string& msg) {
  auto b = msg.find('`');
  if (b == std::string::npos) return {};
  auto e = msg.find('`', b + 1);
  return e == std::string::npos ? std::string() : msg.substr(b + 1, e - b - 1);
}

// Removes the whole line of a statement when it stands alone on it.
TextEdit removeStatement(const Text& t, unsigned b, unsigned e) {
  unsigned ls = t.lineStart(b), le = t.lineEnd(e);
  bool alone = t.buf.substr(ls, b - ls).trim().empty() && t.buf.substr(e, le - e).trim().empty();
  if (alone) return edit(t, ls, le < t.buf.size() ? le + 1 : le, "");
  return edit(t, b, e, "");
}

void fixUseAfterMove(const Text& t, Diag& d) {
  // At the move's note: `std::move(x)` -> `x` (a copy), for copyable std values only.
  if (d.severity != Severity::Warning) return;  // smart pointers and [[owner]] are not copyable
  std::string var = varFromMessage(d.message);
  for (const Note& n : d.notes) {
    if (n.message.rfind("value moved here", 0) != 0) continue;
    unsigned b = n.range.begin.offset;
    llvm::StringRef rest = t.buf.substr(b);
    std::string want = "std::move(" + var + ")";
    if (!rest.starts_with(want)) return;
    Fix f;
    f.title = "copy `" + var + "` instead of moving it";
    f.preferred = true;
    f.edits.push_back(edit(t, b, b + want.size(), var));
    d.fixes.push_back(std::move(f));
    return;
  }
}

void fixRelease(const Text& t, Diag& d) {
  unsigned b = d.range.begin.offset, e = 0;
  if (!t.statementAt(b, e)) return;
  llvm::StringRef stmt = t.buf.substr(b, e - b);
  if (!(stmt.starts_with("delete") || stmt.starts_with("std::free") || stmt.starts_with("free"))) return;
  Fix f;
  f.title = "remove the second release";
  f.preferred = true;
  f.edits.push_back(removeStatement(t, b, e));
  d.fixes.push_back(std::move(f));
  // Or null the owner right after the first release, so a second release is a no-op.
  std::string var = varFromMessage(d.message);
  for (const Note& n : d.notes) {
    if (n.message != "first released here") continue;
    unsigned fb = n.range.begin.offset, fe = 0;
    if (!t.statementAt(fb, fe) || var.empty()) break;
    Fix g;
    g.title = "set `" + var + "` to nullptr after releasing it";
    g.edits.push_back(edit(t, fe, fe, " " + var + " = nullptr;"));
    d.fixes.push_back(std::move(g));
    break;
  }
}

void fixUseAfterRelease(const Text& t, Diag& d) {
  // Move the release after the use: remove it where it is, re-insert after the use.
  for (const Note& n : d.notes) {
    if (n.message != "value released here") continue;
    unsigned rb = n.range.begin.offset, re = 0;
    if (!t.statementAt(rb, re)) return;
    llvm::StringRef stmt = t.buf.substr(rb, re - rb);
    if (!(stmt.starts_with("delete") || stmt.contains("free("))) return;
    unsigned ub = d.range.begin.offset, ue = 0;
    unsigned us = t.lineStart(ub);
    if (!t.statementAt(us + t.indentOf(ub).size(), ue) || ue <= re) return;
    llvm::StringRef useStmt = t.buf.substr(us, ue - us).trim();
    if (useStmt.starts_with("return")) return;  // nothing can come after a return
    Fix f;
    f.title = "release after the last use";
    f.preferred = true;
    f.edits.push_back(removeStatement(t, rb, re));
    f.edits.push_back(edit(t, ue, ue, "\n" + t.indentOf(ub) + stmt.str()));
    d.fixes.push_back(std::move(f));
    return;
  }
}

void fixLeak(const Text& t, Diag& d) {
  std::string var = varFromMessage(d.message);
  if (var.empty()) return;
  unsigned b = d.range.begin.offset;
  unsigned le = t.lineEnd(b);
  std::string line = t.buf.substr(t.lineStart(b), le - t.lineStart(b)).str();
  bool isMalloc = line.find("alloc(") != std::string::npos;
  bool isArray = std::regex_search(line, std::regex("new\\s+[A-Za-z_:<>]+\\s*\\["));
  if (d.message.find("goes out of scope") == std::string::npos) return;
  // Insert the release before each leaking exit (the notes).
  Fix f;
  f.title = "release `" + var + "` before it goes out of scope";
  f.preferred = true;
  std::string release = isMalloc ? "std::free(" + var + ");" : isArray ? "delete[] " + var + ";" : "delete " + var + ";";
  for (const Note& n : d.notes) {
    unsigned at = n.range.begin.offset;
    if (at >= t.buf.size()) continue;
    if (t.buf[at] == '}') {
      f.edits.push_back(edit(t, t.lineStart(at), t.lineStart(at), t.indentOf(b) + release + "\n"));
    } else if (t.buf.substr(at).starts_with("return")) {
      unsigned ls = t.lineStart(at);
      if (t.buf.substr(ls, at - ls).trim().empty())
        f.edits.push_back(edit(t, ls, ls, t.indentOf(at) + release + "\n"));
    }
  }
  // A release inserted before `return *p` would break the return: only when the
  // returned expression does not mention the variable.
  for (const TextEdit& e : f.edits) {
    unsigned off = e.range.begin.offset;
    unsigned le2 = t.lineEnd(off);
    llvm::StringRef l = t.buf.substr(off, le2 - off);
    if (l.contains(var)) return;
  }
  if (!f.edits.empty()) d.fixes.push_back(std::move(f));
}

void fixInvalidAnnotation(const Text& t, Diag& d) {
  unsigned b = d.range.begin.offset, e = d.range.end.offset;
  // Widen to the enclosing [[ ... ]].
  unsigned ob = b;
  while (ob >= 2 && !(t.buf[ob - 1] == '[' && t.buf[ob - 2] == '[')) {
    if (t.buf[ob - 1] == '\n' || b - ob > 40) return;
    --ob;
  }
  if (ob < 2) return;
  ob -= 2;
  unsigned oe = e;
  while (oe + 1 < t.buf.size() && !(t.buf[oe] == ']' && t.buf[oe + 1] == ']')) {
    if (t.buf[oe] == '\n') return;
    ++oe;
  }
  oe += 2;
  while (oe < t.buf.size() && t.buf[oe] == ' ') ++oe;
  Fix f;
  f.title = "remove the annotation";
  f.preferred = true;
  unsigned ls = t.lineStart(ob), le = t.lineEnd(oe);
  if (t.buf.substr(ls, ob - ls).trim().empty() && t.buf.substr(oe, le - oe).trim().empty())
    f.edits.push_back(edit(t, ls, le + 1, ""));
  else
    f.edits.push_back(edit(t, ob, oe, ""));
  d.fixes.push_back(std::move(f));
}

void fixDangling(const Text& t, Diag& d) {
  // `std::string_view x = ...` -> `std::string x = ...`; `const T& x = ...` -> `T x = ...`.
  unsigned ls = t.lineStart(d.range.begin.offset), le = t.lineEnd(d.range.begin.offset);
  std::string line = t.buf.substr(ls, le - ls).str();
  std::smatch m;
  if (std::regex_search(line, m, std::regex("std::string_view\\s+(\\w+)\\s*=\\s*"))) {
    // `std::string_view v = e;` -> `std::string v(e);` (std::string's constructor
    // from a view is explicit, so direct-initialise).
    unsigned at = ls + static_cast<unsigned>(m.position(0));
    unsigned exprBegin = at + static_cast<unsigned>(m.length(0));
    unsigned end = 0;
    if (!t.statementAt(at, end)) return;
    std::string expr = t.buf.substr(exprBegin, end - 1 - exprBegin).str();
    Fix f;
    f.title = "copy the value into a std::string instead of borrowing it";
    f.preferred = true;
    f.edits.push_back(edit(t, at, end, "std::string " + m[1].str() + "(" + expr + ");"));
    d.fixes.push_back(std::move(f));
    return;
  }
  if (std::regex_search(line, m, std::regex("const\\s+([\\w:<>]+)\\s*&(\\s*\\w+\\s*=)"))) {
    Fix f;
    f.title = "copy the value instead of borrowing it";
    f.preferred = true;
    unsigned at = ls + static_cast<unsigned>(m.position(0));
    f.edits.push_back(edit(t, at, at + static_cast<unsigned>(m.length(0)), m[1].str() + m[2].str()));
    d.fixes.push_back(std::move(f));
  }
}

void fixMissingLifetime(const Text& t, Diag& d) {
  // Hint: annotate with the candidate parameters named in the message. Naming all of
  // them is always a sound contract; the user can narrow it to the right one.
  if (d.severity != Severity::Hint) return;
  std::vector<std::string> names;
  for (size_t b = d.message.find('`'); b != std::string::npos; b = d.message.find('`', b + 1)) {
    size_t e = d.message.find('`', b + 1);
    if (e == std::string::npos) break;
    names.push_back(d.message.substr(b + 1, e - b - 1));
    b = e;
  }
  if (names.empty()) return;
  std::string args;
  for (size_t i = 0; i < names.size(); ++i) args += (i ? ", \"" : "\"") + names[i] + "\"";
  unsigned ls = t.lineStart(d.range.begin.offset);
  // Put the attribute at the start of the declaration: the line holding the return
  // type when the name stands alone on its line.
  unsigned at = ls + static_cast<unsigned>(t.indentOf(ls).size());
  llvm::StringRef before = t.buf.substr(at, d.range.begin.offset - at);
  if (before.trim().empty() && ls > 0) {
    unsigned prev = t.lineStart(ls - 1);
    at = prev + static_cast<unsigned>(t.indentOf(prev).size());
  }
  Fix f;
  f.title = "add [[borrow(" + args + ")]] to name where the result borrows from";
  f.preferred = true;
  f.edits.push_back(edit(t, at, at, "[[borrow(" + args + ")]] "));
  d.fixes.push_back(std::move(f));
}

}  // namespace

void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags) {
  const clang::SourceManager& sm = ctx.getSourceManager();
  Text t;
  t.buf = sm.getBufferData(sm.getMainFileID());
  if (auto fe = sm.getFileEntryRefForID(sm.getMainFileID())) t.file = fe->getName().str();
  for (Diag& d : diags) {
    if (d.range.file != t.file || d.range.begin.offset >= t.buf.size()) continue;
    switch (d.code) {
      case Code::UseAfterMove: fixUseAfterMove(t, d); break;
      case Code::DoubleRelease: fixRelease(t, d); break;
      case Code::UseAfterRelease: fixUseAfterRelease(t, d); break;
      case Code::Leak: fixLeak(t, d); break;
      case Code::InvalidAnnotation: fixInvalidAnnotation(t, d); break;
      case Code::Dangling: fixDangling(t, d); break;
      case Code::MissingLifetime: fixMissingLifetime(t, d); break;
      default: break;
    }
  }
}

}  // namespace ownership

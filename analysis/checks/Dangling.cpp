// dangling (spec §2a.7): a borrow is used after its source's lifetime ended: a local
// dropped at the end of its scope, or a temporary at the end of its full-expression.
// Each loan is reported once.
//   std::string_view v = std::string("x");  // temporary value dropped while borrowed
//   fix: `std::string_view v = e;` -> `std::string v(e);`, `const T& r = e;` -> `T r = e;`
#include <regex>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `borrow`: the loan; `drop`: where the source dies; `later`: the later use.
Diag localDropped(const SourceConv& conv, SourceRange borrow, const std::string& var, SourceLocation drop,
                  SourceRange later) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, borrow, "`" + var + "` does not live long enough",
                    rule::Dangling::LocalDropped);
  d.input.subject = var;
  d.input.borrowSite = d.range;
  addNote(conv, d, SourceRange(drop, drop), "`" + var + "` dropped here while still borrowed");
  addNote(conv, d, later, "borrow later used here");
  return d;
}

Diag temporaryDropped(const SourceConv& conv, SourceRange borrow, SourceLocation drop, SourceRange later) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, borrow, "temporary value dropped while borrowed",
                    rule::Dangling::TemporaryDropped);
  d.input.borrowSite = d.range;
  addNote(conv, d, SourceRange(drop, drop), "temporary value is freed at the end of this statement");
  addNote(conv, d, later, "borrow later used here");
  return d;
}

// The callee and how it keeps the argument, for the notes: `Register` keeps `name`.
std::string captureNote(const ParmVarDecl* P) {
  std::string callee;
  if (const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext())) callee = F->getNameAsString();
  bool global = false;
  for (const model::CaptureTarget& t : model::captureTargets(P)) global = global || t.kind == model::CaptureTarget::Global;
  std::string where = global ? "global storage" : "storage that outlives the call";
  std::string name = P->getName().empty() ? "the argument" : "`" + P->getNameAsString() + "`";
  return (callee.empty() ? std::string("the callee") : "`" + callee + "`") + " keeps " + name + " in " + where +
         " (`lifetime_capture_by(" + (global ? "global" : "unknown") + ")`)";
}

Diag localCaptured(const SourceConv& conv, SourceRange arg, const std::string& var, SourceLocation drop,
                   const ParmVarDecl* P) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, arg, "`" + var + "` does not live long enough",
                    rule::Dangling::LocalCaptured);
  d.input.subject = var;
  d.input.borrowSite = d.range;
  addNote(conv, d, P->getSourceRange(), captureNote(P));
  addNote(conv, d, SourceRange(drop, drop), "`" + var + "` dropped here while still borrowed");
  return d;
}

Diag temporaryCaptured(const SourceConv& conv, SourceRange arg, SourceLocation drop, const ParmVarDecl* P) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, arg, "temporary value dropped while borrowed",
                    rule::Dangling::TemporaryCaptured);
  d.input.borrowSite = d.range;
  addNote(conv, d, P->getSourceRange(), captureNote(P));
  addNote(conv, d, SourceRange(drop, drop), "temporary value is freed at the end of this statement");
  return d;
}

bool within(const SourceManager& sm, SourceRange inner, SourceRange outer) {
  if (inner.isInvalid() || outer.isInvalid()) return false;
  SourceLocation b = sm.getExpansionLoc(inner.getBegin()), e = sm.getExpansionLoc(inner.getEnd());
  SourceLocation ob = sm.getExpansionLoc(outer.getBegin()), oe = sm.getExpansionLoc(outer.getEnd());
  return !sm.isBeforeInTranslationUnit(b, ob) && !sm.isBeforeInTranslationUnit(oe, e);
}

}  // namespace

// A borrow kept beyond the call by a lifetime_capture_by(global|unknown) parameter
// (spec 2c, as Clang's -Wdangling-capture): a temporary made for the argument dies at the
// end of the statement, a local at the end of its scope, while the program goes on (not
// for `main`'s locals, whose end is the program's). Loans guessed by elision for an
// unannotated call's result, heap pointees and co-owned objects are given the benefit of
// the doubt.
void checkDanglingCapture(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const SourceManager& sm = c.ctx.getSourceManager();
  llvm::BitVector loans = resolve(c.fn, at.st, f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (L.external || L.viaCall || c.reportedLoans.count(l)) continue;
    if (p.kind == RootKind::Temp) {
      const auto* T = static_cast<const Expr*>(p.root);
      if (!T || !within(sm, T->getSourceRange(), f.range)) continue;
      if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(T); MT && MT->getExtendingDecl()) continue;
      c.reportedLoans.insert(l);
      c.report(temporaryCaptured(c.conv, f.range, f.at, f.capturedBy));
      return;
    }
    if (p.kind != RootKind::Local || (!p.path.empty() && p.path.front() == kDeref) || c.sharedPointee(p)) continue;
    const auto* V = dyn_cast_or_null<VarDecl>(static_cast<const ValueDecl*>(p.root));
    if (!V || V->hasGlobalStorage()) continue;
    if (c.fn.fn->isMain()) continue;
    SourceLocation drop;
    if (isa<ParmVarDecl>(V)) {
      if (const Stmt* body = c.fn.fn->getBody()) drop = body->getEndLoc();
    } else {
      drop = c.scopeEndAfter(V, at.block, at.index);
    }
    if (drop.isInvalid()) continue;
    c.reportedLoans.insert(l);
    c.report(localCaptured(c.conv, f.range, displayName(V), drop, f.capturedBy));
    return;
  }
}

// Borrows of a variable going out of scope that are still used later dangle.
void checkDanglingAtScopeEnd(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const VarInfo& info = c.var(f.var);
  const void* root = info.decl;
  for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (L.external || p.kind != RootKind::Local || p.root != root || c.sharedPointee(p)) continue;
    if (c.reportedLoans.count(l)) continue;
    llvm::BitVector holders = c.holdersOf(at.st, l, at.block, at.index, static_cast<int>(f.var.index));
    if (holders.none()) continue;
    c.reportedLoans.insert(l);
    SourceLocation drop = f.at.isValid() ? f.at : info.decl->getEndLoc();
    c.report(localDropped(c.conv, L.range, info.name, drop, c.nextUse(at.block, at.index, holders)));
  }
}

void checkDanglingTemporary(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (p.kind != RootKind::Temp || p.root != f.temp) continue;
    if (c.reportedLoans.count(l)) continue;
    llvm::BitVector holders = c.holdersOf(at.st, l, at.block, at.index);
    if (holders.none()) continue;
    c.reportedLoans.insert(l);
    c.report(temporaryDropped(c.conv, L.range, f.at, c.nextUse(at.block, at.index, holders)));
  }
}

// `std::string_view x = ...` -> `std::string x(...)`; `const T& x = ...` -> `T x = ...`.
void fixDangling(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  unsigned ls = t.lineStart(d.range.begin.offset), le = t.lineEnd(d.range.begin.offset);
  std::string line = t.buf.substr(ls, le - ls).str();
  std::smatch m;
  if (std::regex_search(line, m, std::regex("std::string_view\\s+(\\w+)\\s*=\\s*"))) {
    // std::string's constructor from a view is explicit, so direct-initialise.
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

}  // namespace ownership::checks

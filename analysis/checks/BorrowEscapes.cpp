// borrow-escapes (spec §2a.11): a borrowed parameter is stored where it outlives the
// call: a global or static, a data member not declared [[borrow]], another parameter
// whose [[borrow(...)]] does not name it. No fix: where it should live is a design decision.
//   void keep(const std::string& s) { g_view = s; }  // borrowed data escapes ...
#include "analysis/checks/Checks.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `where`: the storage as the message names it ("global `g`").
Diag borrowEscapes(const SourceConv& conv, rule::BorrowEscapes into, SourceRange store, const ParmVarDecl* src,
                   const std::string& where) {
  Diag d = makeDiag(conv, Code::BorrowEscapes, Severity::Warning, store,
                    "borrowed data escapes outside of function: `" + src->getNameAsString() + "` is stored in " + where,
                    into);
  d.input.subject = src->getNameAsString();
  d.input.subjectDecl = conv.range(src->getSourceRange());
  addNote(conv, d, src->getSourceRange(),
          model::isNoEscape(src) ? "`" + src->getNameAsString() + "` is declared `[[clang::noescape]]`"
                                 : "`" + src->getNameAsString() + "` is only borrowed for the duration of the call");
  return d;
}

// Whether src's [[clang::lifetime_capture_by(...)]] allows the store (spec 2c): into the
// parameter it names, into a member for `this`, into a global or static for `global`,
// anywhere for `unknown`.
bool captureAllows(const ParmVarDecl* src, const ValueDecl* target) {
  for (const model::CaptureTarget& t : model::captureTargets(src)) {
    switch (t.kind) {
      case model::CaptureTarget::Unknown: return true;
      case model::CaptureTarget::Param:
        if (const auto* P = dyn_cast_or_null<ParmVarDecl>(target); P && P->getFunctionScopeIndex() == t.param)
          return true;
        break;
      case model::CaptureTarget::This:
        if (isa_and_nonnull<FieldDecl>(target)) return true;
        break;
      case model::CaptureTarget::Global:
        if (const auto* V = dyn_cast_or_null<VarDecl>(target); (V && V->hasGlobalStorage()) || !target) return true;
        break;
    }
  }
  return false;
}

}  // namespace

void checkBorrowEscapes(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  llvm::BitVector loans = resolve(c.fn, at.st, f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (p.kind != RootKind::Extern) continue;
    const auto* src = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root));
    if (!src || src->getDeclContext() != c.fn.fn) continue;
    const ValueDecl* T = f.target;
    // [[clang::noescape]]: nothing may keep it, whatever the holder's type (spec 2c).
    bool noescape = model::isNoEscape(src);
    if (!noescape && captureAllows(src, T)) continue;
    std::string where;
    rule::BorrowEscapes into;
    if (f.capturedBy) {
      // Passed on to a callee that keeps it beyond the call (lifetime_capture_by(global|unknown)).
      const auto* callee = dyn_cast_or_null<FunctionDecl>(f.capturedBy->getDeclContext());
      std::string by = callee ? "`" + callee->getNameAsString() + "`" : std::string("the callee");
      bool global = false;
      for (const model::CaptureTarget& t : model::captureTargets(f.capturedBy))
        global = global || t.kind == model::CaptureTarget::Global;
      where = global ? "global storage by " + by : "storage kept by " + by + " beyond the call";
      into = rule::BorrowEscapes::IntoCapture;
    } else if (const auto* V = dyn_cast_or_null<VarDecl>(T)) {
      if (const auto* P = dyn_cast<ParmVarDecl>(V)) {
        if (P == src) continue;
        bool found = false;
        std::vector<std::string> allowed = model::borrowArgs(P, &found);
        if (!noescape && found && std::find(allowed.begin(), allowed.end(), src->getNameAsString()) != allowed.end())
          continue;
        where = "parameter `" + P->getNameAsString() + "`";
        into = rule::BorrowEscapes::IntoParam;
      } else if (V->hasGlobalStorage()) {
        where = V->isStaticLocal() ? "static `" + V->getNameAsString() + "`" : "global `" + V->getNameAsString() + "`";
        into = V->isStaticLocal() ? rule::BorrowEscapes::IntoStatic : rule::BorrowEscapes::IntoGlobal;
      } else {
        continue;
      }
    } else if (const auto* F = dyn_cast_or_null<FieldDecl>(T)) {
      if (!noescape && model::isBorrowMember(F)) continue;
      where = "member `" + F->getNameAsString() + "`";
      into = rule::BorrowEscapes::IntoMember;
    } else {
      continue;
    }
    c.report(borrowEscapes(c.conv, into, f.range, src, where));
    return;
  }
}

}  // namespace ownership::checks

// missing-lifetime (spec §2a.12): a returned borrow's source is not named by the
// function's contract; or (a hint) elision is ambiguous: a free function returning a
// borrow from two or more borrow-like parameters.
//   std::string_view longer(std::string_view a, std::string_view b);
//   // missing lifetime annotation: the returned borrow may come from `a` or `b`
//   fix: [[borrow("a", "b")]] before the declaration (sound; the user may narrow it)
#include <clang/AST/DeclCXX.h>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `F`: the function's first declaration; `src`: the parameter name or "this".
Diag contractMissesSource(const SourceConv& conv, const FunctionDecl* F, const std::string& src, SourceRange ret) {
  Diag d = makeDiag(conv, Code::MissingLifetime, Severity::Warning, SourceRange(F->getLocation(), F->getLocation()),
                    "`" + F->getNameAsString() + "` returns a borrow of `" + src +
                        "`, which its lifetime contract does not name",
                    rule::MissingLifetime::ContractMissesSource);
  d.input.subject = src;
  addNote(conv, d, ret, "borrow of `" + src + "` returned here");
  return d;
}

Diag ambiguousElision(const SourceConv& conv, const FunctionDecl* F, const std::vector<const ParmVarDecl*>& params) {
  std::string names;
  for (size_t i = 0; i < params.size(); ++i)
    names += (i ? (i + 1 == params.size() ? " or `" : ", `") : "`") + params[i]->getNameAsString() + "`";
  Diag d = makeDiag(conv, Code::MissingLifetime, Severity::Hint, SourceRange(F->getLocation(), F->getLocation()),
                    "missing lifetime annotation: the returned borrow may come from " + names,
                    rule::MissingLifetime::AmbiguousElision);
  d.input.subject = F->getNameAsString();
  for (const ParmVarDecl* P : params) {
    d.input.candidates.push_back(P->getNameAsString());
    d.notes.push_back({conv.range(P->getSourceRange()), "`" + P->getNameAsString() + "` is borrow-like"});
  }
  return d;
}

}  // namespace

// The returned borrow's source must be named by the contract.
void checkReturnedSourceNamed(FunctionChecks& c, const At& at) {
  if (!c.fn.contractKnown) return;
  // A lambda declares no contract: elision's `this` (the closure) is a guess its callers never rely
  // on, and its contract is what its body returns (2b.9).
  if (const auto* M = dyn_cast<CXXMethodDecl>(c.fn.fn); M && M->getParent()->isLambda() && !c.fn.contractExplicit)
    return;
  llvm::BitVector loans = resolve(c.fn, at.st, at.f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    std::string src;
    if (p.kind == RootKind::Extern) {
      if (const auto* PV = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root))) {
        if (PV->getDeclContext() != c.fn.fn) continue;
        // An elided contract is the model's guess, not the user's word (2b): the body disproves the
        // guess only where it returns a borrow of what a reference parameter refers to. What a
        // pointer, iterator or view parameter reaches, or what is reached through a pointer held in
        // the referent (`pMemory->node()`), is storage the caller handed over; returning it is a copy
        // of a value the caller gave (2b.1, 2b.2), and callers use the contract inferred from the body.
        if (!c.fn.contractExplicit &&
            (!PV->getType()->isReferenceType() ||
             std::find(p.path.begin(), p.path.end(), kDeref) != p.path.end()))
          continue;
        src = PV->getNameAsString();
      }
    } else if (p.kind == RootKind::This) {
      src = "this";
    }
    if (src.empty()) continue;
    if (std::find(c.fn.contract.begin(), c.fn.contract.end(), src) != c.fn.contract.end()) continue;
    c.report(contractMissesSource(c.conv, c.fn.fn->getFirstDecl(), src, at.f.range));
    return;
  }
}

void checkAmbiguousElision(const SourceConv& conv, const FunctionDecl* F, std::vector<Diag>& out) {
  if (F != F->getFirstDecl() || F->isImplicit()) return;
  if (const auto* M = dyn_cast<CXXMethodDecl>(F); M && !M->isStatic()) return;
  // A C interface: no references, and a returned pointer is as often the caller's to free as a borrow.
  if (F->isExternC()) return;
  QualType RT = F->getReturnType();
  if (!model::isBorrowLike(RT) || model::hasOwner(F)) return;
  bool found = false;
  model::borrowArgs(F, &found);
  if (found) return;
  std::vector<const ParmVarDecl*> borrowLike;
  for (unsigned i : model::elisionCandidates(F)) borrowLike.push_back(F->getParamDecl(i));
  if (borrowLike.size() < 2) return;
  // An unnamed parameter cannot be named in a contract (this declaration is not where to write it).
  for (const ParmVarDecl* P : borrowLike)
    if (P->getName().empty()) return;
  out.push_back(ambiguousElision(conv, F, borrowLike));
}

// Annotate with every candidate parameter: naming all of them is always a sound
// contract; the user can narrow it to the right one.
void fixMissingLifetime(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  const FixInput& in = d.input;
  if (!in.is(rule::MissingLifetime::AmbiguousElision) || in.candidates.empty()) return;
  std::string args;
  for (size_t i = 0; i < in.candidates.size(); ++i) args += (i ? ", \"" : "\"") + in.candidates[i] + "\"";
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

}  // namespace ownership::checks

// Holdings: each Store fact replayed with its block's state, the loans it stores resolved
// to the places they borrow.
#include "analysis/Holdings.h"

#include <algorithm>
#include <tuple>

#include <clang/AST/DeclCXX.h>

#include "analysis/Checker.h"
#include "analysis/Dataflow.h"

using namespace clang;

namespace ownership {
namespace {

std::string borrowedWhat(const LoweredFunction& fn, const Loan& L) {
  const Place& p = fn.places[L.place.index];
  std::string of = L.interior ? "the elements of " : "";
  switch (p.kind) {
    case RootKind::Temp: return "a temporary";
    case RootKind::This: return of + "`*this`";
    case RootKind::Extern:
    case RootKind::Local: {
      const auto* D = static_cast<const ValueDecl*>(p.root);
      if (!D) return "";
      std::string kind = isa<ParmVarDecl>(D) ? "parameter " : "local ";
      if (const auto* V = dyn_cast<VarDecl>(D); V && V->hasGlobalStorage()) kind = V->isStaticLocal() ? "static " : "global ";
      return of + kind + "`" + displayName(D) + "`";
    }
  }
  return "";
}

}  // namespace

std::string holderKey(const ValueDecl* D) {
  if (!D) return "";
  if (const auto* P = dyn_cast<ParmVarDecl>(D))
    if (const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext()))
      return F->getQualifiedNameAsString() + "#" + std::to_string(P->getFunctionScopeIndex());
  if (const auto* F = dyn_cast<FieldDecl>(D)) return F->getParent()->getQualifiedNameAsString() + "::" + F->getNameAsString();
  if (const auto* V = dyn_cast<VarDecl>(D); V && V->isStaticLocal())
    if (const auto* F = dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod()))
      return F->getQualifiedNameAsString() + "::" + V->getNameAsString();
  return D->getQualifiedNameAsString();
}

std::vector<Holding> holdingsOf(const ASTContext& ctx, const FileResult& result) {
  std::vector<Holding> out;
  SourceConv conv(ctx.getSourceManager());
  for (const FunctionResult& fr : result.functions) {
    const LoweredFunction& fn = *fr.lowered;
    if (fr.dataflow.capped) continue;
    std::string function = fn.fn->getNameAsString();
    if (const auto* M = dyn_cast<CXXMethodDecl>(fn.fn); M && M->getParent()->isLambda()) function = "a lambda";
    for (unsigned b = 0; b < fn.blockFacts.size() && b < fr.dataflow.blockEntry.size(); ++b) {
      if (!fr.dataflow.blockEntry[b].reached) continue;
      State st = fr.dataflow.blockEntry[b];
      for (const Fact& f : fn.blockFacts[b]) {
        if (f.kind == FactKind::Store && f.target) {
          llvm::BitVector stored = resolve(fn, st, f.srcs);  // named: set_bits() refers into it
          for (unsigned l : stored.set_bits()) {
            const Loan& L = fn.loans[l];
            std::string what = borrowedWhat(fn, L);
            // A parameter's own initial loan stored back into it says nothing.
            if (what.empty() || static_cast<const void*>(f.target) == fn.places[L.place.index].root) continue;
            out.push_back({holderKey(f.target), what, function, conv.range(f.range)});
          }
        }
        transfer(fn, st, f);
      }
    }
  }
  auto key = [](const Holding& h) { return std::make_tuple(h.at.begin.offset, h.holder, h.what); };
  std::sort(out.begin(), out.end(), [&](const Holding& a, const Holding& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(), [&](const Holding& a, const Holding& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace ownership

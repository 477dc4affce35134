// Infers which parameters a function returns borrows of by lowering its visible body and
// running the dataflow to each return (spec 2b.9); see InferredReturns.h.
#include "analysis/InferredReturns.h"

#include <clang/AST/DeclCXX.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

#include "analysis/Dataflow.h"
#include "analysis/Lowering.h"

using namespace clang;

namespace ownership {
namespace {

struct Cache {
  llvm::DenseMap<const FunctionDecl*, std::optional<ReturnSources>> done;
  llvm::DenseSet<const FunctionDecl*> inProgress;
};
thread_local Cache* current = nullptr;

// Small enough to infer while analysing a caller: callees are analysed in full.
constexpr unsigned kMaxBlockVisits = 5000;
// Inferring a callee lowers it, whose calls infer theirs: the recursion is as deep as a chain of
// functions each returning the next one's borrow. Past this depth the callee falls back to
// elision, as a recursive one does. It also bounds the work: the server infers per function (no
// cache shared between functions), so a chain of N functions costs N x this many lowerings.
constexpr size_t kMaxInferenceDepth = 64;

std::optional<ReturnSources> infer(ASTContext& ctx, const FunctionDecl* F) {
  std::unique_ptr<LoweredFunction> fn = lowerFunction(ctx, F);
  if (!fn) return std::nullopt;
  DataflowResult df = runDataflow(*fn, kMaxBlockVisits);
  if (df.capped) return std::nullopt;
  ReturnSources out;
  llvm::BitVector returned(fn->loans.size());
  for (const CFGBlock* B : *fn->cfg) {
    State st = df.blockEntry[B->getBlockID()];
    if (!st.reached) continue;
    for (const Fact& f : fn->blockFacts[B->getBlockID()]) {
      if (f.kind == FactKind::Return) returned |= resolve(*fn, st, f.srcs);
      transfer(*fn, st, f);
    }
  }
  for (unsigned l : returned.set_bits()) {
    const Place& p = fn->place(fn->loan(LoanId{l}).place);
    if (p.kind == RootKind::This) {
      out.fromThis = true;
    } else if (p.kind == RootKind::Extern) {
      for (unsigned i = 0; i < F->getNumParams(); ++i)
        if (p.root == F->getParamDecl(i) &&
            std::find(out.params.begin(), out.params.end(), i) == out.params.end())
          out.params.push_back(i);
    }
  }
  return out;
}

}  // namespace

InferenceScope::InferenceScope() {
  if (!current) {
    current = new Cache;
    owner_ = true;
  }
}

InferenceScope::~InferenceScope() {
  if (owner_) {
    delete current;
    current = nullptr;
  }
}

std::optional<ReturnSources> inferredReturnSources(ASTContext& ctx, const FunctionDecl* F) {
  if (!current || !F) return std::nullopt;
  const FunctionDecl* def = nullptr;
  if (!F->isDefined(def) || !def || !def->doesThisDeclarationHaveABody()) return std::nullopt;
  if (const auto* M = dyn_cast<CXXMethodDecl>(def); M && M->isVirtual()) return std::nullopt;
  if (def->isDependentContext()) return std::nullopt;
  if (auto it = current->done.find(def); it != current->done.end()) return it->second;
  if (current->inProgress.size() >= kMaxInferenceDepth) return std::nullopt;  // not cached: shallower callers may infer it
  if (!current->inProgress.insert(def).second) return std::nullopt;  // recursion: fall back to elision
  std::optional<ReturnSources> r = infer(ctx, def);
  current->inProgress.erase(def);
  current->done[def] = r;
  return r;
}

}  // namespace ownership

// Lowering: a function's AST and CFG become per-block lists of Facts, plus the
// tables of variables, places and loans the facts refer to.
#pragma once
#include <memory>
#include <optional>
#include <deque>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/Analysis/CFG.h>
#include <llvm/ADT/DenseMap.h>

#include "analysis/Diagnostic.h"
#include "analysis/Facts.h"

namespace ownership {

// A diagnostic found while lowering, without dataflow (e.g. two arguments of one
// call borrowing the same place, a delete through a borrow).
struct ImmediateDiag {
  Code code{};
  Rule rule;  // which rule of its code, for the fixes (Diag::input.rule)
  clang::SourceRange range;
  std::string message;
  std::vector<std::pair<clang::SourceRange, std::string>> notes;
};

// A null test in a block's terminator: on one edge the owner holds nothing (§2a.8).
struct EdgeRefinement {
  VarId var;
  bool nullOnTrue = false;  // true edge (succ 0) is the null one
};

struct LoweredFunction {
  const clang::FunctionDecl* fn = nullptr;
  std::unique_ptr<clang::CFG> cfg;
  std::deque<VarInfo> vars;  // a deque: references stay valid while lowering adds variables
  llvm::DenseMap<const clang::ValueDecl*, unsigned> varIndex;
  std::vector<Place> places;
  std::vector<Loan> loans;
  std::vector<std::vector<Fact>> blockFacts;  // indexed by CFGBlock::getBlockID()
  std::vector<std::optional<EdgeRefinement>> refinements;
  std::vector<ImmediateDiag> immediate;
  std::vector<Fact> entryFacts;  // parameters' initial states and loans
  std::vector<std::vector<std::uint32_t>> children;  // by VarId: its tracked owner fields (VarInfo::parent)
  bool hasTry = false;
  bool isDestructor = false;
  bool isConstructor = false;
  // Contract of the function's returned borrow: names of parameters and/or "this";
  // `contractKnown` is false when elision is ambiguous (the missing-lifetime hint).
  std::vector<std::string> contract;
  bool contractKnown = true;
  bool contractExplicit = false;

  const Place& place(PlaceId p) const { return places[p.index]; }
  const Loan& loan(LoanId l) const { return loans[l.index]; }
  const VarInfo& var(VarId v) const { return vars[v.index]; }
};

// Builds the CFG and lowers it. Returns null when the function cannot be analysed
// (no body, dependent code, errors in the body, no CFG).
std::unique_ptr<LoweredFunction> lowerFunction(clang::ASTContext& ctx, const clang::FunctionDecl* fn);

}  // namespace ownership

// The rules of the 13 codes, one file per code (analysis/checks/<Code>.cpp; spec §2, §4).
//
// Each file holds, for its code:
//   detect  the rule: what in a fact and its state (or a declaration) is a bug;
//   word    one constructor per error variant, with typed parameters, that writes the
//           message and the notes and fills the typed fix input (Diag::input);
//   fix     its quick-fixes, computed from Diag::input, the source text and the AST,
//           never from the message, the notes or the severity.
// The callers are thin dispatches: Checker.cpp (a switch over fact kinds), DeclChecks.cpp
// (declarations and statements needing no dataflow) and Fixes.cpp (a switch over codes).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <tuple>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/Analysis/Analyses/Dominators.h>
#include <llvm/ADT/BitVector.h>

#include "analysis/Checker.h"
#include "analysis/Dataflow.h"
#include "analysis/Diagnostic.h"
#include "analysis/Liveness.h"
#include "analysis/checks/ConflictingBorrow.h"

namespace ownership::checks {

// ---------------------------------------------------------------------------
// Shared by the rules

// The checking of one function: reporting with deduplication (one diagnostic per code
// and position), names as the user wrote them, and liveness queries.
class FunctionChecks {
 public:
  FunctionChecks(clang::ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df, const Liveness& live);

  clang::ASTContext& ctx;
  SourceConv conv;
  const LoweredFunction& fn;
  const DataflowResult& df;
  const Liveness& live;
  std::set<unsigned> reportedLoans;          // a loan is reported dangling once
  std::map<unsigned, size_t> leakDiagOfVar;  // VarId -> index of its leak diagnostic (more exits are added to it)

  // Adds `d` unless one of its code is already reported at its position: the added one, or null.
  Diag* report(Diag d);
  Diag& diag(size_t i) { return diags_[i]; }
  size_t lastIndex() const { return diags_.size() - 1; }
  std::vector<Diag> take() { return std::move(diags_); }

  const VarInfo& var(VarId v) const { return fn.vars[v.index]; }
  const Place& place(PlaceId p) const { return fn.places[p.index]; }
  std::string placeName(const Place& p) const;
  bool isRawOwner(VarId v) const {
    auto k = fn.vars[v.index].owner;
    return k == OwnerKind::AnnotatedRaw || k == OwnerKind::InferredRaw;
  }
  // One bug, one diagnostic (spec 2b.6): false when the same event (a move or a release
  // of `var` at raw location `eventLoc`, of `kind`) was already reported at a point every
  // path to (block, index) passes through; otherwise records this report and returns true.
  bool firstReportOnPath(int kind, unsigned var, unsigned eventLoc, unsigned block, unsigned index);
  // What a local std::shared_ptr points to: co-owned, so it may outlive the variable (a copy
  // kept elsewhere); the model cannot tell, so its end is never reported (spec 2b).
  bool sharedPointee(const Place& p) const;
  // Whether the raw-encoded location `rawA` is before `b` (false when there is none).
  bool before(unsigned rawA, clang::SourceLocation b) const;
  // The next read of any origin in `holders` after (block, index): the later use.
  clang::SourceRange nextUse(unsigned block, unsigned index, const llvm::BitVector& holders) const;
  // Where local variable `root` next goes out of scope after (block, index), on the first
  // path found; invalid when no path reaches its end.
  clang::SourceLocation scopeEndAfter(const void* root, unsigned block, unsigned index) const;
  // Origins live after (block, index) that hold loan l (excluding `except`).
  llvm::BitVector holdersOf(const State& st, unsigned l, unsigned block, unsigned index, int except = -1) const;

 private:
  std::vector<Diag> diags_;
  std::set<std::pair<int, unsigned>> seen_;  // (code, offset)
  std::vector<const clang::CFGBlock*> byId_;
  std::map<std::tuple<int, unsigned, unsigned>, std::vector<std::pair<unsigned, unsigned>>> reportedEvents_;
  std::unique_ptr<clang::CFGDomTree> dom_;  // built on first need
};

// One fact being checked, with the state just before it.
struct At {
  const State& st;
  const Fact& f;
  unsigned block;
  unsigned index;
};

// A diagnostic with its message and rule; notes are added by the constructors.
Diag makeDiag(const SourceConv& conv, Code code, Severity sev, clang::SourceRange r, std::string message, Rule rule);
// Adds a labelled note when `r` is valid.
void addNote(const SourceConv& conv, Diag& d, clang::SourceRange r, std::string message);
// The range of a raw-encoded location (0: none).
std::optional<Range> rawPoint(const SourceConv& conv, unsigned rawLoc);

// The first non-external loan `applies` accepts that a live origin other than f.var
// holds: the loan, and the holders; for move-while-borrowed and mutate-while-borrowed.
struct LoanConflict {
  unsigned loan = 0;
  llvm::BitVector holders;
};
std::optional<LoanConflict> findLoanConflict(const FunctionChecks& c, const At& at,
                                             const std::function<bool(const Loan&)>& applies);

struct FixContext;  // analysis/checks/FixText.h

// ---------------------------------------------------------------------------
// Per code: detection entry points (called by the dispatches) and fixes.

// use-after-move (UseAfterMove.cpp). Use/Move of a moved-from owner: true when the owner was moved.
bool checkUseAfterMove(FunctionChecks& c, const At& at);
void fixUseAfterMove(const FixContext& a, Diag& d);

// use-after-release (UseAfterRelease.cpp). Use/Move of a released owner: true when it was released.
bool checkUseOfReleased(FunctionChecks& c, const At& at);
void checkBorrowOfReleased(FunctionChecks& c, const At& at);  // OriginUse
void fixUseAfterRelease(const FixContext& a, Diag& d);

// double-release (DoubleRelease.cpp).
bool checkHandOnAfterRelease(FunctionChecks& c, const At& at);  // Move of a released raw owner
void checkRelease(FunctionChecks& c, const At& at);             // Release
void fixDoubleRelease(const FixContext& a, Diag& d);

// leak (Leak.cpp).
void checkLeakAtOverwrite(FunctionChecks& c, const At& at);  // Reinit
void checkLeakAtScopeEnd(FunctionChecks& c, const At& at);   // ScopeEnd
void checkLeakOnThrow(FunctionChecks& c, const At& at);      // Throw
void checkLeakAtDestruction(FunctionChecks& c);              // a destructor's exit
void checkOwnerMembers(const SourceConv& conv, const clang::CXXRecordDecl* RD, std::vector<Diag>& out);
void checkDiscardedOwner(const SourceConv& conv, const clang::Stmt* S, std::vector<Diag>& out);
void fixLeak(const FixContext& a, Diag& d);

// release-of-borrow (ReleaseOfBorrow.cpp).
void checkReleaseOfBorrow(FunctionChecks& c, const At& at);  // ReleaseBorrow
void fixReleaseOfBorrow(const FixContext& a, Diag& d);

// dangling (Dangling.cpp).
void checkDanglingAtScopeEnd(FunctionChecks& c, const At& at);  // ScopeEnd
void checkDanglingTemporary(FunctionChecks& c, const At& at);   // TempEnd
// A local or temporary passed for a lifetime_capture_by(global|unknown) parameter: true
// when the Store was such a capture (then borrow-escapes judges the rest of its loans).
void checkDanglingCapture(FunctionChecks& c, const At& at);     // Store with capturedBy
void fixDangling(const FixContext& a, Diag& d);

// return-local-borrow (ReturnLocalBorrow.cpp). Return: true when a local borrow is returned.
bool checkReturnLocalBorrow(FunctionChecks& c, const At& at);
void fixReturnLocalBorrow(const FixContext& a, Diag& d);

// borrow-escapes (BorrowEscapes.cpp).
void checkBorrowEscapes(FunctionChecks& c, const At& at);  // Store
void fixBorrowEscapes(const FixContext& a, Diag& d);

// conflicting-borrow (ConflictingBorrow.cpp).
void checkConflictingBorrow(FunctionChecks& c, const At& at);  // CheckConflict
void fixConflictingBorrow(const FixContext& a, Diag& d);
// Its words, shared with Lowering (two arguments of one call): checks/ConflictingBorrow.h.

// mutate-while-borrowed (MutateWhileBorrowed.cpp).
void checkMutateWhileBorrowed(FunctionChecks& c, const At& at);  // Mutate
void fixMutateWhileBorrowed(const FixContext& a, Diag& d);

// move-while-borrowed (MoveWhileBorrowed.cpp).
void checkMoveOfBorrowedVar(FunctionChecks& c, const At& at);    // Move
void checkMoveOfBorrowedPlace(FunctionChecks& c, const At& at);  // MovePlace
void fixMoveWhileBorrowed(const FixContext& a, Diag& d);

// missing-lifetime (MissingLifetime.cpp).
void checkReturnedSourceNamed(FunctionChecks& c, const At& at);  // Return
void checkAmbiguousElision(const SourceConv& conv, const clang::FunctionDecl* F, std::vector<Diag>& out);
void fixMissingLifetime(const FixContext& a, Diag& d);

// invalid-annotation (InvalidAnnotation.cpp).
void checkAnnotationPlacement(const SourceConv& conv, const clang::Decl* D, std::vector<Diag>& out);
void fixInvalidAnnotation(const FixContext& a, Diag& d);

}  // namespace ownership::checks

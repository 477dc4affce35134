// The lowering of one function (private to analysis/lowering/): one Lowerer per function,
// its members grouped by the file that defines them.
//
// Lowering walks each CFG element's expression in evaluation order and records what it
// does to owners (use, move, release, reinit), to origins (which loans flow where) and to
// places (mutations, scope ends). Pure with respect to the dataflow state: loans carried
// by an origin are referred to symbolically (CopyOf).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMap.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/DenseSet.h>

#include "analysis/Lowering.h"
#include "analysis/lowering/ExprShapes.h"

namespace ownership::lowering {

using model::Family;

class Lowerer {
 public:
  Lowerer(clang::ASTContext& ctx, LoweredFunction& out) : ctx_(ctx), out_(out) {}

  void run();

 private:
  // Where an lvalue lives: a fixed place, storage that outlives the call (Static), or
  // storage reached through loans (Dynamic: `*p`, `it->x`, a reference of unknown target).
  struct PlaceRef {
    enum Kind { None, Static, Fixed, Dynamic } kind = None;
    Place place;
    bool interior = false;
    bool iterator = false;
    std::string key;           // Fixed interior: the key of a map's or set's element access
    std::vector<Source> srcs;  // Dynamic: the loans the lvalue is reached through

    static PlaceRef fixed(Place p) {
      PlaceRef r;
      r.kind = Fixed;
      r.place = std::move(p);
      return r;
    }
    static PlaceRef dynamic(std::vector<Source> srcs) {
      PlaceRef r;
      r.kind = Dynamic;
      r.srcs = std::move(srcs);
      return r;
    }
    static PlaceRef outliving() {
      PlaceRef r;
      r.kind = Static;
      return r;
    }
    // Extends a fixed place's path (`.f`, `*`, `[..]`); other kinds stay as they are.
    void push(std::uintptr_t element) {
      if (kind == Fixed) place.path.push_back(element);
    }
  };
  struct TryBody {
    clang::SourceRange range;
    unsigned dispatch;
  };

  clang::ASTContext& ctx_;
  LoweredFunction& out_;
  llvm::DenseSet<const clang::Stmt*> elements_;  // statements that are CFG elements of their own
  const clang::Stmt* currentRoot_ = nullptr;     // the element being lowered
  std::vector<Fact>* facts_ = nullptr;           // where emit() appends: the current block's facts
  llvm::DenseMap<const clang::VarDecl*, std::optional<Place>> alias_;  // reference locals
  std::map<std::pair<const void*, unsigned>, unsigned> loanIntern_;     // one loan per (site, place, kind)
  std::map<std::pair<const void*, const clang::FieldDecl*>, unsigned> memberVars_;  // `r.token` variables
  bool forceShared_ = false;
  unsigned inCallResult_ = 0;  // > 0 while the loans of an unannotated call's result are made  // the destination of the value being evaluated is a shared borrow
  std::unique_ptr<clang::ParentMap> parents_;
  std::vector<TryBody> tries_;

  // ---- Driver.cpp: the CFG walk, per element; refinements, contract, entry facts ----
  void lowerElement(const clang::CFGElement& el);
  void computeRefinement(const clang::CFGBlock& B);
  void computeContract();
  void lowerEntry();
  void endTrivialTemporaries(const clang::Stmt* S);
  clang::SourceLocation fullExpressionEnd(const clang::Expr* E);  // where E's full-expression ends
  void computeTryBodies();
  int dispatchAt(clang::SourceLocation L) const;

  // ---- Variables.cpp: which declarations are tracked, and as what ----
  std::optional<VarId> varOf(const clang::ValueDecl* D);
  std::optional<VarId> trackedVar(const clang::Expr* E);  // DeclRef or this->ownerField
  std::optional<VarId> memberVarOf(const clang::MemberExpr* ME);
  std::optional<VarId> localStructHolding(const clang::Expr* lvalue);
  bool isBorrowVar(const clang::ValueDecl* D) const;
  bool producesOwner(const clang::Expr* E);
  bool isOwnerRaw(VarId v) const { return isRawOwner(out_.vars[v.index].owner); }

  // ---- Places.cpp: places and loans of lvalues ----
  PlaceId intern(const Place& p);
  LoanId newLoan(const clang::Expr* site, const Place& p, bool mut, bool interior, bool iter, bool explicitBorrow);
  PlaceRef placeOf(const clang::Expr* E);
  PlaceRef placeOfVar(const clang::ValueDecl* D);
  PlaceRef pointeeOf(VarId rawOwner);  // `*p` of a raw owner p
  std::vector<Source> borrowOf(const clang::Expr* lvalue, bool mut, bool explicitBorrow, const clang::Expr* site);

  // ---- Values.cpp: the loans a value carries ----
  std::vector<Source> valueSources(const clang::Expr* E, bool explicitBorrow = false);
  // `contents`: the call's reference result is read as a value (`const T* p = std::get<0>(t)`):
  // a reference parameter gives what its argument holds, not a borrow of the argument (2b.1).
  std::vector<Source> argSources(const clang::ParmVarDecl* P, const clang::Expr* A, bool contents = false);
  std::vector<Source> callResultSources(const clang::Expr* call, const clang::FunctionDecl* F,
                                        const clang::Expr* object, llvm::ArrayRef<const clang::Expr*> args,
                                        clang::QualType resultType, bool contents = false);
  std::optional<std::vector<Source>> copiedElementSources(const clang::Expr* glvalue);
  bool isBorrowExpr(const clang::Expr* E);
  void append(std::vector<Source>& to, const std::vector<Source>& from) { to.insert(to.end(), from.begin(), from.end()); }

  // ---- Emit.cpp: building facts ----
  void emit(Fact f) { facts_->push_back(std::move(f)); }
  Fact& lastFact() { return facts_->back(); }
  // Borrows stored into storage that outlives the call (checked for borrow-escapes).
  void emitStore(std::vector<Source> srcs, const clang::ValueDecl* target, clang::SourceRange r);
  // Emits a fact about one variable; returns it so the caller can set its kind's detail.
  Fact& emitVar(FactKind k, VarId v, clang::SourceRange r, UseKind u = UseKind::Read);
  void emitReinit(VarId v, clang::SourceRange r, ReinitValue value, bool checkOverwrite = false);
  void emitReleaseBorrow(VarId v, clang::SourceRange r, BorrowRelease how);
  void emitAssign(VarId dst, std::vector<Source> srcs, bool replace, clang::SourceRange r);
  void emitConflictChecks(const std::vector<Source>& srcs, const clang::Expr* site);
  void emitMutate(const clang::Expr* objectOrLhs, model::Invalidation inval, clang::SourceRange r,
                  VarId erased = {}, std::string erasedKey = {});
  void emitMovePlace(const Place& p, clang::SourceRange r);  // a field path moved out of
  void emitTempEnd(const clang::Expr* temp, clang::SourceRange r, clang::SourceLocation at);

  // ---- Walk.cpp: the expression walker, in evaluation order ----
  void walk(const clang::Stmt* S);
  void walkChildren(const clang::Stmt* S);
  void useVarExpr(const clang::DeclRefExpr* DR, UseKind u);

  // ---- Statements.cpp: declarations, returns, releases, lambdas, assignments ----
  void handleVarDecl(const clang::VarDecl* V);
  void handleReturn(const clang::ReturnStmt* R);
  void handleRelease(const clang::Expr* arg, clang::SourceRange r);
  void handleLambda(const clang::LambdaExpr* L);
  void handleAssign(const clang::BinaryOperator* B);

  // ---- Calls.cpp: calls, member calls on known types, constructions ----
  void handleCall(const clang::CallExpr* C);
  void handleMemberCall(const clang::CallExpr* C, const clang::CXXMethodDecl* M, const clang::Expr* object,
                        llvm::ArrayRef<const clang::Expr*> args);
  // `origin = args[0]` through operator=: the origin's loans are replaced.
  void assignOriginFromArgs(VarId v, llvm::ArrayRef<const clang::Expr*> args, clang::SourceRange r);
  void handleConstruct(const clang::CXXConstructExpr* CE);
  bool handleOwnerTransfer(const clang::Expr* value, clang::SourceRange r);  // owner var handed to an owner
  bool isNullTestOperand(const clang::Expr* E);  // `E == nullptr`
  // `std::move(x)` (the call) stored where it outlives this function (a member, an element of a
  // container that is not a local, a global, through a pointer, or handed to a member function of
  // such an object): what x pointed at lives on.
  bool movedIntoLastingStorage(const clang::Expr* moveCall);
  bool isUnevaluated(const clang::Stmt* S);      // inside sizeof / noexcept / typeid / requires
  std::optional<VarId> iteratorVar(const clang::Expr* A);           // the variable an iterator argument names
  std::vector<Source> rangeElementSources(const clang::Expr* A);  // what a range's elements carry

  // ---- Arguments.cpp: what passing arguments to parameters does ----
  void handleArgs(const clang::FunctionDecl* F, llvm::ArrayRef<const clang::Expr*> args, const clang::CallExpr* call);
  // [[clang::lifetime_capture_by(X)]] parameters: the holder (X's argument, the object)
  // borrows the argument; global/unknown captures are stored beyond the call (spec 2c).
  void handleCaptures(const clang::FunctionDecl* F, const clang::Expr* object, llvm::ArrayRef<const clang::Expr*> args,
                      clang::SourceRange r);
  // What a holder receives when argument A is stored through parameter P (a borrow of A
  // for a reference to a non-borrow type, the loans A's value carries otherwise).
  std::vector<Source> keptArgSources(const clang::ParmVarDecl* P, const clang::Expr* A);
  // A holder's argument received loans: a local holder now holds them; storage that
  // outlives the call (a reference parameter, a member, a global) gets a Store.
  void holderReceives(const clang::Expr* holder, std::vector<Source> srcs, clang::SourceRange r);
};

}  // namespace ownership::lowering

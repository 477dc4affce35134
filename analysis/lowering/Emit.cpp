// Building facts: the emit helpers every handler goes through.
#include "analysis/lowering/Lowerer.h"

using namespace clang;

namespace ownership::lowering {

void Lowerer::emitStore(std::vector<Source> srcs, const ValueDecl* target, SourceRange r) {
  if (srcs.empty()) return;
  Fact f;
  f.kind = FactKind::Store;
  f.srcs = std::move(srcs);
  f.target = target;
  f.range = r;
  emit(std::move(f));
}

Fact& Lowerer::emitVar(FactKind k, VarId v, SourceRange r, UseKind u) {
  Fact f;
  f.kind = k;
  f.var = v;
  f.range = r;
  f.use = u;
  emit(std::move(f));
  return lastFact();
}

void Lowerer::emitReinit(VarId v, SourceRange r, ReinitValue value, bool checkOverwrite) {
  Fact& f = emitVar(FactKind::Reinit, v, r);
  f.reinit = value;
  f.checkOverwrite = checkOverwrite;
}

void Lowerer::emitReleaseBorrow(VarId v, SourceRange r, BorrowRelease how) {
  emitVar(FactKind::ReleaseBorrow, v, r).borrowRelease = how;
}

void Lowerer::emitAssign(VarId dst, std::vector<Source> srcs, bool replace, SourceRange r) {
  Fact f;
  f.kind = FactKind::Assign;
  f.var = dst;
  f.srcs = std::move(srcs);
  f.replace = replace;
  f.range = r;
  emit(std::move(f));
}

void Lowerer::emitConflictChecks(const std::vector<Source>& srcs, const Expr* site) {
  for (const Source& s : srcs) {
    if (s.kind != Source::NewLoan) continue;
    const Loan& L = out_.loans[s.id];
    if (!L.explicitBorrow || L.interior) continue;
    Fact f;
    f.kind = FactKind::CheckConflict;
    f.loan = LoanId{s.id};
    f.range = site ? site->getSourceRange() : L.range;
    emit(std::move(f));
  }
}

void Lowerer::emitMutate(const Expr* object, model::Invalidation inval, SourceRange r, VarId erased,
                         std::string erasedKey) {
  if (!isDirectLvalue(object)) return;
  PlaceRef p = placeOf(object);
  if (p.kind != PlaceRef::Fixed) return;
  Fact f;
  f.kind = FactKind::Mutate;
  f.place = intern(p.place);
  f.inval = inval;
  f.erased = erased;
  f.erasedKey = std::move(erasedKey);
  f.range = r;
  emit(std::move(f));
}

void Lowerer::emitMovePlace(const Place& p, SourceRange r) {
  Fact f;
  f.kind = FactKind::MovePlace;
  f.place = intern(p);
  f.range = r;
  emit(std::move(f));
}

void Lowerer::emitTempEnd(const Expr* temp, SourceRange r, SourceLocation at) {
  Fact f;
  f.kind = FactKind::TempEnd;
  f.temp = temp;
  f.range = r;
  f.at = at;
  emit(std::move(f));
}

}  // namespace ownership::lowering

// Lowering driver: builds the CFG, lowers each element in order; null-test refinements, the return contract, entry facts.
#include "analysis/lowering/Lowerer.h"

#include "analysis/NestingDepth.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>

#include <functional>

using namespace clang;

namespace ownership {
namespace lowering {

void Lowerer::lowerElement(const CFGElement& el) {
  switch (el.getKind()) {
    case CFGElement::Statement:
    case CFGElement::Constructor:
    case CFGElement::CXXRecordTypedCall: {
      const Stmt* S = el.castAs<CFGStmt>().getStmt();
      if (isUnevaluated(S)) return;  // the CFG lists the insides of noexcept(...) too (2b.8)
      currentRoot_ = S;
      walk(S);
      currentRoot_ = nullptr;
      endTrivialTemporaries(S);
      return;
    }
    case CFGElement::Initializer: {
      const CXXCtorInitializer* I = el.castAs<CFGInitializer>().getInitializer();
      if (!I->getInit()) return;
      currentRoot_ = I->getInit();
      if (const FieldDecl* F = I->getMember()) {
        if (auto v = varOf(F)) {
          ReinitValue value = isNullLiteral(I->getInit(), ctx_) ? ReinitValue::Null : ReinitValue::Owned;
          walk(I->getInit());
          emitReinit(*v, I->getSourceRange(), value);
          currentRoot_ = nullptr;
          return;
        }
      }
      walk(I->getInit());
      // `: on_click_([&clicks] {...})`: a member initialised with a borrow of a parameter.
      if (const FieldDecl* F = I->getMember(); F && model::holdsBorrows(F->getType()) && !F->getType()->isReferenceType())
        emitStore(valueSources(I->getInit()), F, I->getSourceRange());
      // `: ref_(p)`: a reference member bound to a parameter keeps it; only a
      // [[clang::noescape]] parameter forbids that (borrow-escapes judges, spec 2c).
      if (const FieldDecl* F = I->getMember(); F && F->getType()->isReferenceType())
        if (const auto* DR = dyn_cast<DeclRefExpr>(stripCasts(I->getInit())))
          if (const auto* P = dyn_cast<ParmVarDecl>(DR->getDecl()); P && model::isNoEscape(P))
            emitStore(valueSources(I->getInit()), F, I->getSourceRange());
      currentRoot_ = nullptr;
      return;
    }
    case CFGElement::LifetimeEnds: {
      const VarDecl* V = el.castAs<CFGLifetimeEnds>().getVarDecl();
      auto v = varOf(V);
      if (!v) return;
      Fact f;
      f.kind = FactKind::ScopeEnd;
      f.var = *v;
      const Stmt* trigger = el.castAs<CFGLifetimeEnds>().getTriggerStmt();
      if (trigger) {
        f.at = trigger->getEndLoc();
        if (isa<ReturnStmt>(trigger) || isa<BreakStmt>(trigger) || isa<ContinueStmt>(trigger) ||
            isa<GotoStmt>(trigger))
          f.at = trigger->getBeginLoc();
      }
      f.range = V->getSourceRange();
      emit(std::move(f));
      return;
    }
    case CFGElement::TemporaryDtor: {
      const CXXBindTemporaryExpr* BT = el.castAs<CFGTemporaryDtor>().getBindTemporaryExpr();
      emitTempEnd(BT, BT->getSourceRange(), BT->getEndLoc());
      return;
    }
    default:
      return;
  }
}

void Lowerer::computeRefinement(const CFGBlock& B) {
  const Stmt* T = B.getTerminatorCondition();
  const auto* cond = dyn_cast_or_null<Expr>(T);
  if (!cond || B.succ_size() != 2) return;
  const Expr* c = cond->IgnoreParenImpCasts();
  bool negate = false;
  while (const auto* U = dyn_cast<UnaryOperator>(c)) {
    if (U->getOpcode() != UO_LNot) break;
    negate = !negate;
    c = U->getSubExpr()->IgnoreParenImpCasts();
  }
  const Expr* var = nullptr;
  bool nullWhenTrue = false;
  if (const auto* BO = dyn_cast<BinaryOperator>(c); BO && BO->isEqualityOp()) {
    const Expr* L = BO->getLHS();
    const Expr* R = BO->getRHS();
    if (isNullLiteral(R, ctx_)) var = L;
    else if (isNullLiteral(L, ctx_)) var = R;
    nullWhenTrue = BO->getOpcode() == BO_EQ;
  } else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(c); OC && OC->getNumArgs() == 2 &&
                                                              (OC->getOperator() == OO_EqualEqual ||
                                                               OC->getOperator() == OO_ExclaimEqual)) {
    if (isNullLiteral(OC->getArg(1), ctx_)) var = OC->getArg(0);
    else if (isNullLiteral(OC->getArg(0), ctx_)) var = OC->getArg(1);
    nullWhenTrue = OC->getOperator() == OO_EqualEqual;
  } else if (const auto* MC = dyn_cast<CXXMemberCallExpr>(c); MC && isa<CXXConversionDecl>(MC->getMethodDecl())) {
    var = MC->getImplicitObjectArgument();
    nullWhenTrue = false;
  } else {
    var = c;
    nullWhenTrue = false;
  }
  if (!var) return;
  auto v = trackedVar(var);
  if (!v || out_.vars[v->index].owner == OwnerKind::None || out_.vars[v->index].owner == OwnerKind::Value) return;
  out_.refinements[B.getBlockID()] = EdgeRefinement{*v, negate ? !nullWhenTrue : nullWhenTrue};
}

void Lowerer::computeContract() {
  const FunctionDecl* F = out_.fn;
  bool found = false;
  std::vector<std::string> names = model::borrowArgs(F, &found);
  if (found && !names.empty()) {
    out_.contract = names;
    out_.contractExplicit = true;
    return;
  }
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  if (M && !M->isStatic()) {
    out_.contract = {"this"};
    return;
  }
  std::vector<std::string> borrowLike;
  // The contract a body is held to is elision's, not the narrowed candidates of a call:
  // a body that returns a borrow of a parameter proves that parameter can be pointed into.
  for (const ParmVarDecl* P : F->parameters())
    if (model::isBorrowLike(P->getType()) || model::holdsBorrows(P->getType())) borrowLike.push_back(P->getNameAsString());
  out_.contract = borrowLike;
  out_.contractKnown = borrowLike.size() <= 1;
}

void Lowerer::lowerEntry() {
  facts_ = &out_.entryFacts;
  for (const ParmVarDecl* P : out_.fn->parameters()) {
    auto v = varOf(P);
    if (!v) continue;
    const VarInfo& info = out_.vars[v->index];
    if (info.owner != OwnerKind::None) emitReinit(*v, P->getSourceRange(), ReinitValue::Owned);
    if (info.origin) {
      // What a borrow parameter refers to belongs to the caller.
      Place p{RootKind::Extern, P, {}};
      LoanId l = newLoan(nullptr, p, !model::isSharedBorrowType(P->getType()), false, false, false);
      out_.loans[l.index].external = true;
      out_.loans[l.index].range = P->getSourceRange();
      emitAssign(*v, {Source::loan(l)}, true, P->getSourceRange());
    }
  }
  // [[owner]] data members: owned on entry to a member function, uninitialised in a
  // constructor (its initialisers set them).
  if (const auto* M = dyn_cast<CXXMethodDecl>(out_.fn); M && !M->isStatic()) {
    const CXXRecordDecl* RD = M->getParent();
    for (const FieldDecl* F : RD->fields()) {
      auto v = varOf(F);
      if (!v) continue;
      if (out_.vars[v->index].owner != OwnerKind::AnnotatedRaw) {
        emitReinit(*v, F->getSourceRange(), ReinitValue::Owned);
        continue;
      }
      if (isa<CXXConstructorDecl>(M)) {
        if (const Expr* init = F->getInClassInitializer())
          emitReinit(*v, F->getSourceRange(), isNullLiteral(init, ctx_) ? ReinitValue::Null : ReinitValue::Owned);
        continue;
      }
      emitReinit(*v, F->getSourceRange(), ReinitValue::Owned);
    }
  }
}

SourceLocation Lowerer::fullExpressionEnd(const Expr* E) {
  const Stmt* top = E;
  if (parents_)
    for (const Stmt* P = parents_->getParent(const_cast<Expr*>(E)); P && isa<Expr>(P);
         P = parents_->getParent(const_cast<Stmt*>(P)))
      top = P;
  return top->getEndLoc();
}

// Temporaries without a destructor (`cap + 1` bound to `const int&`) get no TemporaryDtor
// element in the CFG; they die at the end of their full-expression all the same. After the
// element that is a full-expression (its parent is not an expression), a TempEnd for each
// one that is not lifetime-extended (class temporaries have their own TempEnd).
void Lowerer::endTrivialTemporaries(const Stmt* S) {
  if (!parents_) return;
  const Stmt* P = parents_->getParent(const_cast<Stmt*>(S));
  if (P && isa<Expr>(P)) return;
  llvm::SmallVector<const MaterializeTemporaryExpr*, 4> temps;
  std::function<void(const Stmt*)> collect = [&](const Stmt* X) {
    if (!X || isa<LambdaExpr>(X)) return;
    if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(X); MT && !MT->getExtendingDecl() && !boundTemporary(MT))
      temps.push_back(MT);
    for (const Stmt* C : X->children()) collect(C);
  };
  collect(S);
  for (const MaterializeTemporaryExpr* MT : temps) emitTempEnd(MT, MT->getSourceRange(), S->getEndLoc());
}

// The try bodies of the function, with their dispatch blocks (the block whose terminator
// is the CXXTryStmt and whose successors are the handlers).
void Lowerer::computeTryBodies() {
  for (const CFGBlock* D : *out_.cfg)
    if (const auto* T = dyn_cast_or_null<CXXTryStmt>(D->getTerminatorStmt()))
      tries_.push_back({T->getTryBlock()->getSourceRange(), D->getBlockID()});
}

// The dispatch block of the innermost try body holding L, or -1.
int Lowerer::dispatchAt(SourceLocation L) const {
  if (tries_.empty() || L.isInvalid()) return -1;
  const SourceManager& SM = ctx_.getSourceManager();
  L = SM.getExpansionLoc(L);
  auto within = [&](SourceLocation X, SourceRange R) {
    return X.isValid() && R.isValid() && !SM.isBeforeInTranslationUnit(X, R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), X);
  };
  const TryBody* best = nullptr;
  for (const TryBody& t : tries_)
    if (within(L, t.range) && (!best || within(t.range.getBegin(), best->range))) best = &t;
  return best ? static_cast<int>(best->dispatch) : -1;
}

void Lowerer::run() {
  const CFG& cfg = *out_.cfg;
  parents_ = std::make_unique<ParentMap>(const_cast<Stmt*>(out_.fn->getBody()));
  for (const CFGBlock* B : cfg)
    for (const CFGElement& el : *B)
      if (auto S = el.getAs<CFGStmt>()) elements_.insert(S->getStmt());
  // Conditions in terminators are elements too (their sub-expressions are lowered there).
  out_.blockFacts.resize(cfg.getNumBlockIDs());
  out_.refinements.resize(cfg.getNumBlockIDs());
  computeContract();
  lowerEntry();
  computeTryBodies();
  for (const CFGBlock* B : cfg) {
    facts_ = &out_.blockFacts[B->getBlockID()];
    // Clang's CFG (built without EH edges) links only `throw` to a try's handlers. Where
    // a block enters a try body, the state at that point is sent to the handlers too: an
    // exception comes from a call in the body, and its effects before the first call are
    // approximated by the state on entry (taking later states would let `delete p;` after
    // the last call reach a handler that also deletes p).
    int inTry = -1;
    for (const CFGElement& el : *B) {
      if (auto S = el.getAs<CFGStmt>()) {
        int d = dispatchAt(S->getStmt()->getBeginLoc());
        if (d >= 0 && d != inTry && static_cast<unsigned>(d) != B->getBlockID()) {
          Fact f;
          f.kind = FactKind::MayThrow;
          f.block = static_cast<unsigned>(d);
          f.range = S->getStmt()->getSourceRange();
          emit(std::move(f));
        }
        inTry = d;
      }
      lowerElement(el);
    }
    if (const Stmt* T = B->getTerminatorStmt()) {
      if (isa<CXXTryStmt>(T)) out_.hasTry = true;
    }
    computeRefinement(*B);
  }
  out_.children.assign(out_.vars.size(), {});
  for (std::uint32_t i = 0; i < out_.vars.size(); ++i)
    if (out_.vars[i].parent >= 0) out_.children[out_.vars[i].parent].push_back(i);
}

class ErrorFinder : public RecursiveASTVisitor<ErrorFinder> {
 public:
  bool found = false;
  bool VisitExpr(Expr* E) {
    if (E->containsErrors()) found = true;
    return !found;
  }
  bool VisitCXXTryStmt(CXXTryStmt*) {
    hasTry = true;
    return true;
  }
  bool hasTry = false;
};

}  // namespace lowering

std::unique_ptr<LoweredFunction> lowerFunction(ASTContext& ctx, const FunctionDecl* fn) {
  if (!fn || !fn->hasBody() || !fn->doesThisDeclarationHaveABody()) return nullptr;
  if (fn->isDependentContext() || fn->isInvalidDecl()) return nullptr;
  // First, and without recursion: everything below recurses once per level of the body.
  if (bodyNestsDeeperThan(fn)) return nullptr;
  Stmt* body = fn->getBody();
  lowering::ErrorFinder ef;
  ef.TraverseStmt(body);
  // A constructor's member initialisers are lowered too: errors there skip it as well.
  if (const auto* C = dyn_cast<CXXConstructorDecl>(fn))
    for (const CXXCtorInitializer* I : C->inits())
      if (!ef.found && I->getInit()) ef.TraverseStmt(I->getInit());
  if (ef.found) return nullptr;
  CFG::BuildOptions opts;
  opts.AddLifetime = true;
  opts.AddScopes = false;
  opts.AddImplicitDtors = true;
  opts.AddTemporaryDtors = true;
  opts.AddInitializers = true;
  opts.AddCXXDefaultInitExprInCtors = true;
  opts.AddRichCXXConstructors = false;
  opts.AddLoopExit = false;
  opts.AddCXXNewAllocator = false;
  auto out = std::make_unique<LoweredFunction>();
  out->fn = fn;
  out->cfg = CFG::buildCFG(fn, body, &ctx, opts);
  if (!out->cfg) return nullptr;
  out->hasTry = ef.hasTry;
  out->isDestructor = isa<CXXDestructorDecl>(fn);
  out->isConstructor = isa<CXXConstructorDecl>(fn);
  lowering::Lowerer L(ctx, *out);
  L.run();
  out->hasTry = out->hasTry || ef.hasTry;
  return out;
}

}  // namespace ownership

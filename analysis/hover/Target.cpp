// What the cursor points at: every candidate AST node whose text holds the cursor is scored by
// (class, extent) and the best one wins: attributes, then name tokens, then the operations,
// temporaries, lambdas and declarations around them, the smallest first.
#include "analysis/hover/Target.h"

#include <climits>
#include <optional>
#include <tuple>

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/TypeLoc.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/DenseMap.h>

#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::hover {
namespace {

// kAround: an operation or declaration right around the cursor; kWhole: a declaration with its
// initialiser, a lambda with its body, the last resort.
enum Class { kAttribute = 0, kNameToken = 1, kAround = 2, kWhole = 3 };

// The attributes whose meaning hover explains: the ownership annotations and those of
// spec 2c that the model reads.
bool explained(const Attr* A) {
  if (const auto* AA = dyn_cast<AnnotateAttr>(A)) return AA->getAnnotation().starts_with("ownership.");
  return isa<LifetimeBoundAttr, LifetimeCaptureByAttr, NoEscapeAttr, ReinitializesAttr, OwnerAttr, PointerAttr>(A);
}

const Expr* skipWrappers(const Expr* E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto* C = dyn_cast<ExprWithCleanups>(E)) E = C->getSubExpr();
    else if (const auto* M = dyn_cast<MaterializeTemporaryExpr>(E)) E = M->getSubExpr();
    else if (const auto* B = dyn_cast<CXXBindTemporaryExpr>(E)) E = B->getSubExpr();
    else if (const auto* K = dyn_cast<CXXConstructExpr>(E); K && K->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(K))
      E = K->getArg(0);
    else break;
  }
  return E;
}

// The first variable of each subtree already searched: a chain (`*&*&...p`, `a.f().f()...`) has
// an operation at every level, each asking for the variable below it, and without this memo
// every level would search the whole chain again (quadratic: minutes on a 16 KiB input).
using PrincipalCache = llvm::DenseMap<const Stmt*, const ValueDecl*>;
const ValueDecl* firstVariable(const Expr* E, PrincipalCache* cache);

struct Finder : RecursiveASTVisitor<Finder> {
  using Base = RecursiveASTVisitor<Finder>;
  const SourceManager& sm;
  const LangOptions& lo;
  unsigned offset;
  Target best;
  std::tuple<int, unsigned, int> bestScore{INT_MAX, UINT_MAX, INT_MAX};
  llvm::DenseMap<const LambdaExpr*, const VarDecl*> lambdaVar;
  llvm::DenseMap<const Expr*, const MaterializeTemporaryExpr*> materialized;
  PrincipalCache principalCache;

  Finder(const ASTContext& ctx, unsigned offset) : sm(ctx.getSourceManager()), lo(ctx.getLangOpts()), offset(offset) {}

  bool shouldVisitLambdaBody() const { return true; }

  const ValueDecl* principalVariable(const Expr* E) { return firstVariable(E, &principalCache); }

  std::optional<std::pair<unsigned, unsigned>> extent(SourceLocation b, SourceLocation e) const {
    if (b.isInvalid() || e.isInvalid()) return std::nullopt;
    b = sm.getFileLoc(b);
    e = sm.getFileLoc(e);
    if (!sm.isInMainFile(b) || sm.getFileID(b) != sm.getFileID(e)) return std::nullopt;
    unsigned bo = sm.getFileOffset(b);
    unsigned eo = sm.getFileOffset(e) + Lexer::MeasureTokenLength(e, sm, lo);
    if (eo < bo) return std::nullopt;
    return std::make_pair(bo, eo);
  }

  // `tie`: among equal extents the lower wins (a call's view of its callee over the bare name).
  void consider(int cls, SourceLocation b, SourceLocation e, Target t, int tie = 1) {
    auto x = extent(b, e);
    if (!x) return;
    auto [lo_, hi] = *x;
    if (cls == kAttribute) {  // the `[[` and `]]` around it
      lo_ = lo_ >= 2 ? lo_ - 2 : 0;
      hi += 2;
    }
    if (offset < lo_ || offset >= hi) return;
    auto score = std::make_tuple(cls, hi - lo_, tie);
    if (score >= bestScore) return;
    bestScore = score;
    t.range = SourceRange(b, e);
    best = t;
  }

  static Target make(Target::Kind k, const Decl* d, const Expr* e = nullptr) {
    Target t;
    t.kind = k;
    t.decl = d;
    t.expr = e;
    return t;
  }

  // ---- attributes
  bool VisitDecl(Decl* D) {
    for (const Attr* A : D->attrs()) {
      if (A->isImplicit() || A->isInherited() || !explained(A)) continue;
      Target t = make(Target::Kind::Attribute, D);
      t.attr = A;
      consider(kAttribute, A->getRange().getBegin(), A->getRange().getEnd(), t);
    }
    return true;
  }

  // ---- declarations: the name token, and the declaration before its initialiser
  bool VisitVarDecl(VarDecl* D) {
    if (D->isImplicit()) return true;
    if (const auto* L = dyn_cast_or_null<LambdaExpr>(skipWrappers(D->getInit()))) lambdaVar[L] = D;
    if (D->getDeclName().isIdentifier()) {
      consider(kNameToken, D->getLocation(), D->getLocation(), make(Target::Kind::Name, D));
      consider(kAround, D->getBeginLoc(), D->getLocation(), make(Target::Kind::Name, D));
      consider(kWhole, D->getBeginLoc(), D->getEndLoc(), make(Target::Kind::Name, D));
    }
    return true;
  }
  bool VisitBindingDecl(BindingDecl* D) {
    consider(kNameToken, D->getLocation(), D->getLocation(), make(Target::Kind::Name, D));
    return true;
  }
  bool VisitFieldDecl(FieldDecl* D) {
    if (D->isImplicit() || !D->getDeclName().isIdentifier()) return true;
    consider(kNameToken, D->getLocation(), D->getLocation(), make(Target::Kind::Name, D));
    consider(kAround, D->getBeginLoc(), D->getLocation(), make(Target::Kind::Name, D));
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl* D) {
    if (D->isImplicit()) return true;
    SourceRange name = D->getNameInfo().getSourceRange();
    consider(kNameToken, name.getBegin(), name.getEnd(), make(Target::Kind::Name, D));
    // `[[clang::lifetimebound]]` after the parameter list sits on the function's type.
    if (const TypeSourceInfo* TSI = D->getTypeSourceInfo())
      for (TypeLoc TL = TSI->getTypeLoc(); TL; TL = TL.getNextTypeLoc())
        if (auto ATL = TL.getAs<AttributedTypeLoc>())
          if (const Attr* A = ATL.getAttr(); A && explained(A)) {
            Target t = make(Target::Kind::Attribute, D);
            t.attr = A;
            consider(kAttribute, A->getRange().getBegin(), A->getRange().getEnd(), t);
          }
    return true;
  }
  bool TraverseConstructorInitializer(CXXCtorInitializer* I) {
    if (I->isWritten() && I->getMember()) {
      consider(kNameToken, I->getMemberLocation(), I->getMemberLocation(), make(Target::Kind::Name, I->getMember()));
      consider(kAround, I->getSourceRange().getBegin(), I->getSourceRange().getEnd(),
               make(Target::Kind::Name, I->getMember()));
    }
    return Base::TraverseConstructorInitializer(I);
  }
  bool TraverseLambdaCapture(LambdaExpr* L, const LambdaCapture* C, Expr* Init) {
    if (C->capturesVariable() && C->getLocation().isValid())
      consider(kNameToken, C->getLocation(), C->getLocation(), make(Target::Kind::Name, C->getCapturedVar()));
    return Base::TraverseLambdaCapture(L, C, Init);
  }

  // ---- names in expressions
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    const ValueDecl* D = E->getDecl();
    if (E->getNameInfo().getName().getNameKind() == DeclarationName::CXXOperatorName) return true;
    if (isa<VarDecl, BindingDecl, FunctionDecl>(D)) consider(kNameToken, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Name, D, E));
    return true;
  }
  bool VisitMemberExpr(MemberExpr* E) {
    if (E->getMemberNameInfo().getName().getNameKind() == DeclarationName::CXXOperatorName) return true;
    if (E->getMemberLoc().isValid())
      consider(kNameToken, E->getMemberLoc(), E->getEndLoc(), make(Target::Kind::Name, E->getMemberDecl(), E));
    // `p->key` between its names: about the object reached.
    if (const ValueDecl* V = principalVariable(E->getBase()))
      consider(kAround, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Operation, V, E));
    return true;
  }
  bool VisitCallExpr(CallExpr* E) {
    const FunctionDecl* F = E->getDirectCallee();
    if (!F) return true;
    const Expr* callee = E->getCallee()->IgnoreParenImpCasts();
    SourceLocation cb = callee->getBeginLoc(), ce = callee->getEndLoc();
    if (const auto* ME = dyn_cast<MemberExpr>(callee)) cb = ME->getMemberLoc();
    if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(E)) cb = ce = OC->getOperatorLoc();
    // std::move(x), std::forward(x), free(p): about the variable moved or released.
    const ValueDecl* arg = E->getNumArgs() > 0 ? principalVariable(E->getArg(0)) : nullptr;
    bool onArgument = arg && (model::isStdMove(F) || model::isStdForward(F) || model::isFreeLike(F));
    Target t = onArgument ? make(Target::Kind::Operation, arg, E) : make(Target::Kind::Name, F, E);
    if (!isa<CXXOperatorCallExpr>(E) || cb.isValid()) consider(kNameToken, cb, ce, t, 0);
    // `s = other` around its operator: about the variable assigned.
    if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->isAssignmentOp() && arg)
      t = make(Target::Kind::Operation, arg, E);
    // getSourceRange, not CallExpr::getBeginLoc: the latter does not dispatch to an operator call's.
    consider(kAround, E->getSourceRange().getBegin(), E->getSourceRange().getEnd(), t);
    return true;
  }
  bool VisitCXXTemporaryObjectExpr(CXXTemporaryObjectExpr* E) {
    if (const TypeSourceInfo* T = E->getTypeSourceInfo()) {
      SourceRange r = T->getTypeLoc().getSourceRange();
      consider(kNameToken, r.getBegin(), r.getEnd(), make(Target::Kind::Name, E->getConstructor(), E));
    }
    return true;
  }
  bool VisitCXXFunctionalCastExpr(CXXFunctionalCastExpr* E) {
    const auto* K = dyn_cast<CXXConstructExpr>(E->getSubExpr()->IgnoreImplicit());
    if (!K) return true;
    SourceRange r = E->getTypeInfoAsWritten()->getTypeLoc().getSourceRange();
    consider(kNameToken, r.getBegin(), r.getEnd(), make(Target::Kind::Name, K->getConstructor(), E));
    return true;
  }

  // ---- operations, temporaries, lambdas
  bool VisitUnaryOperator(UnaryOperator* E) {
    if (E->getOpcode() != UO_AddrOf && E->getOpcode() != UO_Deref) return true;
    if (const ValueDecl* V = principalVariable(E->getSubExpr()))
      consider(kAround, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Operation, V, E));
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator* E) {
    if (!E->isAssignmentOp()) return true;
    if (const ValueDecl* V = principalVariable(E->getLHS()))
      consider(kAround, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Operation, V, E));
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr* E) {
    if (const ValueDecl* V = principalVariable(E->getArgument()))
      consider(kAround, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Operation, V, E));
    return true;
  }
  bool VisitReturnStmt(ReturnStmt* S) {
    const Expr* R = S->getRetValue();
    if (!R) return true;
    if (const auto* L = dyn_cast<LambdaExpr>(skipWrappers(R)))
      consider(kAround, S->getReturnLoc(), S->getReturnLoc(), make(Target::Kind::Lambda, nullptr, L));
    else if (const ValueDecl* V = principalVariable(R))
      consider(kAround, S->getReturnLoc(), S->getReturnLoc(), make(Target::Kind::Operation, V, R));
    return true;
  }
  bool VisitMaterializeTemporaryExpr(MaterializeTemporaryExpr* E) {
    materialized[skipWrappers(E->getSubExpr())] = E;
    consider(kAround, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Temporary, nullptr, E));
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr* E) {
    SourceRange intro = E->getIntroducerRange();
    consider(kAround, intro.getBegin(), intro.getEnd(), make(Target::Kind::Lambda, nullptr, E));
    consider(kWhole, E->getBeginLoc(), E->getEndLoc(), make(Target::Kind::Lambda, nullptr, E));
    return true;
  }
};

struct FirstVariable : RecursiveASTVisitor<FirstVariable> {
  using Base = RecursiveASTVisitor<FirstVariable>;
  PrincipalCache* cache = nullptr;
  const ValueDecl* found = nullptr;
  // Without the queue parameter, so that every child passes through here (not the base's
  // data-recursion queue) and each subtree's answer is remembered.
  bool TraverseStmt(Stmt* S) {
    if (!S || found) return !found;
    if (cache) {
      if (auto it = cache->find(S); it != cache->end()) {
        found = it->second;
        return !found;
      }
    }
    bool go = Base::TraverseStmt(S);
    if (cache) (*cache)[S] = found;  // nothing was found before S: this is S's own answer
    return go;
  }
  bool VisitMemberExpr(MemberExpr* E) {
    if (!found && isa<FieldDecl>(E->getMemberDecl()) && isa<CXXThisExpr>(E->getBase()->IgnoreParenImpCasts()))
      found = E->getMemberDecl();
    return !found;
  }
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    if (!found && isa<VarDecl, BindingDecl>(E->getDecl())) found = E->getDecl();
    return !found;
  }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }  // a lambda's body is about other things
};

const ValueDecl* firstVariable(const Expr* E, PrincipalCache* cache) {
  if (!E) return nullptr;
  FirstVariable f;
  f.cache = cache;
  f.TraverseStmt(const_cast<Expr*>(E));
  return f.found;
}

}  // namespace

const ValueDecl* principalVariable(const Expr* E) { return firstVariable(E, nullptr); }

Target findTarget(ASTContext& ctx, const Decl* root, unsigned offset) {
  Finder f(ctx, offset);
  if (root) {
    f.TraverseDecl(const_cast<Decl*>(root));
  } else {
    const SourceManager& sm = ctx.getSourceManager();
    for (Decl* D : ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation l = D->getLocation();
      if (l.isValid() && sm.isInMainFile(sm.getFileLoc(l))) f.TraverseDecl(D);
    }
  }
  Target t = f.best;
  if (t.kind == Target::Kind::Lambda && t.expr) {
    auto it = f.lambdaVar.find(cast<LambdaExpr>(t.expr));
    if (it != f.lambdaVar.end()) t.decl = it->second;
  }
  if (t.kind == Target::Kind::Temporary) t.temporary = cast<MaterializeTemporaryExpr>(t.expr);
  else if (t.expr) {
    auto it = f.materialized.find(skipWrappers(t.expr));
    if (it != f.materialized.end()) t.temporary = it->second;
  }
  return t;
}

}  // namespace ownership::hover

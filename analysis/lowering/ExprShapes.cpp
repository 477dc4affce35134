// Pure AST-shape helpers of the lowering: seeing through casts, null literals, lvalue shapes.
#include "analysis/lowering/ExprShapes.h"

#include <algorithm>
#include <iterator>

#include <clang/AST/ExprCXX.h>
#include <clang/Lex/Lexer.h>

using namespace clang;

namespace ownership::lowering {

using model::Family;

const Expr* strip(const Expr* E) {
  while (E) {
    const Expr* prev = E;
    E = E->IgnoreParens();
    if (const auto* EWC = dyn_cast<ExprWithCleanups>(E)) E = EWC->getSubExpr();
    if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E)) {
      switch (ICE->getCastKind()) {
        case CK_LValueToRValue:
        case CK_NoOp:
        case CK_DerivedToBase:
        case CK_UncheckedDerivedToBase:
        case CK_BitCast:
        case CK_ConstructorConversion:
        case CK_UserDefinedConversion:
          if (ICE->getCastKind() == CK_UserDefinedConversion) return E;
          E = ICE->getSubExpr();
          break;
        default:
          return E;
      }
    }
    if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(E)) E = BT->getSubExpr();
    if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      if (!MT->getExtendingDecl()) return E;
      E = MT->getSubExpr();
    }
    if (E == prev) return E;
  }
  return E;
}

// The family of the object a member is called on, seen through derived-to-base casts:
// shared_ptr's get(), operator bool and operator* live in its bases (__shared_ptr,
// __shared_ptr_access), and the model knows the class the user named.
Family objectFamily(const Expr* object) {
  Family f = model::familyOf(strip(object)->getType());
  return f != Family::Record ? f : model::familyOf(object->getType());
}

// Strips casts that keep the same object (also explicit static_cast/C casts between
// pointers), used to see the variable behind `static_cast<char*>(p)`.
const Expr* stripCasts(const Expr* E) {
  while (E) {
    E = strip(E);
    if (const auto* CE = dyn_cast<ExplicitCastExpr>(E)) {
      if (CE->getCastKind() == CK_NoOp || CE->getCastKind() == CK_BitCast ||
          CE->getCastKind() == CK_LValueToRValue || CE->getCastKind() == CK_ToVoid) {
        E = CE->getSubExpr();
        continue;
      }
    }
    if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E); ICE && ICE->getCastKind() == CK_BitCast) {
      E = ICE->getSubExpr();
      continue;
    }
    return E;
  }
  return E;
}

bool isNullLiteral(const Expr* E, ASTContext& ctx) {
  if (const auto* DA = dyn_cast_or_null<CXXDefaultArgExpr>(E)) E = DA->getExpr();
  E = stripCasts(E);
  if (!E) return false;
  if (isa<CXXScalarValueInitExpr>(E) && E->getType()->isPointerType()) return true;
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E)) return true;
  if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E); ICE && ICE->getCastKind() == CK_NullToPointer) return true;
  if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E)) E = ICE->getSubExpr();
  return E->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}


// Whether an lvalue names storage directly (a variable, its fields, its elements)
// rather than through a local reference or a pointer: only direct writes are
// mutations of the owner (writing through a borrow is a use of that borrow).
bool isDirectLvalue(const Expr* E) {
  while (E) {
    E = stripCasts(E);
    if (const auto* DR = dyn_cast<DeclRefExpr>(E)) {
      const auto* V = dyn_cast<VarDecl>(DR->getDecl());
      return V && (!V->getType()->isReferenceType() || isa<ParmVarDecl>(V));
    }
    if (const auto* ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow()) return isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
      E = ME->getBase();
      continue;
    }
    if (isa<CXXThisExpr>(E)) return true;
    return false;
  }
  return false;
}

const MemberExpr* thisMember(const Expr* E) {
  const auto* ME = dyn_cast_or_null<MemberExpr>(E);
  return ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) ? ME : nullptr;
}

const ValueDecl* outlivingTarget(const Expr* lhs) {
  if (const auto* DR = dyn_cast_or_null<DeclRefExpr>(lhs)) {
    if (const auto* P = dyn_cast<ParmVarDecl>(DR->getDecl()); P && P->getType()->isReferenceType()) return P;
    if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()); V && V->hasGlobalStorage()) return V;
    return nullptr;
  }
  if (const MemberExpr* ME = thisMember(lhs)) return ME->getMemberDecl();
  return nullptr;
}

const CXXBindTemporaryExpr* boundTemporary(const MaterializeTemporaryExpr* MT) {
  for (const Expr* sub = MT->getSubExpr(); sub;) {
    sub = sub->IgnoreParens();
    if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(sub)) return BT;
    const auto* CE = dyn_cast<CastExpr>(sub);
    if (!CE) break;
    sub = CE->getSubExpr();
  }
  return nullptr;
}

std::string sourceText(const Expr* E, const ASTContext& ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()), ctx.getSourceManager(),
                              ctx.getLangOpts())
      .str();
}

std::string elementKey(const CXXMethodDecl* M, Family fam, llvm::ArrayRef<const Expr*> args, const ASTContext& ctx) {
  if (!M || args.size() != 1 || M->getNumParams() != 1) return {};
  if (fam != Family::NodeContainer && fam != Family::Unordered) return {};
  if (model::familyOf(M->getParamDecl(0)->getType()) == Family::Iterator) return {};
  std::string name = M->getNameAsString();  // `operator[]` for the subscript
  static constexpr llvm::StringLiteral kKeyed[] = {"operator[]", "at", "find", "lower_bound",
                                                    "upper_bound", "equal_range", "erase", "extract"};
  if (std::find(std::begin(kKeyed), std::end(kKeyed), name) == std::end(kKeyed)) return {};
  const Expr* K = args[0];
  while (true) {
    K = K->IgnoreParenImpCasts();
    if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(K)) K = MT->getSubExpr();
    else if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(K)) K = BT->getSubExpr();
    else if (const auto* CE = dyn_cast<CXXConstructExpr>(K);
             CE && CE->getNumArgs() >= 1 && !isa<CXXTemporaryObjectExpr>(CE) && CE->getParenOrBraceRange().isInvalid())
      K = CE->getArg(0);
    else break;
  }
  if (K->getBeginLoc().isMacroID() || K->getEndLoc().isMacroID()) return {};
  return sourceText(K, ctx);
}

CallParts splitCall(const CallExpr* C) {
  CallParts parts;
  const auto* M = dyn_cast_or_null<CXXMethodDecl>(C->getDirectCallee());
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(C)) {
    parts.onObject = true;
    parts.object = MC->getImplicitObjectArgument();
    parts.args.append(MC->arg_begin(), MC->arg_end());
  } else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(C); OC && M && !M->isStatic()) {
    parts.onObject = true;
    parts.object = OC->getArg(0);
    for (unsigned i = 1; i < OC->getNumArgs(); ++i) parts.args.push_back(OC->getArg(i));
  } else {
    parts.args.append(C->arg_begin(), C->arg_end());
  }
  return parts;
}

}  // namespace ownership::lowering

// Helpers of the fixes that restructure code around a borrow (see FixKit.h).
#include "analysis/checks/FixKit.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/QualTypeNames.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/TypeLoc.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/StringSet.h>

#include <algorithm>

#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks::fixkit {

const FunctionDecl* functionAround(const FixContext& a, unsigned offset) {
  const FunctionResult* fr = a.functionAt(offset);
  if (!fr || !fr->lowered || !fr->lowered->fn || !fr->lowered->fn->getBody()) return nullptr;
  return fr->lowered->fn;
}

namespace {

struct DeclFinder : RecursiveASTVisitor<DeclFinder> {
  const FixContext& a;
  unsigned offset;
  const VarDecl* found = nullptr;
  DeclFinder(const FixContext& a, unsigned offset) : a(a), offset(offset) {}
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitVarDecl(VarDecl* V) {
    if (found) return true;
    if (auto s = a.span(V->getSourceRange()); s && s->first == offset) found = V;
    return true;
  }
};

struct ExprFinder : RecursiveASTVisitor<ExprFinder> {
  const FixContext& a;
  unsigned b, e;
  const std::function<bool(const Expr*)>& pred;
  const Expr* found = nullptr;
  ExprFinder(const FixContext& a, unsigned b, unsigned e, const std::function<bool(const Expr*)>& pred)
      : a(a), b(b), e(e), pred(pred) {}
  bool VisitExpr(Expr* E) {
    if (found) return true;
    auto s = a.span(E->getSourceRange());
    if (s && s->first == b && s->second == e && (!pred || pred(E))) found = E;
    return true;
  }
};

struct RefFinder : RecursiveASTVisitor<RefFinder> {
  const ValueDecl* V;
  std::vector<const DeclRefExpr*> out;
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    if (E->getDecl()->getCanonicalDecl() == V->getCanonicalDecl()) out.push_back(E);
    return true;
  }
};

}  // namespace

const VarDecl* varDeclAt(const FixContext& a, const FunctionDecl* F, unsigned offset) {
  for (const ParmVarDecl* P : F->parameters())
    if (auto s = a.span(P->getSourceRange()); s && s->first == offset) return P;
  DeclFinder f(a, offset);
  f.TraverseStmt(const_cast<Stmt*>(F->getBody()));
  return f.found;
}

const Expr* exprAt(const FixContext& a, const FunctionDecl* F, unsigned b, unsigned e,
                   const std::function<bool(const Expr*)>& pred) {
  ExprFinder f(a, b, e, pred);
  f.TraverseStmt(const_cast<Stmt*>(F->getBody()));
  if (!f.found)
    if (const auto* C = dyn_cast<CXXConstructorDecl>(F))
      for (const CXXCtorInitializer* I : C->inits())
        if (I->isWritten() && !f.found) f.TraverseStmt(I->getInit());
  return f.found;
}

DynTypedNode parentOf(const FixContext& a, const DynTypedNode& n) {
  auto ps = a.ctx.getParents(n);
  if (ps.size() != 1) return {};
  return ps[0];
}

std::optional<InBlock> blockStatementOf(const FixContext& a, const DynTypedNode& n) {
  DynTypedNode cur = n;
  for (int guard = 0; guard < 256; ++guard) {
    DynTypedNode p = parentOf(a, cur);
    if (const auto* CS = p.get<CompoundStmt>()) {
      const auto* s = cur.get<Stmt>();
      if (!s) return std::nullopt;
      return InBlock{s, CS};
    }
    if (p.get<LambdaExpr>() || p.get<BlockExpr>()) return std::nullopt;
    if (const auto* CO = p.get<AbstractConditionalOperator>()) {
      if (cur.get<Expr>() != CO->getCond()) return std::nullopt;
    } else if (const auto* BO = p.get<BinaryOperator>(); BO && BO->isLogicalOp()) {
      if (cur.get<Expr>() != BO->getLHS()) return std::nullopt;
    }
    if (p.get<Expr>() || p.get<VarDecl>() || p.get<DeclStmt>() || p.get<ReturnStmt>()) {
      cur = p;
      continue;
    }
    // A range-for's range, evaluated once before the loop: the loop is the statement.
    if (const auto* RF = p.get<CXXForRangeStmt>(); RF && cur.get<Stmt>() == RF->getRangeStmt()) {
      cur = p;
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

const CompoundStmt* blockOf(const FixContext& a, const Stmt* s) {
  return parentOf(a, DynTypedNode::create(*s)).get<CompoundStmt>();
}

std::optional<std::pair<unsigned, unsigned>> stmtSpan(const FixContext& a, const Stmt* s) {
  auto r = a.span(s->getSourceRange());
  if (!r) return std::nullopt;
  if (isa<CompoundStmt>(s) || isa<DeclStmt>(s)) return r;
  unsigned e = r->second;
  while (e < a.t.buf.size() && (a.t.buf[e] == ' ' || a.t.buf[e] == '\t')) ++e;
  if (e < a.t.buf.size() && a.t.buf[e] == ';') r->second = e + 1;
  return r;
}

TextEdit insertBefore(const Text& t, unsigned b, const std::string& text) {
  unsigned ls = t.lineStart(b);
  if (t.buf.substr(ls, b - ls).trim().empty()) return edit(t, ls, ls, t.indentOf(b) + text + "\n");
  return edit(t, b, b, text + " ");
}

TextEdit insertAfter(const Text& t, unsigned stmtBegin, unsigned e, const std::string& text) {
  unsigned le = t.lineEnd(e);
  llvm::StringRef rest = t.buf.substr(e, le - e).trim();
  if (rest.empty() || rest.starts_with("//")) return edit(t, le, le, "\n" + t.indentOf(stmtBegin) + text);
  return edit(t, e, e, " " + text);
}

bool occursAsWord(const Text& t, unsigned b, unsigned e, llvm::StringRef name) {
  e = std::min<unsigned>(e, t.buf.size());
  llvm::StringRef s = t.buf.substr(b, e > b ? e - b : 0);
  for (size_t at = s.find(name); at != llvm::StringRef::npos; at = s.find(name, at + 1)) {
    bool left = at == 0 || !isIdentChar(s[at - 1]);
    bool right = at + name.size() >= s.size() || !isIdentChar(s[at + name.size()]);
    if (left && right) return true;
  }
  return false;
}

std::string freshName(const Text& t, unsigned b, unsigned e, const std::string& base) {
  std::string name = base;
  for (int i = 2; occursAsWord(t, b, e, name); ++i) name = base + std::to_string(i);
  return name;
}

bool isStdNamed(QualType T, llvm::StringRef name) {
  if (T.isNull()) return false;
  const auto* RD = T.getCanonicalType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == name && model::inStdNamespace(RD);
}

namespace {
bool charArg(QualType T) {
  QualType e = model::elementType(T);
  return !e.isNull() && (e->isSpecificBuiltinType(BuiltinType::Char_S) || e->isSpecificBuiltinType(BuiltinType::Char_U));
}

// A class that cannot be named outside its scope, or a dependent type, anywhere in T.
bool unnameable(QualType T, int depth = 0) {
  if (T.isNull() || T->isDependentType() || depth > 8) return true;
  T = T.getCanonicalType();
  while (T->isPointerType() || T->isReferenceType() || T->isArrayType()) {
    if (const auto* AT = T->getAsArrayTypeUnsafe()) T = AT->getElementType().getCanonicalType();
    else T = T->getPointeeType().getCanonicalType();
  }
  const auto* RD = T->getAsCXXRecordDecl();
  if (!RD) return false;
  if (RD->isLambda() || !RD->getIdentifier() || RD->isLocalClass()) return true;
  if (const auto* S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument& arg : S->getTemplateArgs().asArray())
      if (arg.getKind() == TemplateArgument::Type && unnameable(arg.getAsType(), depth + 1)) return true;
  return false;
}
}  // namespace

std::string spellType(const ASTContext& ctx, QualType T) {
  if (T.isNull() || unnameable(T)) return "";
  QualType U = T.getUnqualifiedType();
  std::string cv = T.isConstQualified() ? "const " : "";
  if (model::isStdString(U) && charArg(U)) return cv + "std::string";
  if (isStdNamed(U, "basic_string_view") && charArg(U)) return cv + "std::string_view";
  PrintingPolicy pp(ctx.getLangOpts());
  pp.SuppressTagKeyword = true;
  pp.SuppressUnwrittenScope = true;
  pp.FullyQualifiedName = true;
  pp.SuppressDefaultTemplateArgs = true;
  pp.Bool = true;
  std::string s = TypeName::getFullyQualifiedName(T, ctx, pp, /*WithGlobalNsPrefix=*/false);
  // Library-internal names (`std::__cxx11::basic_string<char>`) are not what users write.
  if (s.find("__") != std::string::npos) return "";
  return s;
}

std::optional<TextEdit> includeFor(const FixContext& a, llvm::StringRef name, llvm::StringRef header, bool& ok) {
  ok = true;
  if (a.stdTemplateDefined(name)) return std::nullopt;
  const Text& t = a.t;
  int depth = 0;
  std::optional<unsigned> after;
  for (unsigned ls = 0; ls < t.buf.size();) {
    unsigned le = t.lineEnd(ls);
    llvm::StringRef line = t.buf.substr(ls, le - ls).trim();
    if (line.starts_with("#")) {
      llvm::StringRef d = line.drop_front().ltrim();
      if (d.starts_with("if")) ++depth;
      else if (d.starts_with("endif")) --depth;
      else if (d.starts_with("include") && depth == 0) after = le < t.buf.size() ? le + 1 : le;
    }
    ls = le + 1;
  }
  if (!after) {
    // No #include yet: after the file's leading comment lines (and `#pragma once`).
    unsigned at = 0;
    for (unsigned ls = 0; ls < t.buf.size();) {
      unsigned le = t.lineEnd(ls);
      llvm::StringRef line = t.buf.substr(ls, le - ls).trim();
      if (!line.starts_with("//") && line != "#pragma once") break;
      at = ls = le < t.buf.size() ? le + 1 : le;
    }
    if (depth != 0) {
      ok = false;
      return std::nullopt;
    }
    return edit(t, at, at, "#include <" + header.str() + ">\n");
  }
  std::string text = "#include <" + header.str() + ">\n";
  if (*after == t.buf.size() && (t.buf.empty() || t.buf.back() != '\n')) text = "\n" + text;
  return edit(t, *after, *after, text);
}

std::vector<const DeclRefExpr*> refsTo(const Stmt* s, const ValueDecl* V) {
  RefFinder f;
  f.V = V;
  f.TraverseStmt(const_cast<Stmt*>(s));
  return f.out;
}

const Expr* bare(const Expr* E) {
  while (E) {
    const Expr* prev = E;
    E = E->IgnoreParenImpCasts();
    if (const auto* EWC = dyn_cast<ExprWithCleanups>(E)) E = EWC->getSubExpr();
    if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(E)) E = MT->getSubExpr();
    if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(E)) E = BT->getSubExpr();
    if (const auto* CE = dyn_cast<ConstantExpr>(E)) E = CE->getSubExpr();
    if (E == prev) return E;
  }
  return E;
}

const Expr* temporarySource(const Expr* E) {
  while (E) {
    const Expr* prev = E;
    E = bare(E);
    // An implicit conversion by constructor (`"x"` passed for a `const std::string&`).
    if (const auto* CE = dyn_cast<CXXConstructExpr>(E);
        CE && !isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() >= 1 && CE->getParenOrBraceRange().isInvalid() &&
        !CE->isListInitialization())
      E = CE->getArg(0);
    if (E == prev) return E;
  }
  return E;
}

namespace {
struct Reevaluable : RecursiveASTVisitor<Reevaluable> {
  const FixContext& a;
  unsigned before;
  bool ok = true;
  Reevaluable(const FixContext& a, unsigned before) : a(a), before(before) {}
  bool fail() {
    ok = false;
    return false;
  }
  bool VisitStmt(Stmt* S) {
    if (isa<DeclRefExpr>(S) || isa<IntegerLiteral>(S) || isa<StringLiteral>(S) || isa<CharacterLiteral>(S) ||
        isa<FloatingLiteral>(S) || isa<CXXBoolLiteralExpr>(S) || isa<CXXNullPtrLiteralExpr>(S) ||
        isa<ImplicitCastExpr>(S) || isa<ParenExpr>(S) || isa<MemberExpr>(S) || isa<ExprWithCleanups>(S) ||
        isa<MaterializeTemporaryExpr>(S) || isa<CXXBindTemporaryExpr>(S) || isa<ConstantExpr>(S) ||
        isa<CXXConstructExpr>(S) || isa<CXXThisExpr>(S) || isa<CXXDefaultArgExpr>(S) || isa<CXXFunctionalCastExpr>(S) ||
        isa<CXXStaticCastExpr>(S) || isa<CXXConstCastExpr>(S))
      return true;
    if (const auto* U = dyn_cast<UnaryOperator>(S)) return U->isIncrementDecrementOp() ? fail() : true;
    if (const auto* B = dyn_cast<BinaryOperator>(S)) return B->isAssignmentOp() ? fail() : true;
    if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(S)) {
      OverloadedOperatorKind k = OC->getOperator();
      if (k == OO_PlusPlus || k == OO_MinusMinus || OC->isAssignmentOp() || k == OO_Call) return fail();
      return true;
    }
    if (const auto* MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl* M = MC->getMethodDecl();
      if (!M) return fail();
      if (M->isConst()) return true;
      model::MemberInfo mi = model::memberInfo(M, model::familyOf(MC->getObjectType()));
      if (mi.effect == model::Effect::InteriorBorrow || mi.effect == model::Effect::Get ||
          mi.effect == model::Effect::Deref || mi.effect == model::Effect::Read)
        return true;
      return fail();
    }
    if (const auto* C = dyn_cast<CallExpr>(S)) {
      const FunctionDecl* F = C->getDirectCallee();
      if (F && model::inStdNamespace(F) && F->getIdentifier()) {
        llvm::StringRef n = F->getName();
        if (n == "next" || n == "prev" || n == "begin" || n == "end" || n == "cbegin" || n == "cend" || n == "data" ||
            n == "size")
          return true;
      }
      return fail();
    }
    return fail();
  }
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    const ValueDecl* D = E->getDecl();
    if (const auto* V = dyn_cast<VarDecl>(D); V && V->isLocalVarDeclOrParm() && !isa<ParmVarDecl>(V)) {
      auto s = a.span(V->getSourceRange());
      if (!s || s->first >= before) return fail();
    }
    return true;
  }
};
}  // namespace

bool reevaluable(const FixContext& a, const Expr* E, unsigned before) {
  Reevaluable r(a, before);
  r.TraverseStmt(const_cast<Expr*>(E));
  return r.ok;
}

}  // namespace ownership::checks::fixkit

namespace ownership::checks::fixkit {

const ParmVarDecl* paramOfArg(const Stmt* P, const Expr* arg) {
  if (const auto* C = dyn_cast<CallExpr>(P)) {
    const FunctionDecl* F = C->getDirectCallee();
    if (!F || F->getPrimaryTemplate() || F->isVariadic()) return nullptr;
    unsigned shift = 0;
    if (isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(F) && !cast<CXXMethodDecl>(F)->isStatic()) shift = 1;
    for (unsigned i = shift; i < C->getNumArgs(); ++i)
      if (C->getArg(i) == arg) return i - shift < F->getNumParams() ? F->getParamDecl(i - shift) : nullptr;
    return nullptr;
  }
  if (const auto* CE = dyn_cast<CXXConstructExpr>(P)) {
    const CXXConstructorDecl* Ctor = CE->getConstructor();
    if (!Ctor || Ctor->getPrimaryTemplate() || Ctor->isVariadic()) return nullptr;
    for (unsigned i = 0; i < CE->getNumArgs(); ++i)
      if (CE->getArg(i) == arg) return i < Ctor->getNumParams() ? Ctor->getParamDecl(i) : nullptr;
  }
  return nullptr;
}

std::optional<TextEdit> referenceToValue(const FixContext& a, const FunctionDecl* F, const VarDecl* VD) {
  if (!VD || isa<ParmVarDecl>(VD) || VD->isImplicit() || !VD->hasLocalStorage() || !VD->getInit()) return std::nullopt;
  if (!VD->getType()->isLValueReferenceType() || !VD->getTypeSourceInfo()) return std::nullopt;
  auto ps = a.ctx.getParents(*VD);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl()) return std::nullopt;
  auto parentsOfDS = a.ctx.getParents(*DS);
  if (parentsOfDS.size() != 1 || !parentsOfDS[0].get<CompoundStmt>()) return std::nullopt;  // a loop variable, a condition
  QualType P = VD->getType().getNonReferenceType();
  QualType T = P.getUnqualifiedType();
  if (model::holdsBorrows(T) || !copyable(T)) return std::nullopt;
  // Through a non-const reference the code might write to the element; a copy would
  // silently take those writes: only a reference that is only read is copied.
  if (!P.isConstQualified() && !onlyReadIn(a, F->getBody(), VD)) return std::nullopt;
  auto rl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<ReferenceTypeLoc>();
  if (!rl) return std::nullopt;
  TypeLoc pointee = rl.getPointeeLoc();
  if (auto ql = pointee.getAs<QualifiedTypeLoc>()) pointee = ql.getUnqualifiedLoc();
  auto txt = a.text(pointee.getSourceRange());
  auto whole = a.span(rl.getSourceRange());
  if (!txt || txt->empty() || !whole) return std::nullopt;
  unsigned b = widenOverQualifiers(a.t, whole->first);
  std::string text = *txt;
  if (whole->second < a.t.buf.size() && isIdentChar(a.t.buf[whole->second])) text += " ";
  return edit(a.t, b, whole->second, text);
}

namespace {

bool isComparison(OverloadedOperatorKind k) {
  return k == OO_EqualEqual || k == OO_ExclaimEqual || k == OO_Less || k == OO_Greater || k == OO_LessEqual ||
         k == OO_GreaterEqual || k == OO_Spaceship;
}

// What a view was made from: the owner a conversion to the view reads (`line` in
// `std::string_view v = line`), else the expression itself.
const Expr* viewSource(const Expr* E) {
  while (true) {
    const Expr* prev = E;
    E = bare(E);
    if (const auto* CE = dyn_cast<CXXConstructExpr>(E);
        CE && !isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() == 1 && !CE->isListInitialization())
      E = CE->getArg(0);
    if (const auto* MC = dyn_cast<CXXMemberCallExpr>(E); MC && isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
      E = MC->getImplicitObjectArgument();
    if (E == prev) return E;
  }
}

// Whether `src` can be assigned to a `std::string`: a string, a view, a C string.
bool assignableToString(const Expr* src) {
  QualType S = viewSource(src)->getType().getCanonicalType().getUnqualifiedType();
  return model::isStdString(S) || isStdNamed(S, "basic_string_view") ||
         (S->isPointerType() && S->getPointeeType()->isCharType()) ||
         (S->isArrayType() && S->getAsArrayTypeUnsafe()->getElementType()->isCharType());
}

}  // namespace

bool viewUsesSurviveOwner(const FixContext& a, const FunctionDecl* F, const VarDecl* H, bool toString) {
  static const llvm::StringSet<> kString = {"size", "length", "empty", "data", "find", "rfind", "find_first_of",
                                            "find_last_of", "find_first_not_of", "find_last_not_of", "starts_with",
                                            "ends_with", "compare", "front", "back", "substr", "begin", "end",
                                            "cbegin", "cend", "rbegin", "rend", "at", "contains", "copy"};
  static const llvm::StringSet<> kVector = {"size", "empty", "data", "front", "back", "begin", "end",
                                            "cbegin", "cend", "rbegin", "rend", "at"};
  QualType viewT = H->getType().getNonReferenceType().getCanonicalType().getUnqualifiedType();
  auto hs = a.span(H->getSourceRange());
  const CompoundStmt* scope = nullptr;
  if (auto ps = a.ctx.getParents(*H); ps.size() == 1)
    if (const auto* DS = ps[0].get<DeclStmt>()) scope = blockOf(a, DS);
  auto scopeSpan = scope ? a.span(scope->getSourceRange()) : std::nullopt;
  if (!hs || !scopeSpan) return false;
  for (const DeclRefExpr* r : refsTo(F->getBody(), H)) {
    const Expr* E = r;
    DynTypedNode p = a.parent(E);
    // A copy of the view (by-value parameters, comparisons, other views): judged by its consumer.
    if (const auto* CE = p.get<CXXConstructExpr>();
        CE && CE->getNumArgs() == 1 && CE->getType().getCanonicalType().getUnqualifiedType() == viewT) {
      E = CE;
      p = a.parent(E);
      if (const auto* V2 = p.get<VarDecl>()) {
        // Another view of H: fine while it dies first (declared later in H's block).
        auto vs = a.span(V2->getSourceRange());
        if (!V2->hasLocalStorage() || V2->isStaticLocal() || !vs || vs->first <= hs->first || vs->first >= scopeSpan->second)
          return false;
        if (!V2->isImplicit()) continue;
      }
    }
    if (const auto* ME = p.get<MemberExpr>()) {
      const Expr* M = ME;
      DynTypedNode mp = a.parent(M);
      const auto* MC = mp.get<CXXMemberCallExpr>();
      const CXXMethodDecl* MD = MC ? MC->getMethodDecl() : nullptr;
      if (!MD || !MD->getIdentifier() || MC->getCallee() != M || !(toString ? kString : kVector).contains(MD->getName()))
        return false;
      continue;
    }
    if (const auto* OC = p.get<CXXOperatorCallExpr>()) {
      OverloadedOperatorKind k = OC->getOperator();
      if (OC->getNumArgs() >= 1 && OC->getArg(0) == E && k == OO_Subscript) continue;
      if (OC->getNumArgs() == 2 && OC->getArg(0) == E && k == OO_Equal) {
        if (!toString || !assignableToString(OC->getArg(1))) return false;
        continue;
      }
      if (toString && isComparison(k)) continue;
      if (toString && k == OO_LessLess && OC->getNumArgs() == 2 && OC->getArg(1) == E) continue;
      return false;
    }
    if (const auto* P = p.get<Stmt>(); P && (isa<CallExpr>(P) || isa<CXXConstructExpr>(P))) {
      const ParmVarDecl* PV = paramOfArg(P, E);
      if (!PV) return false;
      QualType PT = PV->getType();
      if (PT->isLValueReferenceType() && !PT.getNonReferenceType().isConstQualified()) return false;
      if (PT->isRValueReferenceType()) return false;
      if (PT.getNonReferenceType().getCanonicalType().getUnqualifiedType() != viewT) return false;
      continue;
    }
    if (const auto* V2 = p.get<VarDecl>(); V2 && V2->isImplicit()) continue;  // a range-for's range
    return false;
  }
  return true;
}

std::optional<OwnerRetype> viewToOwner(const FixContext& a, const FunctionDecl* F, const VarDecl* H) {
  if (!H || isa<ParmVarDecl>(H) || H->isImplicit() || !H->hasLocalStorage() || H->isStaticLocal() ||
      !H->getTypeSourceInfo() || H->getType()->isReferenceType())
    return std::nullopt;
  auto ps = a.ctx.getParents(*H);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl() || !blockOf(a, DS)) return std::nullopt;
  QualType T = H->getType().getUnqualifiedType();
  bool toString = isStdNamed(T, "basic_string_view");
  OwnerRetype out;
  QualType ownerElem;
  if (toString) {
    if (!charArg(T) || !a.stdTemplateDefined("basic_string") || !a.stdDecl("string")) return std::nullopt;
    out.owner = "std::string";
  } else if (isStdNamed(T, "span")) {
    const auto* S = dyn_cast<ClassTemplateSpecializationDecl>(T.getCanonicalType()->getAsCXXRecordDecl());
    if (!S || S->getTemplateArgs().size() < 1 || S->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return std::nullopt;
    ownerElem = S->getTemplateArgs()[0].getAsType().getUnqualifiedType();
    std::string el = spellType(a.ctx, ownerElem);
    if (el.empty() || !copyable(ownerElem) || !a.stdTemplateDefined("vector")) return std::nullopt;
    out.owner = "std::vector<" + el + ">";
  } else {
    return std::nullopt;
  }
  if (!viewUsesSurviveOwner(a, F, H, toString)) return std::nullopt;
  TypeLoc tl = H->getTypeSourceInfo()->getTypeLoc();
  if (auto ql = tl.getAs<QualifiedTypeLoc>()) tl = ql.getUnqualifiedLoc();
  auto ts = a.span(tl.getSourceRange());
  auto ns = a.span(SourceRange(H->getLocation(), H->getLocation()));
  if (!ts || !ns || ts->second > ns->first) return std::nullopt;
  out.edits.push_back(edit(a.t, ts->first, ts->second, out.owner));
  const Expr* init = H->getInit();
  const auto* CE0 = init ? dyn_cast<CXXConstructExpr>(bare(init)) : nullptr;
  bool noInit = !init || (CE0 && CE0->getNumArgs() == 0 && CE0->getParenOrBraceRange().isInvalid());
  if (noInit) return out;
  const Expr* src = viewSource(init);
  QualType S = src->getType().getCanonicalType().getUnqualifiedType();
  if (!toString) {
    // Only a vector of the element type converts: `std::vector<T> v = make();`, `v(w)`.
    if (!isStdNamed(S, "vector") || model::elementType(S).getCanonicalType() != ownerElem.getCanonicalType())
      return std::nullopt;
    return out;
  }
  if (H->getInitStyle() != VarDecl::CInit) return out;  // `(e)`, `{e}`: direct-initialisation already
  if (model::isStdString(S) || isa<StringLiteral>(src->IgnoreParens()) || (S->isPointerType() && S->getPointeeType()->isCharType()))
    return out;  // copy-initialisation from a string or a C string works
  // std::string's constructor from a view is explicit: direct-initialise.
  auto is = a.span(init->getSourceRange());
  if (!is || is->first < ns->second) return std::nullopt;
  llvm::StringRef between = a.t.buf.substr(ns->second, is->first - ns->second).trim();
  if (between != "=") return std::nullopt;
  out.edits.push_back(edit(a.t, ns->second, is->first, "("));
  out.edits.push_back(edit(a.t, is->second, is->second, ")"));
  return out;
}

bool onlyReadIn(const FixContext& a, const clang::Stmt* S, const clang::ValueDecl* V) {
  for (const clang::DeclRefExpr* r : refsTo(S, V)) {
    const clang::Expr* E = r;
    clang::DynTypedNode p = a.parent(E);
    if (const auto* ICE = p.get<clang::ImplicitCastExpr>()) {
      if (ICE->getCastKind() == clang::CK_LValueToRValue || ICE->getCastKind() == clang::CK_ArrayToPointerDecay) continue;
      return false;
    }
    if (const auto* ME = p.get<clang::MemberExpr>()) {
      const clang::Expr* M = ME;
      clang::DynTypedNode mp = a.parent(M);
      if (const auto* MC = mp.get<clang::CXXMemberCallExpr>(); MC && MC->getCallee() == M && MC->getMethodDecl() &&
                                                             MC->getMethodDecl()->isConst())
        continue;
      if (const auto* ICE = mp.get<clang::ImplicitCastExpr>(); ICE && ICE->getCastKind() == clang::CK_LValueToRValue)
        continue;
      return false;
    }
    if (const auto* P = p.get<clang::Stmt>(); P && (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P))) {
      const clang::ParmVarDecl* PV = paramOfArg(P, E);
      if (const auto* CE = llvm::dyn_cast<clang::CXXConstructExpr>(P); CE && CE->getConstructor() &&
                                                                      CE->getConstructor()->isCopyConstructor())
        continue;
      if (PV && (!PV->getType()->isReferenceType() || PV->getType().getNonReferenceType().isConstQualified())) continue;
      return false;
    }
    return false;
  }
  return true;
}


std::vector<TextEdit> captureByCopy(const FixContext& a, const LambdaExpr* L, const VarDecl* V) {
  if (!L || !V || V->getType()->isReferenceType() || V->isInitCapture() || !copyable(V->getType()) ||
      !onlyReadIn(a, L->getBody(), V))
    return {};
  for (const LambdaCapture& C : L->captures()) {
    if (!C.capturesVariable() || C.getCapturedVar() != V || C.getCaptureKind() != LCK_ByRef) continue;
    if (C.isImplicit()) {
      // `[&]` -> `[&, v]`: only `v` changes.
      auto db = a.span(SourceRange(L->getCaptureDefaultLoc(), L->getCaptureDefaultLoc()));
      if (L->getCaptureDefault() != LCD_ByRef || !db || a.t.buf[db->first] != '&') return {};
      return {edit(a.t, db->first + 1, db->first + 1, ", " + V->getNameAsString())};
    }
    auto loc = a.span(SourceRange(C.getLocation(), C.getLocation()));
    if (!loc) return {};
    unsigned amp = loc->first;
    while (amp > 0 && (a.t.buf[amp - 1] == ' ' || a.t.buf[amp - 1] == '\t')) --amp;
    if (amp == 0 || a.t.buf[amp - 1] != '&') return {};
    return {edit(a.t, amp - 1, loc->first, "")};
  }
  return {};
}

}  // namespace ownership::checks::fixkit

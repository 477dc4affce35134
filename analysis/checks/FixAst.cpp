// AST lookups for the quick-fixes: the expression or statement a diagnostic's range
// points at, the variable an expression names, and types written as users write them.
#include "analysis/checks/FixAst.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/PrettyPrinter.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "analysis/Lowering.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Walks one function's body (lambdas included) and keeps the expressions whose span
// matches.
struct SpanFinder : RecursiveASTVisitor<SpanFinder> {
  const FixContext& a;
  unsigned b, e;
  bool exact;                          // span == [b, e) (else: span holds [b, e))
  bool (*pred)(const Expr*) = nullptr;
  const Expr* found = nullptr;
  unsigned foundSize = 0;
  SpanFinder(const FixContext& a, unsigned b, unsigned e, bool exact) : a(a), b(b), e(e), exact(exact) {}
  bool shouldVisitLambdaBody() const { return true; }
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool VisitExpr(Expr* E) {
    if (isa<ImplicitCastExpr>(E) || isa<MaterializeTemporaryExpr>(E) || isa<ExprWithCleanups>(E) ||
        isa<CXXBindTemporaryExpr>(E))
      return true;
    auto s = a.span(E->getSourceRange());
    if (!s) return true;
    if (exact) {
      // Outermost: the first met in pre-order wins.
      if (!found && s->first == b && s->second == e) found = E;
    } else if (s->first <= b && e <= s->second && (!pred || pred(E))) {
      unsigned size = s->second - s->first;
      if (!found || size <= foundSize) found = E, foundSize = size;
    }
    return true;
  }
};

const Expr* find(const FixContext& a, unsigned b, unsigned e, bool exact, bool (*pred)(const Expr*)) {
  const FunctionResult* fr = a.functionAt(b);
  if (!fr || !fr->lowered || !fr->lowered->fn || !fr->lowered->fn->getBody()) return nullptr;
  SpanFinder v(a, b, e, exact);
  v.pred = pred;
  v.TraverseStmt(const_cast<Stmt*>(fr->lowered->fn->getBody()));
  // Constructor initialisers are outside the body.
  if (!v.found)
    if (const auto* C = dyn_cast<CXXConstructorDecl>(fr->lowered->fn))
      for (const CXXCtorInitializer* I : C->inits())
        if (I->isWritten() && I->getInit()) v.TraverseStmt(const_cast<Expr*>(I->getInit()));
  return v.found;
}

}  // namespace

const Expr* exprAt(const FixContext& a, const Range& r) {
  if (r.file != a.t.file) return nullptr;
  return find(a, r.begin.offset, r.end.offset, true, nullptr);
}

const Expr* innermostExprIn(const FixContext& a, unsigned b, unsigned e, bool (*pred)(const Expr*)) {
  return find(a, b, e, false, pred);
}

std::optional<BlockStmt> blockStatementOf(const FixContext& a, const DynTypedNode& start) {
  DynTypedNode node = start;
  for (int depth = 0; depth < 64; ++depth) {
    auto ps = a.ctx.getParents(node);
    if (ps.size() != 1) return std::nullopt;
    if (const auto* CS = ps[0].get<CompoundStmt>()) {
      const auto* S = node.get<Stmt>();
      if (!S) return std::nullopt;
      auto sp = a.span(S->getSourceRange());
      if (!sp) return std::nullopt;
      unsigned end = sp->second;
      // Expression statements and declarations end at their ';', outside the range.
      llvm::StringRef rest = a.t.buf.substr(end);
      size_t skip = 0;
      while (skip < rest.size() && (rest[skip] == ' ' || rest[skip] == '\t')) ++skip;
      if (skip < rest.size() && rest[skip] == ';') end += static_cast<unsigned>(skip + 1);
      return BlockStmt{S, CS, sp->first, end};
    }
    if (ps[0].get<Decl>() && !ps[0].get<VarDecl>()) return std::nullopt;  // a function body, a lambda's class
    if (const auto* P = ps[0].get<Stmt>()) {
      // A statement that is a branch of if/for/while without braces: not in a block.
      if (isa<IfStmt>(P) || isa<ForStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<CXXForRangeStmt>(P) ||
          isa<SwitchStmt>(P) || isa<CaseStmt>(P) || isa<DefaultStmt>(P) || isa<LambdaExpr>(P))
        return std::nullopt;
    }
    node = ps[0];
  }
  return std::nullopt;
}

std::optional<BlockStmt> blockStatementOf(const FixContext& a, const Stmt* s) {
  if (!s) return std::nullopt;
  return blockStatementOf(a, DynTypedNode::create(*s));
}

const VarDecl* namedVar(const Expr* E) {
  if (!E) return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto* DR = dyn_cast<DeclRefExpr>(E)) return dyn_cast<VarDecl>(DR->getDecl());
  return nullptr;
}

const CallExpr* asStdMove(const Expr* E) {
  if (!E) return nullptr;
  const auto* C = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  if (!C || C->getNumArgs() != 1) return nullptr;
  const auto* F = C->getDirectCallee();
  if (!F || !F->isInStdNamespace() || !F->getIdentifier() || F->getName() != "move") return nullptr;
  return C;
}

std::string writtenType(const ASTContext& ctx, QualType T) {
  if (T.isNull()) return "";
  const Type* ty = T.getTypePtr();
  if (const auto* RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda() || RD->isLocalClass() || !RD->getIdentifier()) return "";
  }
  (void)ty;
  PrintingPolicy pp(ctx.getLangOpts());
  pp.SuppressTagKeyword = true;
  pp.SuppressScope = false;
  pp.FullyQualifiedName = true;
  pp.PrintAsCanonical = false;
  pp.SuppressUnwrittenScope = true;
  pp.SuppressInlineNamespace = llvm::to_underlying(PrintingPolicy::SuppressInlineNamespaceMode::All);
  std::string s = T.getAsString(pp);
  // Library-internal spellings cannot be written by the user: fall back to the
  // canonical type, whose std class templates print with their aliases below.
  if (s.find("__") != std::string::npos) s = T.getCanonicalType().getAsString(pp);
  auto replaceAll = [&](const std::string& from, const std::string& to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  };
  replaceAll("std::basic_string<char, std::char_traits<char>, std::allocator<char>>", "std::string");
  replaceAll("std::basic_string<char>", "std::string");
  replaceAll("std::basic_string_view<char, std::char_traits<char>>", "std::string_view");
  replaceAll("std::basic_string_view<char>", "std::string_view");
  if (s.find("__") != std::string::npos || s.find("(lambda") != std::string::npos || s.find("type-parameter") != std::string::npos)
    return "";
  return s;
}

bool defaultConstructible(QualType T) {
  const auto* RD = T->getAsCXXRecordDecl();
  if (!RD) return !T->isReferenceType() && !T->isArrayType();
  if (!RD->hasDefinition()) return false;
  RD = RD->getDefinition();
  if (RD->hasTrivialDefaultConstructor() || RD->needsImplicitDefaultConstructor()) return true;
  for (const CXXConstructorDecl* C : RD->ctors())
    if (C->isDefaultConstructor() && !C->isDeleted() && C->getAccess() != AS_private && C->getAccess() != AS_protected)
      return true;
  return false;
}

}  // namespace ownership::checks

namespace ownership::checks {

bool deepCopyable(QualType T) {
  if (!copyable(T)) return false;
  const auto* RD = T.getCanonicalType()->getAsCXXRecordDecl();
  const auto* S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!S || !S->isInStdNamespace()) return true;
  for (const TemplateArgument& A : S->getTemplateArgs().asArray())
    if (A.getKind() == TemplateArgument::Type && !A.getAsType()->isPointerType() && !deepCopyable(A.getAsType()))
      return false;
  return true;
}

std::string exprText(const FixContext& a, const Expr* E) {
  if (!E) return "";
  auto s = a.text(E->getSourceRange());
  return s ? *s : "";
}

}  // namespace ownership::checks

#include <clang/AST/TypeLoc.h>

namespace ownership::checks {

const VarDecl* varInitialisedAt(const FixContext& a, const Range& r) {
  const Expr* E = exprAt(a, r);
  if (!E) E = innermostExprIn(a, r.begin.offset, r.end.offset, [](const Expr*) { return true; });
  if (!E) return nullptr;
  DynTypedNode node = DynTypedNode::create(*E);
  for (int depth = 0; depth < 16; ++depth) {
    auto ps = a.ctx.getParents(node);
    if (ps.size() != 1) return nullptr;
    if (const auto* V = ps[0].get<VarDecl>()) return V->getInit() ? V : nullptr;
    const auto* P = ps[0].get<Expr>();
    if (!P) return nullptr;
    if (!(isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<CXXConstructExpr>(P) || isa<ExprWithCleanups>(P) ||
          isa<MaterializeTemporaryExpr>(P) || isa<CXXBindTemporaryExpr>(P) || isa<InitListExpr>(P) ||
          (isa<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_AddrOf)))
      return nullptr;
    node = ps[0];
  }
  return nullptr;
}

std::optional<unsigned> referenceSigil(const FixContext& a, const VarDecl* V) {
  if (!V || !V->getTypeSourceInfo()) return std::nullopt;
  TypeLoc TL = V->getTypeSourceInfo()->getTypeLoc();
  auto RL = TL.getAs<LValueReferenceTypeLoc>();
  if (!RL) return std::nullopt;
  SourceLocation s = RL.getSigilLoc();
  if (s.isInvalid() || !s.isFileID() || !a.sm.isInMainFile(s)) return std::nullopt;
  unsigned off = a.sm.getFileOffset(s);
  if (off >= a.t.buf.size() || a.t.buf[off] != '&') return std::nullopt;
  return off;
}

}  // namespace ownership::checks

namespace ownership::checks {

std::optional<BlockStmt> blockStatementAt(const FixContext& a, unsigned offset) {
  const Expr* E = innermostExprIn(a, offset, offset, [](const Expr*) { return true; });
  if (!E) return std::nullopt;
  return blockStatementOf(a, DynTypedNode::create(*E));
}

std::string freshName(const FixContext& a, unsigned offset, const std::string& base) {
  const FunctionResult* fr = a.functionAt(offset);
  llvm::StringRef body = fr ? a.t.buf.substr(fr->beginOffset, fr->endOffset - fr->beginOffset) : a.t.buf;
  auto used = [&](const std::string& n) {
    for (size_t at = body.find(n); at != llvm::StringRef::npos; at = body.find(n, at + 1)) {
      bool left = at == 0 || !isIdentChar(body[at - 1]);
      bool right = at + n.size() >= body.size() || !isIdentChar(body[at + n.size()]);
      if (left && right) return true;
    }
    return false;
  };
  if (!used(base)) return base;
  for (int i = 2; i < 100; ++i)
    if (!used(base + std::to_string(i))) return base + std::to_string(i);
  return "";
}

}  // namespace ownership::checks

namespace ownership::checks {
namespace {
struct RefFinder : RecursiveASTVisitor<RefFinder> {
  const FixContext& a;
  unsigned b, e;
  llvm::StringRef name;
  const Expr* found = nullptr;
  RefFinder(const FixContext& a, unsigned b, unsigned e, llvm::StringRef name) : a(a), b(b), e(e), name(name) {}
  bool shouldVisitLambdaBody() const { return true; }
  bool check(Expr* E, const NamedDecl* D) {
    if (found || !D || !D->getIdentifier() || D->getName() != name) return true;
    auto s = a.span(E->getSourceRange());
    if (s && b <= s->first && s->second <= e) found = E;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr* E) { return check(E, E->getDecl()); }
  bool VisitMemberExpr(MemberExpr* E) { return check(E, E->getMemberDecl()); }
};
}  // namespace

const Expr* referenceIn(const FixContext& a, unsigned b, unsigned e, llvm::StringRef name) {
  const FunctionResult* fr = a.functionAt(b);
  if (!fr || !fr->lowered || !fr->lowered->fn || !fr->lowered->fn->getBody()) return nullptr;
  RefFinder v(a, b, e, name);
  v.TraverseStmt(const_cast<Stmt*>(fr->lowered->fn->getBody()));
  return v.found;
}

const ValueDecl* referencedDecl(const Expr* E) {
  if (const auto* DR = dyn_cast_or_null<DeclRefExpr>(E)) return DR->getDecl();
  if (const auto* ME = dyn_cast_or_null<MemberExpr>(E)) return ME->getMemberDecl();
  return nullptr;
}

std::string freshValue(const ASTContext& ctx, QualType T) {
  T = T.getNonReferenceType().getUnqualifiedType();
  if (T->isPointerType()) {
    QualType P = T->getPointeeType();
    std::string w = writtenType(ctx, P.getUnqualifiedType());
    if (w.empty() || !P->isRecordType() || !defaultConstructible(P)) return "";
    return "new " + w + "()";
  }
  const auto* S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (S && S->isInStdNamespace() && S->getIdentifier() &&
      (S->getName() == "unique_ptr" || S->getName() == "shared_ptr") && S->getTemplateArgs().size() >= 1) {
    QualType P = S->getTemplateArgs()[0].getAsType();
    std::string w = writtenType(ctx, P);
    if (w.empty() || P->isArrayType() || !defaultConstructible(P)) return "";
    return (S->getName() == "unique_ptr" ? "std::make_unique<" : "std::make_shared<") + w + ">()";
  }
  if (!T->isRecordType() || !defaultConstructible(T)) return "";
  std::string w = writtenType(ctx, T);
  return w.empty() ? "" : w + "()";
}

}  // namespace ownership::checks

namespace ownership::checks {

bool readBeforeEvent(const FixContext& a, Diag& d, unsigned eventOffset, const std::string& title) {
  auto ev = blockStatementAt(a, eventOffset);
  auto use = blockStatementAt(a, d.range.begin.offset);
  if (!ev || !use || ev->block != use->block || ev->end > use->begin) return false;
  const auto* R = dyn_cast<ReturnStmt>(use->stmt);
  if (!R || !R->getRetValue()) return false;
  const Expr* V = R->getRetValue();
  auto vs = a.span(V->getSourceRange());
  if (!vs) return false;
  QualType T = V->getType();
  if (T.isNull() || T->isVoidType() || T->isDependentType()) return false;
  std::string name = freshName(a, use->begin, "value");
  if (name.empty()) return false;
  std::string expr = a.t.buf.substr(vs->first, vs->second - vs->first).str();
  Fix f;
  f.title = title;
  f.preferred = true;
  f.edits.push_back(edit(a.t, ev->begin, ev->begin, "auto " + name + " = " + expr + ";\n" + a.t.indentOf(ev->begin)));
  f.edits.push_back(edit(a.t, vs->first, vs->second, name));
  d.fixes.push_back(std::move(f));
  return true;
}

}  // namespace ownership::checks

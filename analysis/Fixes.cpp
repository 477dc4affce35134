// Quick-fixes (spec §4): small text edits computed from the main file's text around a
// diagnostic, and, for fixes that change a type, checked against the AST. Each fix is
// conservative: when the code does not have the expected shape, no fix is offered
// rather than a wrong one.
#include "analysis/Fixes.h"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/TypeLoc.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/ADT/StringSet.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>
#include <set>

#include "analysis/Checker.h"
#include "analysis/Liveness.h"

namespace ownership {
namespace {

struct Text {
  llvm::StringRef buf;
  std::string file;

  Pos posAt(unsigned off) const {
    Pos p;
    p.offset = off;
    p.line = 1;
    unsigned lineStart = 0;
    for (unsigned i = 0; i < off && i < buf.size(); ++i)
      if (buf[i] == '\n') {
        ++p.line;
        lineStart = i + 1;
      }
    p.column = off - lineStart + 1;
    return p;
  }
  Range range(unsigned b, unsigned e) const { return Range{file, posAt(b), posAt(e)}; }
  unsigned lineStart(unsigned off) const {
    while (off > 0 && buf[off - 1] != '\n') --off;
    return off;
  }
  unsigned lineEnd(unsigned off) const {
    while (off < buf.size() && buf[off] != '\n') ++off;
    return off;
  }
  std::string indentOf(unsigned off) const {
    unsigned s = lineStart(off), e = s;
    while (e < buf.size() && (buf[e] == ' ' || buf[e] == '\t')) ++e;
    return buf.substr(s, e - s).str();
  }
  // The statement starting at `off`, up to and including its ';' (same line).
  bool statementAt(unsigned off, unsigned& end) const {
    unsigned e = off;
    int depth = 0;
    while (e < buf.size() && buf[e] != '\n') {
      if (buf[e] == '(') ++depth;
      if (buf[e] == ')') --depth;
      if (buf[e] == ';' && depth == 0) {
        end = e + 1;
        return true;
      }
      ++e;
    }
    return false;
  }
};

TextEdit edit(const Text& t, unsigned b, unsigned e, std::string text) { return TextEdit{t.range(b, e), std::move(text)}; }

std::string varFromMessage(const std::string& msg) {
  auto b = msg.find('`');
  if (b == std::string::npos) return {};
  auto e = msg.find('`', b + 1);
  return e == std::string::npos ? std::string() : msg.substr(b + 1, e - b - 1);
}

// Removes the whole line of a statement when it stands alone on it.
TextEdit removeStatement(const Text& t, unsigned b, unsigned e) {
  unsigned ls = t.lineStart(b), le = t.lineEnd(e);
  bool alone = t.buf.substr(ls, b - ls).trim().empty() && t.buf.substr(e, le - e).trim().empty();
  if (alone) return edit(t, ls, le < t.buf.size() ? le + 1 : le, "");
  return edit(t, b, e, "");
}

void fixUseAfterMove(const Text& t, Diag& d) {
  // At the move's note: `std::move(x)` -> `x` (a copy), for copyable std values only.
  if (d.severity != Severity::Warning) return;  // smart pointers and [[owner]] are not copyable
  std::string var = varFromMessage(d.message);
  for (const Note& n : d.notes) {
    if (n.message.rfind("value moved here", 0) != 0) continue;
    unsigned b = n.range.begin.offset;
    llvm::StringRef rest = t.buf.substr(b);
    std::string want = "std::move(" + var + ")";
    if (!rest.starts_with(want)) return;
    Fix f;
    f.title = "copy `" + var + "` instead of moving it";
    f.preferred = true;
    f.edits.push_back(edit(t, b, b + want.size(), var));
    d.fixes.push_back(std::move(f));
    return;
  }
}

void fixRelease(const Text& t, Diag& d) {
  unsigned b = d.range.begin.offset, e = 0;
  if (!t.statementAt(b, e)) return;
  llvm::StringRef stmt = t.buf.substr(b, e - b);
  if (!(stmt.starts_with("delete") || stmt.starts_with("std::free") || stmt.starts_with("free"))) return;
  Fix f;
  f.title = "remove the second release";
  f.preferred = true;
  f.edits.push_back(removeStatement(t, b, e));
  d.fixes.push_back(std::move(f));
  // Or null the owner right after the first release, so a second release is a no-op.
  std::string var = varFromMessage(d.message);
  for (const Note& n : d.notes) {
    if (n.message != "first released here") continue;
    unsigned fb = n.range.begin.offset, fe = 0;
    if (!t.statementAt(fb, fe) || var.empty()) break;
    Fix g;
    g.title = "set `" + var + "` to nullptr after releasing it";
    g.edits.push_back(edit(t, fe, fe, " " + var + " = nullptr;"));
    d.fixes.push_back(std::move(g));
    break;
  }
}

void fixUseAfterRelease(const Text& t, Diag& d) {
  // Move the release after the use: remove it where it is, re-insert after the use.
  for (const Note& n : d.notes) {
    if (n.message != "value released here") continue;
    unsigned rb = n.range.begin.offset, re = 0;
    if (!t.statementAt(rb, re)) return;
    llvm::StringRef stmt = t.buf.substr(rb, re - rb);
    if (!(stmt.starts_with("delete") || stmt.contains("free("))) return;
    unsigned ub = d.range.begin.offset, ue = 0;
    unsigned us = t.lineStart(ub);
    if (!t.statementAt(us + t.indentOf(ub).size(), ue) || ue <= re) return;
    llvm::StringRef useStmt = t.buf.substr(us, ue - us).trim();
    if (useStmt.starts_with("return")) return;  // nothing can come after a return
    Fix f;
    f.title = "release after the last use";
    f.preferred = true;
    f.edits.push_back(removeStatement(t, rb, re));
    f.edits.push_back(edit(t, ue, ue, "\n" + t.indentOf(ub) + stmt.str()));
    d.fixes.push_back(std::move(f));
    return;
  }
}

void fixLeak(const Text& t, Diag& d) {
  std::string var = varFromMessage(d.message);
  if (var.empty()) return;
  unsigned b = d.range.begin.offset;
  unsigned le = t.lineEnd(b);
  std::string line = t.buf.substr(t.lineStart(b), le - t.lineStart(b)).str();
  bool isMalloc = line.find("alloc(") != std::string::npos;
  bool isArray = std::regex_search(line, std::regex("new\\s+[A-Za-z_:<>]+\\s*\\["));
  if (d.message.find("goes out of scope") == std::string::npos) return;
  // Insert the release before each leaking exit (the notes).
  Fix f;
  f.title = "release `" + var + "` before it goes out of scope";
  f.preferred = true;
  std::string release = isMalloc ? "std::free(" + var + ");" : isArray ? "delete[] " + var + ";" : "delete " + var + ";";
  for (const Note& n : d.notes) {
    unsigned at = n.range.begin.offset;
    if (at >= t.buf.size()) continue;
    if (t.buf[at] == '}') {
      f.edits.push_back(edit(t, t.lineStart(at), t.lineStart(at), t.indentOf(b) + release + "\n"));
    } else if (t.buf.substr(at).starts_with("return")) {
      unsigned ls = t.lineStart(at);
      if (t.buf.substr(ls, at - ls).trim().empty())
        f.edits.push_back(edit(t, ls, ls, t.indentOf(at) + release + "\n"));
    }
  }
  // A release inserted before `return *p` would break the return: only when the
  // returned expression does not mention the variable.
  for (const TextEdit& e : f.edits) {
    unsigned off = e.range.begin.offset;
    unsigned le2 = t.lineEnd(off);
    std::string l = t.buf.substr(off, le2 - off).str();
    if (std::regex_search(l, std::regex("\\b" + var + "\\b"))) return;  // whole words: `s` is not in `result`
  }
  if (!f.edits.empty()) d.fixes.push_back(std::move(f));
}

void fixInvalidAnnotation(const Text& t, Diag& d) {
  unsigned b = d.range.begin.offset, e = d.range.end.offset;
  // Widen to the enclosing [[ ... ]].
  unsigned ob = b;
  while (ob >= 2 && !(t.buf[ob - 1] == '[' && t.buf[ob - 2] == '[')) {
    if (t.buf[ob - 1] == '\n' || b - ob > 40) return;
    --ob;
  }
  if (ob < 2) return;
  ob -= 2;
  unsigned oe = e;
  while (oe + 1 < t.buf.size() && !(t.buf[oe] == ']' && t.buf[oe + 1] == ']')) {
    if (t.buf[oe] == '\n') return;
    ++oe;
  }
  oe += 2;
  while (oe < t.buf.size() && t.buf[oe] == ' ') ++oe;
  Fix f;
  f.title = "remove the annotation";
  f.preferred = true;
  unsigned ls = t.lineStart(ob), le = t.lineEnd(oe);
  if (t.buf.substr(ls, ob - ls).trim().empty() && t.buf.substr(oe, le - oe).trim().empty())
    f.edits.push_back(edit(t, ls, le + 1, ""));
  else
    f.edits.push_back(edit(t, ob, oe, ""));
  d.fixes.push_back(std::move(f));
}

void fixDangling(const Text& t, Diag& d) {
  // `std::string_view x = ...` -> `std::string x = ...`; `const T& x = ...` -> `T x = ...`.
  unsigned ls = t.lineStart(d.range.begin.offset), le = t.lineEnd(d.range.begin.offset);
  std::string line = t.buf.substr(ls, le - ls).str();
  std::smatch m;
  if (std::regex_search(line, m, std::regex("std::string_view\\s+(\\w+)\\s*=\\s*"))) {
    // `std::string_view v = e;` -> `std::string v(e);` (std::string's constructor
    // from a view is explicit, so direct-initialise).
    unsigned at = ls + static_cast<unsigned>(m.position(0));
    unsigned exprBegin = at + static_cast<unsigned>(m.length(0));
    unsigned end = 0;
    if (!t.statementAt(at, end)) return;
    std::string expr = t.buf.substr(exprBegin, end - 1 - exprBegin).str();
    Fix f;
    f.title = "copy the value into a std::string instead of borrowing it";
    f.preferred = true;
    f.edits.push_back(edit(t, at, end, "std::string " + m[1].str() + "(" + expr + ");"));
    d.fixes.push_back(std::move(f));
    return;
  }
  if (std::regex_search(line, m, std::regex("const\\s+([\\w:<>]+)\\s*&(\\s*\\w+\\s*=)"))) {
    Fix f;
    f.title = "copy the value instead of borrowing it";
    f.preferred = true;
    unsigned at = ls + static_cast<unsigned>(m.position(0));
    f.edits.push_back(edit(t, at, at + static_cast<unsigned>(m.length(0)), m[1].str() + m[2].str()));
    d.fixes.push_back(std::move(f));
  }
}

void fixMissingLifetime(const Text& t, Diag& d) {
  // Hint: annotate with the candidate parameters named in the message. Naming all of
  // them is always a sound contract; the user can narrow it to the right one.
  if (d.severity != Severity::Hint) return;
  std::vector<std::string> names;
  for (size_t b = d.message.find('`'); b != std::string::npos; b = d.message.find('`', b + 1)) {
    size_t e = d.message.find('`', b + 1);
    if (e == std::string::npos) break;
    names.push_back(d.message.substr(b + 1, e - b - 1));
    b = e;
  }
  if (names.empty()) return;
  std::string args;
  for (size_t i = 0; i < names.size(); ++i) args += (i ? ", \"" : "\"") + names[i] + "\"";
  unsigned ls = t.lineStart(d.range.begin.offset);
  // Put the attribute at the start of the declaration: the line holding the return
  // type when the name stands alone on its line.
  unsigned at = ls + static_cast<unsigned>(t.indentOf(ls).size());
  llvm::StringRef before = t.buf.substr(at, d.range.begin.offset - at);
  if (before.trim().empty() && ls > 0) {
    unsigned prev = t.lineStart(ls - 1);
    at = prev + static_cast<unsigned>(t.indentOf(prev).size());
  }
  Fix f;
  f.title = "add [[borrow(" + args + ")]] to name where the result borrows from";
  f.preferred = true;
  f.edits.push_back(edit(t, at, at, "[[borrow(" + args + ")]] "));
  d.fixes.push_back(std::move(f));
}


// ---------------------------------------------------------------------------
// Fixes that need the AST: what a change of type does to every use must be checked,
// or the fix could leave code that no longer compiles.

struct AstCtx {
  clang::ASTContext& ctx;
  const clang::SourceManager& sm;
  const Text& t;
  const std::vector<FunctionResult>& functions;

  // [begin, end) of a token range in the main file, outside macros.
  std::optional<std::pair<unsigned, unsigned>> span(clang::SourceRange r) const {
    clang::SourceLocation b = r.getBegin(), e = r.getEnd();
    if (b.isInvalid() || e.isInvalid() || !b.isFileID() || !e.isFileID()) return std::nullopt;
    if (!sm.isInMainFile(b) || !sm.isInMainFile(e)) return std::nullopt;
    unsigned bo = sm.getFileOffset(b);
    unsigned eo = sm.getFileOffset(e) + clang::Lexer::MeasureTokenLength(e, sm, ctx.getLangOpts());
    if (eo < bo || eo > t.buf.size()) return std::nullopt;
    return std::make_pair(bo, eo);
  }
  std::optional<std::string> text(clang::SourceRange r) const {
    auto s = span(r);
    if (!s) return std::nullopt;
    return t.buf.substr(s->first, s->second - s->first).str();
  }
  // The innermost analysed function whose extent holds `offset`.
  const FunctionResult* functionAt(unsigned offset) const {
    const FunctionResult* best = nullptr;
    for (const FunctionResult& f : functions)
      if (f.lowered && offset >= f.beginOffset && offset <= f.endOffset &&
          (!best || f.endOffset - f.beginOffset < best->endOffset - best->beginOffset))
        best = &f;
    return best;
  }
  // The parent of E, looking through wrappers that do not change how a value is used.
  clang::DynTypedNode parent(const clang::Expr*& E) const {
    while (true) {
      auto ps = ctx.getParents(*E);
      if (ps.size() != 1) return {};
      const auto* P = ps[0].get<clang::Expr>();
      if (P && (llvm::isa<clang::ParenExpr>(P) || llvm::isa<clang::ExprWithCleanups>(P) ||
                llvm::isa<clang::MaterializeTemporaryExpr>(P) || llvm::isa<clang::CXXBindTemporaryExpr>(P) ||
                (llvm::isa<clang::ImplicitCastExpr>(P) &&
                 llvm::cast<clang::ImplicitCastExpr>(P)->getCastKind() == clang::CK_NoOp))) {
        E = P;
        continue;
      }
      return ps[0];
    }
  }
  // A class or typedef declared directly in namespace std, if any.
  const clang::NamedDecl* stdDecl(llvm::StringRef name) const {
    for (const clang::NamedDecl* N : ctx.getTranslationUnitDecl()->lookup(&ctx.Idents.get("std"))) {
      const auto* NS = llvm::dyn_cast<clang::NamespaceDecl>(N);
      if (!NS) continue;
      for (const clang::NamedDecl* D : NS->lookup(&ctx.Idents.get(name))) return D;
    }
    return nullptr;
  }
  // Whether `std::<name>` names a defined class template here (its header is included).
  bool stdTemplateDefined(llvm::StringRef name) const {
    const auto* CT = llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(stdDecl(name));
    return CT && CT->getTemplatedDecl()->hasDefinition();
  }
};

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Type source ranges leave out leading cv-qualifiers: widen over `const`/`volatile`.
unsigned widenOverQualifiers(const Text& t, unsigned b) {
  while (true) {
    unsigned p = b;
    while (p > 0 && std::isspace(static_cast<unsigned char>(t.buf[p - 1]))) --p;
    bool moved = false;
    for (llvm::StringRef q : {"const", "volatile"}) {
      if (p >= q.size() && t.buf.substr(p - q.size(), q.size()) == q &&
          (p == q.size() || !isIdentChar(t.buf[p - q.size() - 1]))) {
        b = p - static_cast<unsigned>(q.size());
        moved = true;
        break;
      }
    }
    if (!moved) return b;
  }
}

bool publicUsable(const clang::CXXMethodDecl* M) {
  return M && !M->isDeleted() && M->getAccess() != clang::AS_private && M->getAccess() != clang::AS_protected;
}

// A value of type T can be copy-initialised from a const lvalue of T (or, with
// `fromLocal`, from a local named in a return statement, which is moved).
bool copyable(clang::QualType T, bool fromLocal = false) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T.isNull() || T->isDependentType() || T->isIncompleteType() || T->isArrayType() || T->isFunctionType() ||
      T->isVoidType())
    return false;
  const clang::CXXRecordDecl* RD = T->getAsCXXRecordDecl();
  if (!RD) return T->isScalarType();
  if (!RD->hasDefinition() || RD->isAbstract()) return false;
  if (const clang::CXXDestructorDecl* D = RD->getDestructor(); D && !publicUsable(D)) return false;
  if (fromLocal) {
    if (RD->needsImplicitMoveConstructor()) {
      if (!RD->defaultedMoveConstructorIsDeleted()) return true;
    } else {
      for (const clang::CXXConstructorDecl* C : RD->ctors())
        if (C->isMoveConstructor() && publicUsable(C)) return true;
    }
  }
  if (RD->needsImplicitCopyConstructor()) return !RD->defaultedCopyConstructorIsDeleted();
  for (const clang::CXXConstructorDecl* C : RD->ctors()) {
    unsigned quals = 0;
    if (C->isCopyConstructor(quals) && (quals & clang::Qualifiers::Const) && publicUsable(C)) return true;
  }
  return false;
}

// Return statements of a function body (not those of lambdas inside it).
struct ReturnCollector : clang::RecursiveASTVisitor<ReturnCollector> {
  std::vector<const clang::ReturnStmt*> returns;
  bool VisitReturnStmt(clang::ReturnStmt* R) {
    returns.push_back(R);
    return true;
  }
  bool TraverseLambdaExpr(clang::LambdaExpr*) { return true; }
};

// Every expression naming one of the declarations in `decls` (canonical decls).
struct RefCollector : clang::RecursiveASTVisitor<RefCollector> {
  llvm::SmallPtrSet<const clang::Decl*, 4> decls;
  std::vector<const clang::Expr*> refs;
  bool unresolved = false;  // named from dependent code: cannot be checked
  bool shouldVisitLambdaBody() const { return true; }
  bool VisitDeclRefExpr(clang::DeclRefExpr* E) {
    if (decls.count(E->getDecl()->getCanonicalDecl())) refs.push_back(E);
    return true;
  }
  bool VisitMemberExpr(clang::MemberExpr* E) {
    if (decls.count(E->getMemberDecl()->getCanonicalDecl())) refs.push_back(E);
    return true;
  }
  bool VisitOverloadExpr(clang::OverloadExpr* E) {
    for (const clang::NamedDecl* D : E->decls())
      if (decls.count(D->getUnderlyingDecl()->getCanonicalDecl())) unresolved = true;
    return true;
  }
};

// The call that a reference to a function is the callee of.
const clang::CallExpr* callOf(const AstCtx& a, const clang::Expr* ref) {
  const clang::Expr* E = ref;
  while (true) {
    auto ps = a.ctx.getParents(*E);
    if (ps.size() != 1) return nullptr;
    if (const auto* ICE = ps[0].get<clang::ImplicitCastExpr>()) {
      E = ICE;
      continue;
    }
    if (const auto* PE = ps[0].get<clang::ParenExpr>()) {
      E = PE;
      continue;
    }
    const auto* C = ps[0].get<clang::CallExpr>();
    if (C && C->getCallee() == E) return C;
    return nullptr;
  }
}

// The parameter an argument `arg` of call-like `P` is bound to; nullptr when unknown
// (variadic, indirect call, the object of a member operator).
const clang::ParmVarDecl* paramFor(const clang::Stmt* P, const clang::Expr* arg) {
  if (const auto* C = llvm::dyn_cast<clang::CallExpr>(P)) {
    const clang::FunctionDecl* F = C->getDirectCallee();
    if (!F || F->getPrimaryTemplate()) return nullptr;
    unsigned shift = 0;
    if (llvm::isa<clang::CXXOperatorCallExpr>(C) && llvm::isa<clang::CXXMethodDecl>(F) &&
        !llvm::cast<clang::CXXMethodDecl>(F)->isStatic())
      shift = 1;
    for (unsigned i = shift; i < C->getNumArgs(); ++i)
      if (C->getArg(i) == arg) return i - shift < F->getNumParams() ? F->getParamDecl(i - shift) : nullptr;
    return nullptr;
  }
  if (const auto* CE = llvm::dyn_cast<clang::CXXConstructExpr>(P)) {
    const clang::CXXConstructorDecl* Ctor = CE->getConstructor();
    if (!Ctor || Ctor->getPrimaryTemplate()) return nullptr;
    for (unsigned i = 0; i < CE->getNumArgs(); ++i)
      if (CE->getArg(i) == arg) return i < Ctor->getNumParams() ? Ctor->getParamDecl(i) : nullptr;
  }
  return nullptr;
}

// `const X&`, `X&&` or by value: a prvalue argument binds to it.
bool takesPrvalue(clang::QualType PT) {
  if (PT->isRValueReferenceType()) return true;
  if (PT->isLValueReferenceType()) return PT.getNonReferenceType().isConstQualified();
  return true;
}

// Whether a variable initialised from a prvalue still compiles: not a non-const lvalue
// reference. `auto&` deduced `const T&` from the old lvalue counts as non-const: it
// would deduce `T&` from the new prvalue.
bool bindsPrvalue(const clang::VarDecl* VD) {
  clang::QualType T = VD->getType();
  if (!T->isLValueReferenceType()) return true;
  if (!VD->getTypeSourceInfo()) return false;
  auto rl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<clang::ReferenceTypeLoc>();
  return rl && rl.getPointeeLoc().getType().isLocalConstQualified();
}

// After `T& f()` becomes `T f()`, a call is a prvalue: is this use still valid?
bool callStillValidAsValue(const AstCtx& a, const clang::CallExpr* call) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  if (const auto* VD = p.get<clang::VarDecl>()) return bindsPrvalue(VD);
  const auto* P = p.get<clang::Stmt>();
  if (!P) return false;
  if (const auto* ICE = llvm::dyn_cast<clang::ImplicitCastExpr>(P)) return ICE->getCastKind() == clang::CK_LValueToRValue;
  if (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P)) {
    if (const auto* OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(P); OC && OC->getNumArgs() > 0 && OC->getArg(0) == E)
      if (const auto* M = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(OC->getDirectCallee()))
        return M->getRefQualifier() != clang::RQ_LValue;
    const clang::ParmVarDecl* PV = paramFor(P, E);
    return PV && takesPrvalue(PV->getType());
  }
  if (const auto* ME = llvm::dyn_cast<clang::MemberExpr>(P)) {
    const clang::Expr* M = ME;
    clang::DynTypedNode mp = a.parent(M);
    if (const auto* MC = mp.get<clang::CXXMemberCallExpr>(); MC && MC->getCallee() == M)
      return MC->getMethodDecl() && MC->getMethodDecl()->getRefQualifier() != clang::RQ_LValue;
    if (const auto* ICE = mp.get<clang::ImplicitCastExpr>()) return ICE->getCastKind() == clang::CK_LValueToRValue;
    return false;
  }
  return false;
}

bool isStdRecordNamed(clang::QualType T, llvm::StringRef name) {
  const auto* RD = T.getCanonicalType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == name && model::inStdNamespace(RD);
}

clang::QualType firstTypeArg(clang::QualType T) {
  const auto* S = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(T.getCanonicalType()->getAsCXXRecordDecl());
  if (!S || S->getTemplateArgs().size() == 0 || S->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type)
    return {};
  return S->getTemplateArgs()[0].getAsType();
}

// The function whose body holds E.
const clang::FunctionDecl* enclosingFunction(const AstCtx& a, const clang::Expr* E) {
  clang::DynTypedNodeList ps = a.ctx.getParents(*E);
  while (ps.size() == 1) {
    if (const auto* F = ps[0].get<clang::FunctionDecl>()) return F;
    if (const auto* L = ps[0].get<clang::LambdaExpr>()) return L->getCallOperator();
    ps = a.ctx.getParents(ps[0]);
  }
  return nullptr;
}

// A parameter a `std::string` prvalue can be passed to where a `std::string_view` was:
// a view by value or by const reference of a non-template function.
bool takesViewFromString(const clang::ParmVarDecl* PV, clang::QualType viewType) {
  if (!PV) return false;
  clang::QualType PT = PV->getType();
  if (PT->isLValueReferenceType() && !PT.getNonReferenceType().isConstQualified()) return false;
  return PT.getNonReferenceType().getCanonicalType().getUnqualifiedType() ==
         viewType.getCanonicalType().getUnqualifiedType();
}

// After `std::string_view f()` becomes `std::string f()` (or a span a vector): is this
// use of a call still valid? A view variable kept from the call would now dangle, and
// an `auto` one changes type, so only these are accepted: the call passed straight to
// a view parameter (strings only), and an `auto` variable used only through members
// that the owner has with the same meaning.
bool callStillValidAsOwner(const AstCtx& a, const clang::CallExpr* call, clang::QualType oldType, bool toString,
                           const clang::FunctionDecl* caller) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  if (const auto* VD = p.get<clang::VarDecl>()) {
    if (VD->getType()->isReferenceType() || !VD->getTypeSourceInfo() ||
        !VD->getTypeSourceInfo()->getTypeLoc().getAs<clang::AutoTypeLoc>() || !caller)
      return false;
    static const llvm::StringSet<> kStringSafe = {"size", "length", "empty", "data", "find", "rfind", "starts_with",
                                                  "ends_with", "compare", "front", "back", "find_first_of",
                                                  "find_last_of", "find_first_not_of", "find_last_not_of"};
    static const llvm::StringSet<> kVectorSafe = {"size", "empty", "data", "front", "back"};
    RefCollector refs;
    refs.decls.insert(VD->getCanonicalDecl());
    refs.TraverseStmt(const_cast<clang::Stmt*>(caller->getBody()));
    for (const clang::Expr* r : refs.refs) {
      const clang::Expr* X = r;
      clang::DynTypedNode rp = a.parent(X);
      if (const auto* ME = rp.get<clang::MemberExpr>()) {
        const clang::Expr* M = ME;
        clang::DynTypedNode mp = a.parent(M);
        const auto* MC = mp.get<clang::CXXMemberCallExpr>();
        const auto* MD = MC ? MC->getMethodDecl() : nullptr;
        if (!MD || !MD->getIdentifier() || MC->getCallee() != M) return false;
        if (!(toString ? kStringSafe : kVectorSafe).contains(MD->getName())) return false;
        continue;
      }
      const auto* P = rp.get<clang::Stmt>();
      if (toString && P && (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P)) &&
          takesViewFromString(paramFor(P, X), oldType))
        continue;
      return false;
    }
    return true;
  }
  const auto* P = p.get<clang::Stmt>();
  if (!P || !toString) return false;
  if (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P))
    return takesViewFromString(paramFor(P, E), oldType);
  return false;
}

void fixReturnLocalBorrow(const AstCtx& a, Diag& d) {
  using namespace clang;
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (!fr) return;
  const FunctionDecl* F = fr->lowered->fn;
  if (F->getPrimaryTemplate() || F->isTemplateInstantiation() || F->isDependentContext()) return;
  if (const auto* M = dyn_cast<CXXMethodDecl>(F); M && (M->isVirtual() || M->size_overridden_methods() > 0)) return;
  if (isa<CXXConversionDecl>(F)) return;
  QualType RT = F->getReturnType();
  ReturnCollector rc;
  rc.TraverseStmt(const_cast<Stmt*>(F->getBody()));

  enum class Shape { Ref, Ptr, View } kind;  // what is returned now
  QualType valueType;       // the type returned by value after the fix
  bool toString = false;    // View: string_view -> std::string (else span -> vector)
  std::vector<TextEdit> edits;
  std::string newType;      // its spelling
  if (RT->isLValueReferenceType()) {
    kind = Shape::Ref;
    valueType = RT.getNonReferenceType().getUnqualifiedType();
  } else if (RT->isPointerType()) {
    kind = Shape::Ptr;
    valueType = RT->getPointeeType().getUnqualifiedType();
  } else if (isStdRecordNamed(RT, "basic_string_view")) {
    kind = Shape::View;
    toString = true;
    QualType ch = firstTypeArg(RT);
    if (ch.isNull() || !ch->isSpecificBuiltinType(BuiltinType::Char_S) && !ch->isSpecificBuiltinType(BuiltinType::Char_U))
      return;
    const auto* TD = dyn_cast_or_null<TypedefNameDecl>(a.stdDecl("string"));
    if (!TD || !a.stdTemplateDefined("basic_string")) return;
    valueType = TD->getUnderlyingType();
    newType = "std::string";
  } else if (isStdRecordNamed(RT, "span")) {
    kind = Shape::View;
    if (!a.stdTemplateDefined("vector")) return;
  } else {
    return;
  }
  if (kind != Shape::View) {
    if (valueType->isVoidType() || model::holdsBorrows(valueType)) return;
  }

  // The new spelling of the return type, from the written one.
  FunctionTypeLoc ftl = F->getFunctionTypeLoc();
  if (!ftl) return;
  TypeLoc retLoc = ftl.getReturnLoc();
  if (kind == Shape::Ref || kind == Shape::Ptr) {
    TypeLoc pointee;
    if (auto rl = retLoc.getAsAdjusted<ReferenceTypeLoc>())
      pointee = rl.getPointeeLoc();
    else if (auto pl = retLoc.getAsAdjusted<PointerTypeLoc>())
      pointee = pl.getPointeeLoc();
    if (!pointee) return;
    if (auto ql = pointee.getAs<QualifiedTypeLoc>()) pointee = ql.getUnqualifiedLoc();
    auto txt = a.text(pointee.getSourceRange());
    if (!txt || txt->empty()) return;
    newType = *txt;
  } else if (!toString) {
    auto tl = retLoc.getAsAdjusted<TemplateSpecializationTypeLoc>();
    if (!tl || tl.getNumArgs() != 1 || tl.getArgLoc(0).getArgument().getKind() != TemplateArgument::Type) return;
    TypeSourceInfo* argInfo = tl.getArgLoc(0).getTypeSourceInfo();
    if (!argInfo) return;
    TypeLoc el = argInfo->getTypeLoc();
    if (auto ql = el.getAs<QualifiedTypeLoc>()) el = ql.getUnqualifiedLoc();
    auto txt = a.text(el.getSourceRange());
    if (!txt || txt->empty()) return;
    QualType elem = argInfo->getType().getUnqualifiedType();
    if (!copyable(elem)) return;
    newType = "std::vector<" + *txt + ">";
    valueType = elem;  // compared against the returned vectors' element type below
  }

  // Every return must still compile against the value type.
  for (const ReturnStmt* R : rc.returns) {
    const Expr* E = R->getRetValue();
    if (!E) return;
    const Expr* W = E->IgnoreParenImpCasts();
    if (kind == Shape::Ref) {
      bool local = false;
      if (const auto* DR = dyn_cast<DeclRefExpr>(W))
        if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()))
          local = V->hasLocalStorage() && !V->getType()->isReferenceType() &&
                  V->getType().getCanonicalType().getUnqualifiedType() ==
                      valueType.getCanonicalType() && !V->getType().isVolatileQualified();
      if (!copyable(valueType, local)) return;
    } else if (kind == Shape::Ptr) {
      const auto* UO = dyn_cast<UnaryOperator>(W);
      if (!UO || UO->getOpcode() != UO_AddrOf) return;
      const Expr* sub = UO->getSubExpr();
      if (sub->getType().getCanonicalType().getUnqualifiedType() != valueType.getCanonicalType()) return;
      // A whole object (`&s`, `&s.inner`): the address of an array element stands for
      // the array, whose copy one element is not.
      const Expr* root = sub->IgnoreParens();
      while (const auto* ME = dyn_cast<MemberExpr>(root)) {
        if (ME->isArrow()) return;
        root = ME->getBase()->IgnoreParens();
      }
      if (!isa<DeclRefExpr>(root)) return;
      bool local = false;
      if (const auto* DR = dyn_cast<DeclRefExpr>(sub->IgnoreParens()))
        if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()))
          local = V->hasLocalStorage() && !V->getType()->isReferenceType();
      if (!copyable(valueType, local)) return;
      auto amp = a.span(SourceRange(UO->getOperatorLoc(), UO->getOperatorLoc()));
      auto sb = a.span(sub->getSourceRange());
      if (!amp || !sb || a.t.buf.substr(amp->first, sb->first - amp->first).trim() != "&") return;
      edits.push_back(edit(a.t, amp->first, sb->first, ""));
    } else {
      // Strip the conversion to the view type to see what was written.
      const Expr* X = E;
      while (true) {
        X = X->IgnoreParenImpCasts();
        if (const auto* EWC = dyn_cast<ExprWithCleanups>(X)) { X = EWC->getSubExpr(); continue; }
        if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(X)) { X = BT->getSubExpr(); continue; }
        if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(X)) { X = MT->getSubExpr(); continue; }
        if (const auto* CE = dyn_cast<CXXConstructExpr>(X);
            CE && !isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() == 1 &&
            CE->getType().getCanonicalType().getUnqualifiedType() == RT.getCanonicalType().getUnqualifiedType()) {
          X = CE->getArg(0);
          continue;
        }
        if (const auto* MC = dyn_cast<CXXMemberCallExpr>(X); MC && isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl())) {
          X = MC->getImplicitObjectArgument();
          continue;
        }
        break;
      }
      QualType XT = X->getType().getCanonicalType().getUnqualifiedType();
      if (const auto* IL = dyn_cast<InitListExpr>(X)) {
        if (IL->getNumInits() != 0) return;
        continue;  // `return {};` is an empty string/vector too
      }
      if (const auto* CE = dyn_cast<CXXConstructExpr>(X);
          CE && CE->getNumArgs() == 0 && CE->isListInitialization() && !isa<CXXTemporaryObjectExpr>(CE))
        continue;
      if (toString) {
        if (model::isStdString(XT) && XT == valueType.getCanonicalType()) continue;
        if (isa<StringLiteral>(X->IgnoreParens())) continue;
        if (XT->isPointerType() && XT->getPointeeType()->isCharType()) continue;
        if (XT == RT.getCanonicalType().getUnqualifiedType()) {
          // A view returned as such: std::string's constructor from a view is explicit.
          auto s = a.span(X->getSourceRange());
          if (!s) return;
          edits.push_back(edit(a.t, s->first, s->first, "std::string("));
          edits.push_back(edit(a.t, s->second, s->second, ")"));
          continue;
        }
        return;
      }
      // span -> vector: only vectors of the span's element type are returned.
      if (!isStdRecordNamed(XT, "vector") || firstTypeArg(XT).getCanonicalType() != valueType.getCanonicalType())
        return;
      const auto* S = dyn_cast<ClassTemplateSpecializationDecl>(XT->getAsCXXRecordDecl());
      if (!S || S->getTemplateArgs().size() != 2 ||
          !isStdRecordNamed(S->getTemplateArgs()[1].getAsType(), "allocator"))
        return;
    }
  }

  // The callers must be fine with a value, and every declaration is changed.
  RefCollector refs;
  for (const FunctionDecl* R : F->redecls()) refs.decls.insert(R->getCanonicalDecl());
  refs.TraverseDecl(a.ctx.getTranslationUnitDecl());
  if (refs.unresolved) return;
  for (const Expr* ref : refs.refs) {
    if (kind == Shape::Ptr) return;  // `p->x` and friends: callers of a pointer cannot take a value
    const CallExpr* call = callOf(a, ref);
    if (!call) return;
    bool ok = kind == Shape::Ref ? callStillValidAsValue(a, call)
                          : callStillValidAsOwner(a, call, RT, toString, enclosingFunction(a, call));
    if (!ok) return;
  }
  std::vector<TextEdit> typeEdits;
  for (const FunctionDecl* R : F->redecls()) {
    // The return type loc itself: getReturnTypeSourceRange() gives up on trailing
    // return types (`auto f() -> const T&`, lambdas).
    FunctionTypeLoc rftl = R->getFunctionTypeLoc();
    if (!rftl) return;
    auto s = a.span(rftl.getReturnLoc().getSourceRange());
    if (!s) return;
    unsigned b = widenOverQualifiers(a.t, s->first);
    std::string text = newType;
    if (s->second < a.t.buf.size() && isIdentChar(a.t.buf[s->second])) text += " ";
    typeEdits.push_back(edit(a.t, b, s->second, text));
  }
  Fix f;
  f.title = "return `" + newType + "` by value";
  f.preferred = true;
  f.edits = std::move(typeEdits);
  for (TextEdit& e : edits) f.edits.push_back(std::move(e));
  std::sort(f.edits.begin(), f.edits.end(),
            [](const TextEdit& x, const TextEdit& y) { return x.range.begin.offset < y.range.begin.offset; });
  d.fixes.push_back(std::move(f));
}

// `const T& r = v[0];` -> `T r = v[0];`: the borrow the mutation conflicts with becomes
// an owned copy. Offered only when the dataflow shows that this one variable holds
// every conflicting borrow (else the diagnostic would stay).
void fixMutateWhileBorrowed(const AstCtx& a, Diag& d) {
  using namespace clang;
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (!fr) return;
  const LoweredFunction& fn = *fr->lowered;
  SourceConv conv(a.sm);
  Liveness live(fn);
  std::set<unsigned> holders;
  bool found = false;
  for (const CFGBlock* B : *fn.cfg) {
    unsigned id = B->getBlockID();
    if (id >= fr->dataflow.blockEntry.size() || !fr->dataflow.blockEntry[id].reached) continue;
    State st = fr->dataflow.blockEntry[id];
    const auto& facts = fn.blockFacts[id];
    for (unsigned i = 0; i < facts.size(); ++i) {
      const Fact& f = facts[i];
      if (f.kind == FactKind::Mutate && f.inval != model::Invalidation::None &&
          conv.range(f.range).begin.offset == d.range.begin.offset) {
        found = true;
        const Place& mp = fn.places[f.place.index];
        for (unsigned l = 0; l < fn.loans.size(); ++l) {
          const Loan& L = fn.loans[l];
          if (L.external || !overlaps(fn.places[L.place.index], mp)) continue;
          if (f.inval == model::Invalidation::IteratorsOnly && !L.iterator) continue;
          for (unsigned v : live.liveAfter(id, i).set_bits())
            if (st.loans[v].test(l) && !(fn.vars[v].implicit && !fn.vars[v].origin)) holders.insert(v);
        }
      }
      transfer(fn, st, f);
    }
  }
  if (!found || holders.size() != 1) return;
  const VarInfo& h = fn.vars[*holders.begin()];
  const auto* VD = dyn_cast_or_null<VarDecl>(h.decl);
  if (!VD || isa<ParmVarDecl>(VD) || VD->isImplicit() || !VD->hasLocalStorage() || !VD->getInit()) return;
  if (!VD->getType()->isLValueReferenceType() || !VD->getTypeSourceInfo()) return;
  auto ps = a.ctx.getParents(*VD);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl()) return;
  auto parentsOfDS = a.ctx.getParents(*DS);
  if (parentsOfDS.size() == 1 && parentsOfDS[0].get<CXXForRangeStmt>()) return;  // the loop variable
  QualType P = VD->getType().getNonReferenceType();
  QualType T = P.getUnqualifiedType();
  if (model::holdsBorrows(T) || !copyable(T)) return;
  if (!P.isConstQualified()) {
    // Through a non-const reference the code might write to the element; a copy
    // would silently take those writes. Only plain reads of scalars are copied.
    if (!T->isScalarType()) return;
    RefCollector refs;
    refs.decls.insert(VD->getCanonicalDecl());
    refs.TraverseStmt(const_cast<Stmt*>(fn.fn->getBody()));
    for (const Expr* r : refs.refs) {
      auto rp = a.ctx.getParents(*r);
      const auto* ICE = rp.size() == 1 ? rp[0].get<ImplicitCastExpr>() : nullptr;
      if (!ICE || ICE->getCastKind() != CK_LValueToRValue) return;
    }
  }
  auto rl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<ReferenceTypeLoc>();
  if (!rl) return;
  TypeLoc pointee = rl.getPointeeLoc();
  if (auto ql = pointee.getAs<QualifiedTypeLoc>()) pointee = ql.getUnqualifiedLoc();
  auto txt = a.text(pointee.getSourceRange());
  auto whole = a.span(rl.getSourceRange());
  if (!txt || txt->empty() || !whole) return;
  unsigned b = widenOverQualifiers(a.t, whole->first);
  std::string text = *txt;
  if (whole->second < a.t.buf.size() && isIdentChar(a.t.buf[whole->second])) text += " ";
  Fix f;
  f.title = "copy the element into `" + h.name + "` before the mutation instead of borrowing it";
  f.preferred = true;
  f.edits.push_back(edit(a.t, b, whole->second, text));
  d.fixes.push_back(std::move(f));
}

// `T* p = new T(...);` -> `std::unique_ptr<T> p(new T(...));`, its `delete p;` becoming
// `p.reset();`. Only when every other use of `p` reads through it (`*p`, `p->m`, a
// null test): a raw pointer passed on, returned or reassigned is left alone.
void fixLeakUniquePtr(const AstCtx& a, Diag& d) {
  using namespace clang;
  if (d.message.find("goes out of scope") == std::string::npos &&
      d.message.find("exception leaves") == std::string::npos)
    return;
  std::string var = varFromMessage(d.message);
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (var.empty() || !fr || !a.stdTemplateDefined("unique_ptr")) return;
  const LoweredFunction& fn = *fr->lowered;
  SourceConv conv(a.sm);
  const VarDecl* VD = nullptr;
  for (const VarInfo& v : fn.vars)
    if (v.name == var && (v.owner == OwnerKind::AnnotatedRaw || v.owner == OwnerKind::InferredRaw) && !v.isParam &&
        !v.isField && conv.range(v.decl->getSourceRange()).begin.offset == d.range.begin.offset)
      VD = dyn_cast<VarDecl>(v.decl);
  if (!VD || !VD->hasLocalStorage() || !VD->getType()->isPointerType() || !VD->getTypeSourceInfo()) return;
  const auto* NE = VD->getInit() ? dyn_cast<CXXNewExpr>(VD->getInit()->IgnoreParenImpCasts()) : nullptr;
  if (!NE || NE->isArray() || NE->getNumPlacementArgs() != 0 || !NE->getAllocatedTypeSourceInfo()) return;
  QualType pointee = VD->getType()->getPointeeType();
  if (pointee.getCanonicalType().getUnqualifiedType() != NE->getAllocatedType().getCanonicalType().getUnqualifiedType())
    return;
  if (const auto* RD = pointee->getAsCXXRecordDecl(); RD && (!RD->hasDefinition() || RD->isAbstract())) return;
  auto ps = a.ctx.getParents(*VD);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl()) return;

  // The element type as written (the allocated type when the declaration says `auto`).
  std::optional<std::string> elem;
  if (VD->getType()->getContainedAutoType()) {
    elem = a.text(NE->getAllocatedTypeSourceInfo()->getTypeLoc().getSourceRange());
  } else if (auto pl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<PointerTypeLoc>()) {
    if (auto s = a.span(pl.getPointeeLoc().getSourceRange())) {
      unsigned b = widenOverQualifiers(a.t, s->first);
      elem = a.t.buf.substr(b, s->second - b).str();
    }
  }
  auto init = a.text(NE->getSourceRange());
  auto declSpan = a.span(DS->getSourceRange());
  auto varSpan = a.span(VD->getSourceRange());
  if (!elem || elem->empty() || !init || !declSpan || !varSpan) return;
  // Only attributes ([[owner]]) may precede the declaration; they go with it.
  llvm::StringRef lead = a.t.buf.substr(declSpan->first, varSpan->first - declSpan->first);
  while (!(lead = lead.ltrim()).empty()) {
    if (!lead.starts_with("[[")) return;
    size_t close = lead.find("]]");
    if (close == llvm::StringRef::npos) return;
    lead = lead.drop_front(close + 2);
  }

  Fix f;
  f.title = "wrap `" + var + "` in a std::unique_ptr";
  f.edits.push_back(edit(a.t, declSpan->first, varSpan->second,
                         "std::unique_ptr<" + *elem + "> " + var + "(" + *init + ")"));
  RefCollector refs;
  refs.decls.insert(VD->getCanonicalDecl());
  refs.TraverseStmt(const_cast<Stmt*>(fn.fn->getBody()));
  for (const Expr* r : refs.refs) {
    const auto* DR = dyn_cast<DeclRefExpr>(r);
    if (!DR || DR->refersToEnclosingVariableOrCapture()) return;
    auto rp = a.ctx.getParents(*r);
    const auto* ICE = rp.size() == 1 ? rp[0].get<ImplicitCastExpr>() : nullptr;
    if (!ICE || ICE->getCastKind() != CK_LValueToRValue) return;
    const Expr* E = ICE;
    auto gp = a.ctx.getParents(*E);
    while (gp.size() == 1 && gp[0].get<ParenExpr>()) {
      E = gp[0].get<ParenExpr>();
      gp = a.ctx.getParents(*E);
    }
    if (gp.size() != 1) return;
    if (const auto* UO = gp[0].get<UnaryOperator>(); UO && UO->getOpcode() == UO_Deref) continue;
    if (const auto* ME = gp[0].get<MemberExpr>(); ME && ME->isArrow()) continue;
    if (const auto* BO = gp[0].get<BinaryOperator>(); BO && BO->isEqualityOp()) {
      const Expr* other = BO->getLHS()->IgnoreParenImpCasts() == DR ? BO->getRHS() : BO->getLHS();
      if (other->IgnoreParenImpCasts()->isNullPointerConstant(a.ctx, Expr::NPC_ValueDependentIsNotNull) !=
          Expr::NPCK_NotNull)
        continue;
      return;
    }
    if (const auto* B2 = gp[0].get<ImplicitCastExpr>(); B2 && B2->getCastKind() == CK_PointerToBoolean) {
      // Contextual conversions only: unique_ptr's operator bool is explicit.
      auto bp = a.ctx.getParents(*B2);
      if (bp.size() != 1) return;
      const Expr* cond = B2;
      bool ok = false;
      if (const auto* IS = bp[0].get<IfStmt>()) ok = IS->getCond() == cond;
      else if (const auto* WS = bp[0].get<WhileStmt>()) ok = WS->getCond() == cond;
      else if (const auto* FS = bp[0].get<ForStmt>()) ok = FS->getCond() == cond;
      else if (const auto* DS2 = bp[0].get<DoStmt>()) ok = DS2->getCond() == cond;
      else if (const auto* U = bp[0].get<UnaryOperator>()) ok = U->getOpcode() == UO_LNot;
      else if (const auto* L = bp[0].get<BinaryOperator>()) ok = L->isLogicalOp();
      else if (const auto* CO = bp[0].get<ConditionalOperator>()) ok = CO->getCond() == cond;
      if (!ok) return;
      continue;
    }
    if (const auto* DE = gp[0].get<CXXDeleteExpr>(); DE && !DE->isArrayForm()) {
      auto s = a.span(DE->getSourceRange());
      if (!s) return;
      f.edits.push_back(edit(a.t, s->first, s->second, var + ".reset()"));
      continue;
    }
    return;
  }
  std::sort(f.edits.begin(), f.edits.end(),
            [](const TextEdit& x, const TextEdit& y) { return x.range.begin.offset < y.range.begin.offset; });
  d.fixes.push_back(std::move(f));
}

}  // namespace

void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags, const std::vector<FunctionResult>& functions) {
  const clang::SourceManager& sm = ctx.getSourceManager();
  Text t;
  t.buf = sm.getBufferData(sm.getMainFileID());
  if (auto fe = sm.getFileEntryRefForID(sm.getMainFileID())) t.file = fe->getName().str();
  AstCtx a{ctx, sm, t, functions};
  for (Diag& d : diags) {
    if (d.range.file != t.file || d.range.begin.offset >= t.buf.size()) continue;
    switch (d.code) {
      case Code::UseAfterMove: fixUseAfterMove(t, d); break;
      case Code::DoubleRelease: fixRelease(t, d); break;
      case Code::UseAfterRelease: fixUseAfterRelease(t, d); break;
      case Code::Leak:
        fixLeak(t, d);
        fixLeakUniquePtr(a, d);
        break;
      case Code::InvalidAnnotation: fixInvalidAnnotation(t, d); break;
      case Code::Dangling: fixDangling(t, d); break;
      case Code::MissingLifetime: fixMissingLifetime(t, d); break;
      case Code::ReturnLocalBorrow: fixReturnLocalBorrow(a, d); break;
      case Code::MutateWhileBorrowed: fixMutateWhileBorrowed(a, d); break;
      default: break;
    }
  }
}

}  // namespace ownership

// Text and AST helpers shared by the quick-fixes of analysis/checks/.
#include "analysis/checks/FixText.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include <algorithm>
#include <cctype>

namespace ownership::checks {

Pos Text::posAt(unsigned off) const {
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

unsigned Text::lineStart(unsigned off) const {
  while (off > 0 && buf[off - 1] != '\n') --off;
  return off;
}

unsigned Text::lineEnd(unsigned off) const {
  while (off < buf.size() && buf[off] != '\n') ++off;
  return off;
}

std::string Text::indentOf(unsigned off) const {
  unsigned s = lineStart(off), e = s;
  while (e < buf.size() && (buf[e] == ' ' || buf[e] == '\t')) ++e;
  return buf.substr(s, e - s).str();
}

bool Text::statementAt(unsigned off, unsigned& end) const {
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

TextEdit edit(const Text& t, unsigned b, unsigned e, std::string text) { return TextEdit{t.range(b, e), std::move(text)}; }

// Removes the whole line of a statement when it stands alone on it.
TextEdit removeStatement(const Text& t, unsigned b, unsigned e) {
  unsigned ls = t.lineStart(b), le = t.lineEnd(e);
  bool alone = t.buf.substr(ls, b - ls).trim().empty() && t.buf.substr(e, le - e).trim().empty();
  if (alone) return edit(t, ls, le < t.buf.size() ? le + 1 : le, "");
  return edit(t, b, e, "");
}

std::optional<std::pair<unsigned, unsigned>> FixContext::span(clang::SourceRange r) const {
  clang::SourceLocation b = r.getBegin(), e = r.getEnd();
  if (b.isInvalid() || e.isInvalid() || !b.isFileID() || !e.isFileID()) return std::nullopt;
  if (!sm.isInMainFile(b) || !sm.isInMainFile(e)) return std::nullopt;
  unsigned bo = sm.getFileOffset(b);
  unsigned eo = sm.getFileOffset(e) + clang::Lexer::MeasureTokenLength(e, sm, ctx.getLangOpts());
  if (eo < bo || eo > t.buf.size()) return std::nullopt;
  return std::make_pair(bo, eo);
}

std::optional<std::string> FixContext::text(clang::SourceRange r) const {
  auto s = span(r);
  if (!s) return std::nullopt;
  return t.buf.substr(s->first, s->second - s->first).str();
}

const FunctionResult* FixContext::functionAt(unsigned offset) const {
  const FunctionResult* best = nullptr;
  for (const FunctionResult& f : functions)
    if (f.lowered && offset >= f.beginOffset && offset <= f.endOffset &&
        (!best || f.endOffset - f.beginOffset < best->endOffset - best->beginOffset))
      best = &f;
  return best;
}

clang::DynTypedNode FixContext::parent(const clang::Expr*& E) const {
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

const clang::NamedDecl* FixContext::stdDecl(llvm::StringRef name) const {
  for (const clang::NamedDecl* N : ctx.getTranslationUnitDecl()->lookup(&ctx.Idents.get("std"))) {
    const auto* NS = llvm::dyn_cast<clang::NamespaceDecl>(N);
    if (!NS) continue;
    for (const clang::NamedDecl* D : NS->lookup(&ctx.Idents.get(name))) return D;
  }
  return nullptr;
}

bool FixContext::stdTemplateDefined(llvm::StringRef name) const {
  const auto* CT = llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(stdDecl(name));
  return CT && CT->getTemplatedDecl()->hasDefinition();
}

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

namespace {
bool publicUsable(const clang::CXXMethodDecl* M) {
  return M && !M->isDeleted() && M->getAccess() != clang::AS_private && M->getAccess() != clang::AS_protected;
}

}  // namespace

// A value of type T can be copy-initialised from a const lvalue of T (or, with
// `fromLocal`, from a local named in a return statement, which is moved).
bool copyable(clang::QualType T, bool fromLocal) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T.isNull() || T->isDependentType() || T->isIncompleteType() || T->isArrayType() || T->isFunctionType() ||
      T->isVoidType())
    return false;
  const clang::CXXRecordDecl* RD = T->getAsCXXRecordDecl();
  if (!RD) return T->isScalarType();
  if (!RD->hasDefinition()) {
    // A library specialization only named, never needed complete (`std::less<int>` in a map's
    // arguments: the library's bodies that would complete it are not parsed, ParsedFile.cpp):
    // judge it by its template's definition.
    const auto* S = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD);
    const clang::CXXRecordDecl* pattern = S && S->isInStdNamespace() && S->getSpecializedTemplate()
                                              ? S->getSpecializedTemplate()->getTemplatedDecl()
                                              : nullptr;
    if (!pattern || !pattern->hasDefinition()) return false;
    RD = pattern->getDefinition();
  }
  if (RD->isAbstract()) return false;
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

void sortEdits(Fix& f) {
  std::sort(f.edits.begin(), f.edits.end(),
            [](const TextEdit& x, const TextEdit& y) { return x.range.begin.offset < y.range.begin.offset; });
}

}  // namespace ownership::checks

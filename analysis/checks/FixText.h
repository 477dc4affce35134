// Shared by the quick-fixes of analysis/checks/: the main file's text with offset ->
// line/column conversion and statement/line helpers, edits, and the AST queries that
// fixes changing a type need (spans of written code, copyability, references to a decl).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <llvm/ADT/SmallPtrSet.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"

namespace ownership::checks {

// The main file's text.
struct Text {
  llvm::StringRef buf;
  std::string file;

  Pos posAt(unsigned off) const;
  Range range(unsigned b, unsigned e) const { return Range{file, posAt(b), posAt(e)}; }
  unsigned lineStart(unsigned off) const;
  unsigned lineEnd(unsigned off) const;
  std::string indentOf(unsigned off) const;
  // The statement starting at `off`, up to and including its ';' (same line).
  bool statementAt(unsigned off, unsigned& end) const;
};

TextEdit edit(const Text& t, unsigned b, unsigned e, std::string text);
// Removes the whole line of a statement when it stands alone on it.
TextEdit removeStatement(const Text& t, unsigned b, unsigned e);

// What a fix may look at: the text, the AST and the analysed functions.
struct FixContext {
  clang::ASTContext& ctx;
  const clang::SourceManager& sm;
  const Text& t;
  const std::vector<FunctionResult>& functions;

  // [begin, end) of a token range in the main file, outside macros.
  std::optional<std::pair<unsigned, unsigned>> span(clang::SourceRange r) const;
  std::optional<std::string> text(clang::SourceRange r) const;
  // The innermost analysed function whose extent holds `offset`.
  const FunctionResult* functionAt(unsigned offset) const;
  // The parent of E, looking through wrappers that do not change how a value is used.
  clang::DynTypedNode parent(const clang::Expr*& E) const;
  // A class or typedef declared directly in namespace std, if any.
  const clang::NamedDecl* stdDecl(llvm::StringRef name) const;
  // Whether `std::<name>` names a defined class template here (its header is included).
  bool stdTemplateDefined(llvm::StringRef name) const;
};

bool isIdentChar(char c);
// Type source ranges leave out leading cv-qualifiers: widen over `const`/`volatile`.
unsigned widenOverQualifiers(const Text& t, unsigned b);
// A value of type T can be copy-initialised from a const lvalue of T (or, with
// `fromLocal`, from a local named in a return statement, which is moved).
bool copyable(clang::QualType T, bool fromLocal = false);
// Sorts a fix's edits by position.
void sortEdits(Fix& f);

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

}  // namespace ownership::checks

// Shared by the quick-fixes of analysis/checks/: finding the AST nodes a diagnostic's
// ranges point at (the expression, the statement holding it, the declaration it names)
// and writing types as the user would.
#pragma once
#include <optional>
#include <string>
#include <utility>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/Stmt.h>

#include "analysis/checks/FixText.h"

namespace ownership::checks {

// The outermost expression of the analysed function around `r` whose written span is
// exactly `r` (implicit wrappers skipped); null when none (a macro, another file).
const clang::Expr* exprAt(const FixContext& a, const Range& r);
// The innermost expression whose span holds [b, e) and is an instance of T.
template <class T>
const T* enclosingAt(const FixContext& a, unsigned b, unsigned e);

// A statement standing in a `{ ... }` block: the statement and its span, ';' included.
struct BlockStmt {
  const clang::Stmt* stmt = nullptr;
  const clang::CompoundStmt* block = nullptr;
  unsigned begin = 0, end = 0;
};
// The statement of a block that holds `node` (an expression or a statement), if it stands
// directly in a block (not the body of an unbraced `if`, or a `for` header).
std::optional<BlockStmt> blockStatementOf(const FixContext& a, const clang::DynTypedNode& node);
std::optional<BlockStmt> blockStatementOf(const FixContext& a, const clang::Stmt* s);

// The variable an expression names through parentheses and implicit casts, if any.
const clang::VarDecl* namedVar(const clang::Expr* E);
// `std::move(x)` as written: the call and its argument, or null.
const clang::CallExpr* asStdMove(const clang::Expr* E);
// The type as users write it: `std::string`, `std::vector<int>`, no `struct`, no library
// internals; empty when it cannot be written from here (a lambda, a local class).
std::string writtenType(const clang::ASTContext& ctx, clang::QualType T);
// Whether `T` can be default-constructed by `T()` (class with a usable default
// constructor, or not a class).
bool defaultConstructible(clang::QualType T);

// ---- template definition
const clang::Expr* innermostExprIn(const FixContext& a, unsigned b, unsigned e,
                                   bool (*pred)(const clang::Expr*));
template <class T>
const T* enclosingAt(const FixContext& a, unsigned b, unsigned e) {
  return llvm::cast_or_null<T>(innermostExprIn(a, b, e, [](const clang::Expr* E) { return llvm::isa<T>(E); }));
}

}  // namespace ownership::checks

namespace ownership::checks {
// copyable(T), and for std class templates (containers, optional, pair...) every type
// argument deep-copyable too: `std::vector<std::unique_ptr<T>>` declares a copy
// constructor that does not compile.
bool deepCopyable(clang::QualType T);
// The text of an expression as written, or empty (macros, other files).
std::string exprText(const FixContext& a, const clang::Expr* E);
}  // namespace ownership::checks

namespace ownership::checks {
// The variable whose initialiser holds the expression written at `r` (through
// parentheses, casts and constructor calls), or null.
const clang::VarDecl* varInitialisedAt(const FixContext& a, const Range& r);
// The offset of the `&` of a reference variable's written type (`const T& x`, `auto& x`),
// or nullopt when the type is not written as a reference outside macros.
std::optional<unsigned> referenceSigil(const FixContext& a, const clang::VarDecl* V);
}  // namespace ownership::checks

namespace ownership::checks {
// The block statement holding the expression written at `offset` (its innermost one).
std::optional<BlockStmt> blockStatementAt(const FixContext& a, unsigned offset);
// `base`, or `base2`, `base3`...: a name not written anywhere in the function at `offset`.
std::string freshName(const FixContext& a, unsigned offset, const std::string& base);
}  // namespace ownership::checks

namespace ownership::checks {
// The first reference (a DeclRefExpr or MemberExpr) written in [b, e) to a declaration
// named `name`, or null.
const clang::Expr* referenceIn(const FixContext& a, unsigned b, unsigned e, llvm::StringRef name);
const clang::ValueDecl* referencedDecl(const clang::Expr* E);
// An expression giving a fresh value of T as users write it: `std::make_unique<W>()`,
// `T()`, `new W()` for an owning raw pointer; empty when there is none.
std::string freshValue(const clang::ASTContext& ctx, clang::QualType T);
}  // namespace ownership::checks

namespace ownership::checks {
// The use is `return E;` in the block of the statement at `eventOffset` (a move, a
// release), after it: `auto value = E;` before that statement and `return value;`.
bool readBeforeEvent(const FixContext& a, Diag& d, unsigned eventOffset, const std::string& title);
}  // namespace ownership::checks

// What the fixes that move a declaration, change a holder's type, name a temporary or
// insert a statement share (dangling, mutate-while-borrowed, leak, return-local-borrow):
// finding the nodes a FixInput range points at, the block statement around a node,
// fresh names, type spellings, lines inserted next to a statement, a missing #include.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/AST/Stmt.h>

#include "analysis/checks/FixText.h"

namespace ownership::checks::fixkit {

// The analysed function (its definition) whose extent holds `offset`, or null.
const clang::FunctionDecl* functionAround(const FixContext& a, unsigned offset);

// A variable of F (a parameter or one declared in its body, lambdas' included) whose
// declaration's written span begins at `offset`.
const clang::VarDecl* varDeclAt(const FixContext& a, const clang::FunctionDecl* F, unsigned offset);
// The outermost expression of F's body whose written span is exactly [b, e) and that
// `pred` accepts (all when empty).
const clang::Expr* exprAt(const FixContext& a, const clang::FunctionDecl* F, unsigned b, unsigned e,
                          const std::function<bool(const clang::Expr*)>& pred = {});

// The one parent of a node, or an empty node.
clang::DynTypedNode parentOf(const FixContext& a, const clang::DynTypedNode& n);

// A statement standing directly in a `{ ... }` block.
struct InBlock {
  const clang::Stmt* stmt = nullptr;
  const clang::CompoundStmt* block = nullptr;
};
// The block statement holding `n`: the statement itself, or the declaration or expression
// statement whose unconditionally evaluated part holds it (not inside `?:`, the right side
// of `&&`/`||`, a lambda, or a nested statement).
std::optional<InBlock> blockStatementOf(const FixContext& a, const clang::DynTypedNode& n);
// The block a statement stands in directly, if any.
const clang::CompoundStmt* blockOf(const FixContext& a, const clang::Stmt* s);

// Written span [begin, end) of a node in the main file outside macros; a statement's end
// includes its ';' (declarations and expression statements).
std::optional<std::pair<unsigned, unsigned>> stmtSpan(const FixContext& a, const clang::Stmt* s);

// Inserts `text` as a line of its own before the statement beginning at `b` (indented like
// it) or, when code precedes it on its line, just before it.
TextEdit insertBefore(const Text& t, unsigned b, const std::string& text);
// Inserts `text` after the statement ending at `e` (its ';' or '}' included): as a line of its
// own when only blanks or a comment follow on the line, else right after it.
TextEdit insertAfter(const Text& t, unsigned stmtBegin, unsigned e, const std::string& text);

// `base`, or `base2`, `base3`... : a name that does not occur as a word in [b, e) of the text.
std::string freshName(const Text& t, unsigned b, unsigned e, const std::string& base);
// Whether `name` occurs as a whole word in [b, e) of the text.
bool occursAsWord(const Text& t, unsigned b, unsigned e, llvm::StringRef name);

// The type as a user writes it (`std::string`, `std::vector<int>`, `Slot`), or empty when it
// cannot be named outside its scope (lambdas, local or unnamed classes, dependent types).
std::string spellType(const clang::ASTContext& ctx, clang::QualType T);

// An `#include <header>` line after the main file's last top-level #include, when
// `std::<name>` is not defined yet; nullopt when it is, `ok` false when it cannot be placed.
std::optional<TextEdit> includeFor(const FixContext& a, llvm::StringRef name, llvm::StringRef header, bool& ok);

// Every reference to V in `s` (DeclRefExprs), in source order.
std::vector<const clang::DeclRefExpr*> refsTo(const clang::Stmt* s, const clang::ValueDecl* V);

// The expression seen through parentheses, implicit casts, temporaries and cleanups.
const clang::Expr* bare(const clang::Expr* E);
// The written expression a temporary is made from (`MakeName(7)` for its materialisation).
const clang::Expr* temporarySource(const clang::Expr* E);

// Whether `E` reads only what is visible before `before` (no variable declared at or after
// it, no lambda) and can be evaluated again with the same meaning: names, literals,
// member accesses, arithmetic, and calls of accessors (const members, begin/end/data/find...,
// std::next/prev/begin/end).
bool reevaluable(const FixContext& a, const clang::Expr* E, unsigned before);

// Whether `T` is `std::string` (basic_string<char>) / `std::string_view` / a `std::span`.
bool isStdNamed(clang::QualType T, llvm::StringRef name);

// The parameter argument `arg` of a call or construction `P` is bound to; null when unknown
// (variadic, indirect, a template, the object of a member operator).
const clang::ParmVarDecl* paramOfArg(const clang::Stmt* P, const clang::Expr* arg);

// `const T& r = e;` -> `T r = e;`: the edit making reference variable VD of F a copy, or
// nullopt when the copy would not compile or could change what the code does (a range-for
// variable, a type holding borrows, writes through a non-const reference).
std::optional<TextEdit> referenceToValue(const FixContext& a, const clang::FunctionDecl* F, const clang::VarDecl* VD);

// A view variable H of F made an owner (`std::string_view` -> `std::string` when `toString`,
// `std::span<T>` -> `std::vector<T>`): whether every use of H still compiles, means the same
// and keeps no borrow of H beyond its scope (member calls both have, arguments to view
// parameters, comparisons, indexing, iteration, assignment; never a return).
bool viewUsesSurviveOwner(const FixContext& a, const clang::FunctionDecl* F, const clang::VarDecl* H, bool toString);

// For `std::string_view h` / `std::span<T> h` of F: the edits declaring it as the owner
// (`std::string h(init)`, `std::vector<T> h = init`), and the owner's spelling; nullopt when
// the shape or the uses do not allow it.
struct OwnerRetype {
  std::vector<TextEdit> edits;
  std::string owner;
};
std::optional<OwnerRetype> viewToOwner(const FixContext& a, const clang::FunctionDecl* F, const clang::VarDecl* H);

// Whether every use of `V` in `S` only reads it (what a copy captured by a non-mutable lambda,
// which is const, still allows).
bool onlyReadIn(const FixContext& a, const clang::Stmt* S, const clang::ValueDecl* V);
// The edit capturing `V` by copy in lambda `L` (`[&v]` -> `[v]`, `[&]` -> `[&, v]`), when V
// is a copyable non-reference variable the lambda only reads; empty otherwise.
std::vector<TextEdit> captureByCopy(const FixContext& a, const clang::LambdaExpr* L, const clang::VarDecl* V);

}  // namespace ownership::checks::fixkit

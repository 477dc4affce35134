// What the cursor points at, for hover and document highlights: a name, an attribute, an
// operation on a variable (`&x`, `*p`, `delete p`, `std::move(x)`), a temporary or a lambda.
#pragma once
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>

namespace ownership::hover {

struct Target {
  enum class Kind {
    None,
    Attribute,  // attr, written on decl
    Name,       // decl named here (variable, member, function, constructor); expr: the call when it is a callee
    Operation,  // decl: the variable operated on (null when none); expr: the operation
    Temporary,  // expr: the expression making the temporary
    Lambda,     // expr: the LambdaExpr; decl: the variable it initialises, if any
  };
  Kind kind = Kind::None;
  const clang::Decl* decl = nullptr;
  const clang::Attr* attr = nullptr;
  const clang::Expr* expr = nullptr;
  // The temporary `expr` makes, when its value is materialised (`make_title()` bound to a view).
  const clang::MaterializeTemporaryExpr* temporary = nullptr;
  clang::SourceRange range;  // the code the answer is about
  explicit operator bool() const { return kind != Kind::None; }
};

// The innermost thing at `offset` (a byte offset in the main file) under `root`; with a null
// root, under every declaration of the main file. Names win over the expressions that
// contain them, attributes over both.
Target findTarget(clang::ASTContext& ctx, const clang::Decl* root, unsigned offset);

// The variable an expression is about: the first one it names (`table` in `&table.at(k)`),
// a `this->member`'s member; null when it names none.
const clang::ValueDecl* principalVariable(const clang::Expr* E);

}  // namespace ownership::hover

// Pure AST-shape helpers of the lowering: seeing through casts, null literals, lvalue shapes.
#pragma once
#include <string>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <llvm/ADT/SmallVector.h>

#include "analysis/model/OwnershipModel.h"

namespace ownership::lowering {

// Strips parentheses, cleanups, value-preserving implicit casts and temporaries that are
// not lifetime-extended; stops at a user-defined conversion.
const clang::Expr* strip(const clang::Expr* E);
// Strips casts that keep the same object (also explicit static_cast/C casts between
// pointers), used to see the variable behind `static_cast<char*>(p)`.
const clang::Expr* stripCasts(const clang::Expr* E);
// nullptr, NULL, 0, `T*()` and the like, seen through casts and default arguments.
bool isNullLiteral(const clang::Expr* E, clang::ASTContext& ctx);
// The family of the object a member is called on, seen through derived-to-base casts.
model::Family objectFamily(const clang::Expr* object);
// Whether an lvalue names storage directly (a variable, its fields, its elements)
// rather than through a local reference or a pointer.
bool isDirectLvalue(const clang::Expr* E);
// `this->f` (seen through parentheses and implicit casts of `this`): the MemberExpr, else null.
const clang::MemberExpr* thisMember(const clang::Expr* E);
// The storage an assignment to `lhs` writes that outlives the call: what a reference
// parameter refers to, a global or static, a data member of `*this`; else null.
const clang::ValueDecl* outlivingTarget(const clang::Expr* lhs);
// The destructor-carrying temporary a MaterializeTemporaryExpr holds (seen through
// parentheses and casts), or null when the temporary has no destructor.
const clang::CXXBindTemporaryExpr* boundTemporary(const clang::MaterializeTemporaryExpr* MT);
// The source text of E as written (to name it in a message).
std::string sourceText(const clang::Expr* E, const clang::ASTContext& ctx);
// The key of a keyed element access or erase of a map or set (`m[k]`, `m.at(k)`,
// `m.find(k)`, `m.erase(k)`) as written, seen through implicit conversions (`"a"` for a
// std::string key); empty for any other call, or a key written by a macro.
std::string elementKey(const clang::CXXMethodDecl* M, model::Family objectFamily,
                       llvm::ArrayRef<const clang::Expr*> args, const clang::ASTContext& ctx);

// A call split into the object it is called on and the remaining arguments. Member calls
// (`o.f(a)`) and operator calls whose operator is a non-static member (`o[a]`, `a = b`)
// have an object; free functions, static members and free operators do not.
struct CallParts {
  bool onObject = false;  // a member call, or an operator call with an implicit object
  const clang::Expr* object = nullptr;  // may be null for a member call (pointer to member)
  llvm::SmallVector<const clang::Expr*, 4> args;
};
CallParts splitCall(const clang::CallExpr* C);

}  // namespace ownership::lowering

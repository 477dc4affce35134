// Pure AST-shape helpers of the lowering: seeing through casts, null literals, lvalue shapes.
#pragma once
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>

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

}  // namespace ownership::lowering

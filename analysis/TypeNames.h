// Types as the user writes them (`std::unique_ptr<Widget>`, `std::string`), for hover and messages.
#pragma once
#include <string>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/Type.h>

namespace ownership {

// T as a user would write it: a deduced `auto` resolved, library-internal aliases
// (`std::__detail::__unique_ptr_t<T>`, names in `__`-prefixed namespaces) replaced by the
// specialisation they name, default template arguments and tag keywords left out, std's
// aliases (`std::string`, `std::string_view`, ...) used for their specialisations.
std::string userTypeName(clang::QualType T, const clang::ASTContext& ctx);
// The declared type of D, as above.
std::string userTypeName(const clang::ValueDecl* D);
// Whether a printed type shows identifiers reserved to the implementation (`__x`, `_Tp`).
bool showsLibraryInternals(const std::string& printed);

}  // namespace ownership

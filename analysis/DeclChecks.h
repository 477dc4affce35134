// Checks on declarations rather than on control flow: misplaced annotations, the
// missing-lifetime hint of ambiguous elision, [[owner]] members a class never
// releases, and discarded results of [[owner]] functions.
#pragma once
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"

namespace ownership {

// Checks one declaration (called for every declaration in the main file).
void checkDecl(clang::ASTContext& ctx, const clang::Decl* D, std::vector<Diag>& out);
// Checks statements of a function body that need no dataflow (discarded owners).
void checkBodyStatements(clang::ASTContext& ctx, const clang::FunctionDecl* F, std::vector<Diag>& out);

}  // namespace ownership

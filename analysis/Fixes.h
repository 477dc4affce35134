// Quick-fixes (spec §4) as plain text edits attached to diagnostics.
#pragma once
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"

namespace ownership {

// Adds the fixes that apply to each diagnostic, computed from the main file's text.
void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags);

}  // namespace ownership

// Quick-fixes (spec §4) as plain text edits attached to diagnostics.
#pragma once
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"

namespace ownership {

// Adds the fixes that apply to each diagnostic, computed from the main file's text and
// AST; `functions` (the analysed functions) lets a fix check what the dataflow knows,
// e.g. which borrows a mutation conflicts with.
void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags, const std::vector<FunctionResult>& functions);

}  // namespace ownership

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
// With `deferWholeFile`, the fixes of codes that read the whole file are left out and the
// diagnostic marked Diag::fixesDeferred (an incremental build has skipped bodies).
void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags, const std::vector<FunctionResult>& functions,
              bool deferWholeFile = false);

// Codes whose quick-fix reads the whole file (every caller of the function), not only the
// function: return-local-borrow changes a return type.
bool fixReadsWholeFile(Code c);

}  // namespace ownership

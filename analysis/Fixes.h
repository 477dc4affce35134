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
// With `deferWholeFile`, the fixes of codes that read the whole file, and of diagnostics
// with a fix that says it does (Fix::readsWholeFile), are left out and the diagnostic marked
// Diag::fixesDeferred (an incremental build has skipped bodies).
void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags, const std::vector<FunctionResult>& functions,
              bool deferWholeFile = false);

// Codes all of whose quick-fixes read the whole file, not only the function (none today:
// return-local-borrow's return-type changes, which check every caller, mark themselves).
bool fixReadsWholeFile(Code c);

}  // namespace ownership

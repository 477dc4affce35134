// How a borrow travelled: the variables a loan went through before it reached the one that uses
// it (`v.begin()` -> `it` -> `r`), said in a note of the diagnostics about that loan.
#pragma once
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Dataflow.h"
#include "analysis/Diagnostic.h"
#include "analysis/Lowering.h"

namespace ownership {

// For each diagnostic of `fn` about a borrow used later (its borrow site and the later use are
// known), when the variable used received the borrow through other variables, adds a note where
// it received it: "`r` borrows `v` through `it`". A borrow that went straight into the variable
// used adds nothing.
void addBorrowPathNotes(clang::ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df,
                        std::vector<Diag>& diags);

}  // namespace ownership

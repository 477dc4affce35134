// Who holds which borrow beyond the call that stored it (globals, statics, members, other
// parameters' pointees): read off the Store facts of the analysed functions, for hover.
#pragma once
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"

namespace ownership {

struct Holding {
  std::string holder;    // holderKey of the storage written
  std::string what;      // what the stored value borrows: "parameter `name`", "local `buf`", "a temporary"
  std::string function;  // the storing function, as the user names it
  Range at;              // the store
};

// A name for a holder that is the same in every AST of one file (the incremental analysis
// keeps several): qualified name, and for a parameter its function and position.
std::string holderKey(const clang::ValueDecl* D);

// Every borrow stored by the analysed functions of `result`, in source order.
std::vector<Holding> holdingsOf(const clang::ASTContext& ctx, const FileResult& result);

}  // namespace ownership

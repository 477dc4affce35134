// Inlay hints: where a live borrow ends and where an owner is moved or released, as
// short labels placed in the main file's text (the server turns them into LSP hints).
#pragma once
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"

namespace ownership {

struct InlayHint {
  enum class Kind { BorrowEnds, Moved, Released };
  Kind kind;
  Pos position;       // where the hint is drawn: byte offset + 1-based line/column in the main file
  std::string label;  // "r's borrow of v ends", "p moved", "p released"
};

// Hints for the functions of `result` overlapping [beginOffset, endOffset) of the main
// file, restricted to positions in [beginOffset, endOffset]; sorted by offset, then kind
// and label, without duplicates.
//   BorrowEnds: after the last use, on each path, of a local borrow holder whose loans
//     come from named local variables (not after a use that returns, stores or hands the
//     loans on to another holder; never for the caller's data a parameter refers to).
//   Moved: after `std::move(p)` of an owner (or of a field path), or after an [[owner]]
//     pointer handed to a new owner (an [[owner]] parameter, a smart pointer); not when
//     the owner is the returned value (`return p;`, `return std::move(p);`).
//   Released: after `delete p`, `free(p)`, `p.reset()` of an owner that may own something
//     there (not `p.reset(q)`, which re-owns; not a second release, which is a diagnostic).
std::vector<InlayHint> inlayHints(clang::ASTContext& ctx, const FileResult& result, unsigned beginOffset,
                                  unsigned endOffset);

}  // namespace ownership

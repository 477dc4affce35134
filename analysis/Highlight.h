// Document highlights: the borrows of the variable at the cursor drawn over its function, as
// RustOwl draws them for Rust (decisions in docs/decisions.md, "What documentHighlight shows").
#pragma once
#include <cstdint>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"

namespace ownership {

// The values of LSP's DocumentHighlightKind, which the server passes through.
enum class HighlightKind : std::uint8_t {
  Text = 1,   // another mention of the variable
  Read = 2,   // a use of a borrow while it is live (of this variable, or of one that borrows it)
  Write = 3,  // where a borrow is taken, or where the code conflicts with a live one
};

struct Highlight {
  Range range;
  HighlightKind kind = HighlightKind::Text;
};

// For the variable at `offset` in an analysed function: on a borrow (reference, pointer, view,
// iterator), where its borrows are taken (Write) and each use of it holding one (Read); on an
// owner or anything borrowed, where it is borrowed (Write), each use of those borrows (Read) and
// the mutations, moves and releases that conflict with them (Write, read off `diags`: the file's
// diagnostics in the coordinates of `ctx`); its other mentions as Text. Sorted by position, one
// entry per range; empty when the cursor is on no variable of an analysed function.
std::vector<Highlight> highlightsAt(clang::ASTContext& ctx, const FileResult& result, unsigned offset,
                                    const std::vector<Diag>& diags);

}  // namespace ownership

// Hover (spec §3): what the cursor points at, in ownership terms, as Markdown: a variable's state,
// what a global or member holds, a function's lifetime contract, an attribute's meaning.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"
#include "analysis/Holdings.h"

namespace ownership {

struct HoverInfo {
  std::string markdown;
  Range range;  // the code hovered
};

// The borrows stored in globals, members and parameters, in the coordinates of the text hovered.
// The incremental analysis, whose functions live in several ASTs, gathers them; unset, they are
// read off `result`.
using HoldingsSource = std::function<std::vector<Holding>()>;

// What is known at `offset` (a byte offset in the main file): on a tracked variable its state at
// that program point; on another variable its lifetime; on a global, static or member what it
// holds; on a function name or call its contract; on an attribute its meaning; on `&x`, `*p`,
// `delete p`, `std::move(x)` the variable's state. nullopt when there is nothing to say.
std::optional<HoverInfo> hoverAt(clang::ASTContext& ctx, const FileResult& result, unsigned offset,
                                 const HoldingsSource& holdings = {});

// The innermost analysed function whose extent holds `offset`, or null.
const FunctionResult* functionAt(const FileResult& result, unsigned offset);

}  // namespace ownership

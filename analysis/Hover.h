// Hover: the ownership state of a variable at a point (spec §3), as Markdown.
#pragma once
#include <optional>
#include <string>

#include <clang/AST/ASTContext.h>

#include "analysis/Diagnostic.h"
#include "analysis/FileAnalysis.h"

namespace ownership {

struct HoverInfo {
  std::string markdown;
  Range range;  // the variable reference hovered
};

// What is known about the tracked variable named at `offset` (a byte offset in the
// main file) at that program point; nullopt when nothing there is tracked.
std::optional<HoverInfo> hoverAt(clang::ASTContext& ctx, const FileResult& result, unsigned offset);

}  // namespace ownership

// One edit between two versions of a file's text, and moving the analysis' positions,
// ranges and diagnostics across it (the incremental analysis shifts cached results).
#pragma once
#include <string>
#include <string_view>

#include "analysis/Diagnostic.h"

namespace ownership {

// One edit between two texts: [start, oldEnd) of the old text became [start, newEnd) of the new one.
struct Edit {
  unsigned start = 0, oldEnd = 0, newEnd = 0;
  unsigned oldEndLine = 0, oldEndCol = 0, newEndLine = 0, newEndCol = 0;  // 1-based, of oldEnd / newEnd
};

// The single edit that turns `a` into `b` (common prefix and suffix kept).
Edit diffTexts(std::string_view a, std::string_view b);
// Moves a position of the old text to the new one; false when it touches the edited region.
bool mapPos(Pos& p, const Edit& e);
// Moves a range of the main file (ranges in other files do not move); false when touched.
bool mapRange(Range& r, const std::string& mainPath, const Edit& e);
// Moves a diagnostic with its notes, fixes and fix input; false when any of them is touched.
bool mapDiag(Diag& d, const std::string& mainPath, const Edit& e);

}  // namespace ownership

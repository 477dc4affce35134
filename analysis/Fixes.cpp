// Quick-fixes: small text edits computed from the source text around a diagnostic.
#include "analysis/Fixes.h"

#include <clang/Basic/SourceManager.h>

namespace ownership {

void addFixes(clang::ASTContext&, std::vector<Diag>&) {}

}  // namespace ownership

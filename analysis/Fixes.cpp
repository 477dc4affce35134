// Quick-fixes (spec §4): the dispatch of each diagnostic to its code's fixes in
// analysis/checks/<Code>.cpp. A fix reads the diagnostic's typed input (Diag::input),
// the main file's text and the AST, never its message, notes or severity; when the
// code does not have the expected shape, no fix is offered rather than a wrong one.
#include "analysis/Fixes.h"

#include <clang/Basic/SourceManager.h>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"

namespace ownership {

bool fixReadsWholeFile(Code c) { return c == Code::ReturnLocalBorrow; }

void addFixes(clang::ASTContext& ctx, std::vector<Diag>& diags, const std::vector<FunctionResult>& functions,
              bool deferWholeFile) {
  using namespace checks;
  const clang::SourceManager& sm = ctx.getSourceManager();
  Text t;
  t.buf = sm.getBufferData(sm.getMainFileID());
  if (auto fe = sm.getFileEntryRefForID(sm.getMainFileID())) t.file = fe->getName().str();
  FixContext a{ctx, sm, t, functions};
  for (Diag& d : diags) {
    if (d.range.file != t.file || d.range.begin.offset >= t.buf.size()) continue;
    if (deferWholeFile && fixReadsWholeFile(d.code)) {
      d.fixesDeferred = true;
      continue;
    }
    switch (d.code) {
      case Code::UseAfterMove: fixUseAfterMove(a, d); break;
      case Code::DoubleRelease: fixDoubleRelease(a, d); break;
      case Code::UseAfterRelease: fixUseAfterRelease(a, d); break;
      case Code::Leak: fixLeak(a, d); break;
      case Code::InvalidAnnotation: fixInvalidAnnotation(a, d); break;
      case Code::Dangling: fixDangling(a, d); break;
      case Code::MissingLifetime: fixMissingLifetime(a, d); break;
      case Code::ReturnLocalBorrow: fixReturnLocalBorrow(a, d); break;
      case Code::MutateWhileBorrowed: fixMutateWhileBorrowed(a, d); break;
      case Code::ReleaseOfBorrow: fixReleaseOfBorrow(a, d); break;
      case Code::BorrowEscapes: fixBorrowEscapes(a, d); break;
      case Code::ConflictingBorrow: fixConflictingBorrow(a, d); break;
      case Code::MoveWhileBorrowed: fixMoveWhileBorrowed(a, d); break;
      case Code::UnusedSuppression: break;  // its fix is the suppression action's removal
    }
  }
}

}  // namespace ownership

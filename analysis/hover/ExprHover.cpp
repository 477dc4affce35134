// Hovers on expressions that are neither names nor operations on a variable: a temporary (how
// long it lives) and a lambda (what it captures, and so borrows while it lives).
#include <clang/AST/DeclCXX.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include "analysis/TypeNames.h"
#include "analysis/hover/Parts.h"

using namespace clang;

namespace ownership::hover {
namespace {

std::string shortText(const ASTContext& ctx, SourceRange r) {
  const SourceManager& sm = ctx.getSourceManager();
  CharSourceRange cr = CharSourceRange::getTokenRange(sm.getFileLoc(r.getBegin()), sm.getFileLoc(r.getEnd()));
  std::string t = Lexer::getSourceText(cr, sm, ctx.getLangOpts()).str();
  for (char& c : t)
    if (c == '\n' || c == '\t' || c == '`') c = ' ';
  if (t.size() > 48) t = t.substr(0, 45) + "...";
  return t;
}

}  // namespace

std::string temporary(const ASTContext& ctx, const MaterializeTemporaryExpr* M) {
  std::string md = "**temporary** (`" + userTypeName(M->getType(), ctx) + "`)";
  std::string text = shortText(ctx, M->getSourceRange());
  if (!text.empty()) md += ": `" + text + "`";
  md += "\n\n";
  if (const auto* V = dyn_cast_or_null<VarDecl>(M->getExtendingDecl()))
    return md + "lifetime extended: it lives as long as `" + V->getNameAsString() + "`\n";
  return md + "destroyed at the end of the full-expression that creates it: a borrow of it must not be used after "
              "that\n";
}

std::string lambda(const ASTContext& ctx, const LambdaExpr* L) {
  std::vector<std::string> byRef, byCopy;
  for (const LambdaCapture& c : L->captures()) {
    if (c.capturesThis()) {
      (c.getCaptureKind() == LCK_StarThis ? byCopy : byRef).push_back("`this`");
      continue;
    }
    if (!c.capturesVariable()) continue;
    std::string n = "`" + c.getCapturedVar()->getNameAsString() + "`";
    (c.getCaptureKind() == LCK_ByRef ? byRef : byCopy).push_back(n);
  }
  auto join = [](const std::vector<std::string>& xs) {
    std::string s;
    for (size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + xs[i];
    return s;
  };
  std::string md = "**lambda** (closure)\n\n";
  (void)ctx;
  if (!byRef.empty())
    md += "captures by reference " + join(byRef) + ": the closure borrows " + (byRef.size() == 1 ? "it" : "them") +
          " as long as it lives (exclusively when its body modifies " + (byRef.size() == 1 ? "it" : "them") + ")\n\n";
  if (!byCopy.empty()) md += "captures by copy " + join(byCopy) + ": the closure owns its copies\n\n";
  if (byRef.empty() && byCopy.empty()) md += "captures nothing: it borrows nothing\n";
  return md;
}

}  // namespace ownership::hover

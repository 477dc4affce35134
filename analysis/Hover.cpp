// Hover: finds what the cursor points at (hover/Target.cpp) and asks the part of hover/ that
// describes it.
#include "analysis/Hover.h"

#include <algorithm>

#include "analysis/Checker.h"
#include "analysis/hover/Parts.h"
#include "analysis/hover/Target.h"

using namespace clang;

namespace ownership {

const FunctionResult* functionAt(const FileResult& result, unsigned offset) {
  const FunctionResult* fr = nullptr;
  for (const FunctionResult& f : result.functions)
    if (offset >= f.beginOffset && offset <= f.endOffset && (!fr || f.beginOffset >= fr->beginOffset)) fr = &f;
  return fr;
}

std::optional<HoverInfo> hoverAt(ASTContext& ctx, const FileResult& result, unsigned offset,
                                 const HoldingsSource& holdingsSource) {
  const FunctionResult* fr = functionAt(result, offset);
  hover::Target t = hover::findTarget(ctx, fr ? fr->lowered->fn : nullptr, offset);
  // A lambda's body is a function of its own, which holds neither the lambda nor its captures.
  if (!t && fr) t = hover::findTarget(ctx, nullptr, offset);
  if (!t) return std::nullopt;
  SourceConv conv(ctx.getSourceManager());
  // On a declaration, the state once its initialiser has run (what the declaration made).
  unsigned stateAt = offset;
  if (const auto* V = dyn_cast_or_null<VarDecl>(t.decl); V && t.kind == hover::Target::Kind::Name && !t.expr && V->hasInit())
    if (Range r = conv.range(V->getSourceRange()); r.file == conv.file(ctx.getSourceManager().getMainFileID()))
      stateAt = std::max(offset, r.end.offset);
  std::optional<std::vector<Holding>> held;
  auto holdings = [&]() -> const std::vector<Holding>& {
    if (!held) held = holdingsSource ? holdingsSource() : holdingsOf(ctx, result);
    return *held;
  };
  // `trackedOnly`: nothing unless the analysis tracks D here.
  auto variable = [&](const ValueDecl* D, bool trackedOnly = false) -> std::string {
    if (!D) return "";
    if (fr) {
      const LoweredFunction& fn = *fr->lowered;
      auto it = fn.varIndex.find(D);
      if (const auto* B = dyn_cast<BindingDecl>(D); B && it == fn.varIndex.end())
        it = fn.varIndex.find(B->getDecomposedDecl());
      if (it != fn.varIndex.end()) {
        std::string md = hover::variableState(ctx, *fr, it->second, stateAt);
        if (!md.empty()) {
          if (isa<ParmVarDecl>(D)) md += hover::heldBorrows(D, holdings());
          return md;
        }
      }
    }
    if (trackedOnly) return "";
    if (hover::isHolder(D)) return hover::holder(D, holdings());
    std::string md = hover::plainVariable(D);
    if (!md.empty() && isa<ParmVarDecl>(D)) {
      std::string held = hover::heldBorrows(D, holdings());
      if (!held.empty()) md += "\n" + held;
    }
    return md;
  };
  std::string md;
  switch (t.kind) {
    case hover::Target::Kind::None: break;
    case hover::Target::Kind::Attribute: md = hover::attribute(t.attr, t.decl); break;
    case hover::Target::Kind::Name:
      if (const auto* F = dyn_cast<FunctionDecl>(t.decl)) {
        md = hover::contract(ctx, F);
        if (t.temporary) md += "\n---\n\n" + hover::temporary(ctx, t.temporary);
      } else {
        md = variable(dyn_cast<ValueDecl>(t.decl));
      }
      break;
    case hover::Target::Kind::Operation: md = variable(dyn_cast_or_null<ValueDecl>(t.decl)); break;
    case hover::Target::Kind::Temporary: md = hover::temporary(ctx, t.temporary); break;
    case hover::Target::Kind::Lambda:
      if (t.decl) md = variable(dyn_cast<ValueDecl>(t.decl), true);
      if (md.empty()) md = hover::lambda(ctx, cast<LambdaExpr>(t.expr));
      break;
  }
  if (md.empty()) return std::nullopt;
  return HoverInfo{md, conv.range(t.range)};
}

}  // namespace ownership

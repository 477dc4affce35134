// A readable dump of a lowered function's facts (see FactDump.h).
#include "analysis/FactDump.h"

#include <clang/Basic/SourceManager.h>

namespace ownership {
namespace {

std::string_view reinitName(ReinitValue v) {
  switch (v) {
    case ReinitValue::Owned: return "Owned";
    case ReinitValue::Null: return "Null";
    case ReinitValue::NotOwning: return "NotOwning";
  }
  return "?";
}

std::string_view releaseName(ReleaseHow h) {
  switch (h) {
    case ReleaseHow::Plain: return "Plain";
    case ReleaseHow::SmartReset: return "SmartReset";
    case ReleaseHow::SmartResetWithNew: return "SmartResetWithNew";
  }
  return "?";
}

std::string_view borrowReleaseName(BorrowRelease b) {
  switch (b) {
    case BorrowRelease::Delete: return "Delete";
    case BorrowRelease::ToOwnerParam: return "ToOwnerParam";
    case BorrowRelease::MovedOut: return "MovedOut";
    case BorrowRelease::IfHoldsLoan: return "IfHoldsLoan";
  }
  return "?";
}

std::string placeText(const LoweredFunction& fn, PlaceId id) {
  if (!id.valid() || id.index >= fn.places.size()) return "?";
  const Place& p = fn.place(id);
  std::string s;
  switch (p.kind) {
    case RootKind::Local: s = displayName(static_cast<const clang::ValueDecl*>(p.root)); break;
    case RootKind::Extern: s = "extern(" + displayName(static_cast<const clang::ValueDecl*>(p.root)) + ")"; break;
    case RootKind::This: s = "this"; break;
    case RootKind::Temp: s = "temp"; break;
  }
  for (std::uintptr_t e : p.path) {
    if (e == kDeref) s = "*" + s;
    else if (e == kElems) s += "[..]";
    else s += "." + reinterpret_cast<const clang::FieldDecl*>(e)->getNameAsString();
  }
  return s;
}

std::string sourcesText(const LoweredFunction& fn, const std::vector<Source>& srcs) {
  std::string s = "{";
  for (size_t i = 0; i < srcs.size(); ++i) {
    if (i) s += ", ";
    if (srcs[i].kind == Source::NewLoan)
      s += "loan" + std::to_string(srcs[i].id) + ":" + placeText(fn, fn.loans[srcs[i].id].place);
    else
      s += "copy(" + fn.vars[srcs[i].id].name + ")";
  }
  return s + "}";
}

std::string at(clang::SourceLocation l, const clang::SourceManager& sm) {
  if (l.isInvalid()) return "?";
  clang::PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(l));
  if (p.isInvalid()) return "?";
  return std::to_string(p.getLine()) + ":" + std::to_string(p.getColumn());
}

}  // namespace

std::string_view factKindName(FactKind k) {
  switch (k) {
    case FactKind::Use: return "Use";
    case FactKind::Move: return "Move";
    case FactKind::Release: return "Release";
    case FactKind::Reinit: return "Reinit";
    case FactKind::Escape: return "Escape";
    case FactKind::ScopeEnd: return "ScopeEnd";
    case FactKind::Assign: return "Assign";
    case FactKind::OriginUse: return "OriginUse";
    case FactKind::Mutate: return "Mutate";
    case FactKind::TempEnd: return "TempEnd";
    case FactKind::CheckConflict: return "CheckConflict";
    case FactKind::Return: return "Return";
    case FactKind::Store: return "Store";
    case FactKind::Throw: return "Throw";
    case FactKind::ReleaseBorrow: return "ReleaseBorrow";
    case FactKind::MovePlace: return "MovePlace";
    case FactKind::MayThrow: return "MayThrow";
  }
  return "?";
}

std::string dumpFact(const LoweredFunction& fn, const Fact& f, const clang::SourceManager& sm) {
  std::string s(factKindName(f.kind));
  if (f.var.valid() && f.var.index < fn.vars.size()) s += " " + fn.var(f.var).name;
  if (f.place.valid()) s += " place=" + placeText(fn, f.place);
  if (f.loan.valid() && f.loan.index < fn.loans.size())
    s += " loan" + std::to_string(f.loan.index) + ":" + placeText(fn, fn.loan(f.loan).place);
  if (!f.srcs.empty()) s += " srcs=" + sourcesText(fn, f.srcs);
  switch (f.kind) {
    case FactKind::Reinit:
      s += " (value=" + std::string(reinitName(f.reinit)) + (f.checkOverwrite ? ", checkOverwrite" : "") + ")";
      break;
    case FactKind::Release: s += " (" + std::string(releaseName(f.release)) + ")"; break;
    case FactKind::ReleaseBorrow: s += " (" + std::string(borrowReleaseName(f.borrowRelease)) + ")"; break;
    case FactKind::Move:
      if (f.moveIntoOwner) s += " (into owner)";
      break;
    case FactKind::Use: s += f.use == UseKind::Deref ? " (deref)" : f.use == UseKind::Call ? " (call)" : ""; break;
    case FactKind::Assign:
      if (!f.replace) s += " (add)";
      break;
    case FactKind::MayThrow: s += " (handlers of B" + std::to_string(f.block) + ")"; break;
    case FactKind::Mutate:
      if (f.inval == model::Invalidation::ErasedElement)
        s += " (erased element of " +
             (f.erased.valid() && f.erased.index < fn.vars.size() ? fn.var(f.erased).name : std::string("a temporary")) +
             ")";
      break;
    case FactKind::Store:
      if (f.target) s += " into " + displayName(f.target);
      if (f.capturedBy) s += " captured by " + f.capturedBy->getNameAsString();
      break;
    default: break;
  }
  return s + " @" + at(f.range.getBegin(), sm);
}

std::string dumpFacts(const LoweredFunction& fn, const clang::SourceManager& sm) {
  std::string out = "facts of `" + fn.fn->getNameAsString() + "`:\n  entry:\n";
  for (const Fact& f : fn.entryFacts) out += "    " + dumpFact(fn, f, sm) + "\n";
  for (size_t b = 0; b < fn.blockFacts.size(); ++b) {
    if (fn.blockFacts[b].empty() && !(b < fn.refinements.size() && fn.refinements[b])) continue;
    out += "  B" + std::to_string(b) + ":\n";
    for (const Fact& f : fn.blockFacts[b]) out += "    " + dumpFact(fn, f, sm) + "\n";
    if (b < fn.refinements.size() && fn.refinements[b])
      out += "    refine " + fn.var(fn.refinements[b]->var).name + " null on " +
             (fn.refinements[b]->nullOnTrue ? "true" : "false") + " edge\n";
  }
  return out;
}

}  // namespace ownership

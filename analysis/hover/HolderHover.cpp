// A holder's hover: a global, static or member, what it may hold, and the borrows the analysed
// functions store in it (Holdings.cpp), with where they were stored.
#include <clang/AST/DeclCXX.h>

#include "analysis/TypeNames.h"
#include "analysis/hover/Parts.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::hover {

bool settled(QualType T) {
  if (T.isNull()) return true;
  T = T.getNonReferenceType();
  auto judgedByFields = [](QualType Q) {
    const auto* RD = Q.isNull() ? nullptr : Q->getAsCXXRecordDecl();
    return RD && isa<ClassTemplateSpecializationDecl>(RD) && model::familyOf(Q) == model::Family::Record;
  };
  if (judgedByFields(T)) return false;
  model::Family f = model::familyOf(T);
  if (model::isContainerFamily(f) || f == model::Family::Optional) return !judgedByFields(model::elementType(T));
  return true;
}

bool isHolder(const ValueDecl* D) {
  if (isa_and_nonnull<FieldDecl>(D)) return true;
  const auto* V = dyn_cast_or_null<VarDecl>(D);
  return V && V->hasGlobalStorage() && !isa<ParmVarDecl>(V);
}

std::string heldBorrows(const ValueDecl* D, const std::vector<Holding>& holdings) {
  std::string key = holderKey(D);
  bool param = isa<ParmVarDecl>(D);
  std::string md;
  unsigned shown = 0, more = 0;
  for (const Holding& h : holdings) {
    if (h.holder != key) continue;
    if (shown == 8) {
      ++more;
      continue;
    }
    ++shown;
    // No parentheses around the line: hover lines in parentheses are shifted with their
    // function by the incremental analysis, and a store elsewhere did not move with it.
    md += std::string("- ") + (param ? "its pointee receives a borrow of " : "holds a borrow of ") + h.what +
          ", stored at line " + std::to_string(h.at.begin.line) + " in `" + h.function + "`\n";
  }
  if (more) md += "- and " + std::to_string(more) + " more stores\n";
  return md;
}

std::string holder(const ValueDecl* D, const std::vector<Holding>& holdings) {
  QualType T = D->getType();
  std::string md = "**`" + D->getNameAsString() + "`**: ";
  bool mayBorrow = T->isPointerType() || T->isReferenceType() || (settled(T) && model::holdsBorrows(T));
  if (const auto* F = dyn_cast<FieldDecl>(D)) {
    md += "member of `" + F->getParent()->getNameAsString() + "` (`" + userTypeName(D) + "`)\n\n";
    if (model::hasOwner(F))
      md += "`[[owner]]` member: the object owns the pointee, and its destructor must release it\n";
    else if (model::hasBorrow(F) || (settled(T) && model::isBorrowMember(F)))
      md += "borrow member: it may hold borrows of what the object is given, so the object must not outlive them\n";
    else if (T->isPointerType())
      md += "raw pointer member: neither owner nor borrow unless annotated; a borrowed parameter stored here escapes\n";
    else
      md += "held by value: the object owns it and destroys it with itself\n";
  } else {
    const auto* V = cast<VarDecl>(D);
    std::string kind = V->isStaticLocal() ? "static local" : V->isStaticDataMember() ? "static member" : "global";
    md += kind + " (`" + userTypeName(D) + "`)\n\n";
    md += mayBorrow ? "lives for the whole program: whatever it borrows must live as long\n"
                    : "owns its value for the whole program\n";
  }
  std::string held = heldBorrows(D, holdings);
  if (!held.empty()) md += "\n" + held;
  return md;
}

}  // namespace ownership::hover

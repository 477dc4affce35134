// Where ownership annotations fit (spec §2a.13): the one place that decides whether an
// annotation is valid, used for the invalid-annotation diagnostics and, so that one bug
// gives one diagnostic, to make the model ignore an invalid annotation everywhere else.
#include "analysis/model/OwnershipModel.h"

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>

using namespace clang;

namespace ownership::model {
namespace {

std::string attrText(const Annotation& a) {
  std::string s = a.kind == AnnKind::Owner ? "[[owner]]" : "[[borrow]]";
  if (!a.args.empty()) {
    s = "[[borrow(";
    for (size_t i = 0; i < a.args.size(); ++i) s += (i ? ", \"" : "\"") + a.args[i] + "\"";
    s += ")]]";
  }
  return s;
}

// Whether an [[owner]] annotation fits a declaration of type T.
bool ownerFits(QualType T) {
  if (T.isNull()) return false;
  T = T.getNonReferenceType();
  if (T->isPointerType()) return true;
  Family f = familyOf(T);
  return f != Family::Other && f != Family::View && f != Family::Iterator && f != Family::Lambda;
}

// Whether a [[borrow]] annotation fits a declaration of type T. The family tests come
// first: holdsBorrows looks at fields, whose own annotations are checked through here.
bool borrowFits(QualType T) {
  if (T.isNull()) return false;
  if (T->isReferenceType() || T->isPointerType()) return true;
  Family f = familyOf(T);
  return f == Family::View || f == Family::Iterator || f == Family::Function || f == Family::Lambda ||
         f == Family::Record || isContainerFamily(f) || holdsBorrows(T);
}

}  // namespace

std::vector<AnnotationProblem> annotationProblems(const Decl* D, bool* contradiction) {
  std::vector<AnnotationProblem> out;
  if (contradiction) *contradiction = false;
  std::vector<Annotation> anns = annotationsOf(D);
  if (anns.empty()) return out;
  auto bad = [&](const Annotation& a, std::string msg) { out.push_back({a, std::move(msg)}); };
  // Contradicting annotations: one problem, at the second; neither applies.
  bool sawOwner = false, sawBorrow = false;
  for (const Annotation& a : anns) {
    bool isOwner = a.kind == AnnKind::Owner;
    if ((isOwner && sawBorrow) || (!isOwner && sawOwner)) {
      bad(a, "`[[owner]]` and `[[borrow]]` contradict each other on one declaration");
      if (contradiction) *contradiction = true;
      return out;
    }
    (isOwner ? sawOwner : sawBorrow) = true;
  }
  for (const Annotation& a : anns) {
    bool isOwner = a.kind == AnnKind::Owner;
    if (a.badArgs) {
      bad(a, "annotation arguments must be parameter names or string literals");
      continue;
    }
    if (isOwner && !a.args.empty()) {
      bad(a, "`[[owner]]` takes no arguments");
      continue;
    }
    if (const auto* F = dyn_cast<FunctionDecl>(D)) {
      QualType RT = F->getReturnType();
      if (isOwner) {
        if (!ownerFits(RT) || RT->isVoidType())
          bad(a, "`[[owner]]` on a function needs a returned pointer or owning type, not `" + RT.getAsString() + "`");
        continue;
      }
      if (!isBorrowLike(RT) && !holdsBorrows(RT)) {
        bad(a, "`[[borrow]]` on a function needs a returned reference, pointer or view, not `" + RT.getAsString() + "`");
        continue;
      }
      const auto* M = dyn_cast<CXXMethodDecl>(F);
      for (const std::string& n : a.args) {
        if (n == "this") {
          if (!M || M->isStatic()) bad(a, "`[[borrow(\"this\")]]` on a function that has no `this`");
          continue;
        }
        bool found = false;
        for (const ParmVarDecl* P : F->parameters())
          if (P->getName() == n) found = true;
        if (!found) bad(a, "`" + attrText(a) + "` names no parameter `" + n + "` of `" + F->getNameAsString() + "`");
      }
      continue;
    }
    if (const auto* P = dyn_cast<ParmVarDecl>(D)) {
      if (isOwner) {
        if (!ownerFits(P->getType()))
          bad(a, "`[[owner]]` cannot apply to parameter `" + P->getNameAsString() + "` of type `" +
                     P->getType().getAsString() + "`");
        continue;
      }
      if (!borrowFits(P->getType())) {
        bad(a, "`[[borrow]]` cannot apply to parameter `" + P->getNameAsString() + "` of type `" +
                   P->getType().getAsString() + "`");
        continue;
      }
      if (const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext())) {
        for (const std::string& n : a.args) {
          bool found = false;
          for (const ParmVarDecl* Q : F->parameters())
            if (Q->getName() == n && Q != P) found = true;
          if (!found) bad(a, "`" + attrText(a) + "` names no other parameter `" + n + "`");
        }
      }
      continue;
    }
    if (const auto* V = dyn_cast<VarDecl>(D)) {
      if (!a.args.empty()) {
        bad(a, "`[[borrow(...)]]` with arguments applies to functions and parameters only");
        continue;
      }
      if (isOwner ? !ownerFits(V->getType()) : !borrowFits(V->getType()))
        bad(a, std::string(isOwner ? "`[[owner]]`" : "`[[borrow]]`") + " cannot apply to `" + V->getNameAsString() +
                   "` of type `" + V->getType().getAsString() + "`");
      continue;
    }
    if (const auto* F = dyn_cast<FieldDecl>(D)) {
      if (!a.args.empty()) {
        bad(a, "`[[borrow(...)]]` with arguments applies to functions and parameters only");
        continue;
      }
      if (isOwner ? !ownerFits(F->getType()) : !borrowFits(F->getType()))
        bad(a, std::string(isOwner ? "`[[owner]]`" : "`[[borrow]]`") + " cannot apply to member `" +
                   F->getNameAsString() + "` of type `" + F->getType().getAsString() + "`");
      continue;
    }
    if (isa<CXXRecordDecl>(D)) {
      if (!a.args.empty()) bad(a, "`[[borrow(...)]]` with arguments applies to functions and parameters only");
      continue;
    }
    bad(a, "ownership annotations apply to variables, parameters, functions, data members and classes");
  }
  return out;
}

}  // namespace ownership::model

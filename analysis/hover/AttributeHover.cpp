// An attribute's hover: what the ownership annotation (spec §1) or the lifetime attribute code
// bases already carry (spec 2c) means on the declaration it is written on, where it may be
// written, and why it does not apply when it is invalid there.
#include <clang/AST/DeclCXX.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include "analysis/hover/Parts.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::hover {
namespace {

std::string code(const std::string& s) { return "`" + s + "`"; }

// "parameter `p` of `f`", "local variable `p`", ...: the declaration as the text names it.
std::string where(const Decl* D) {
  if (const auto* P = dyn_cast<ParmVarDecl>(D)) {
    const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
    return "parameter " + code(P->getNameAsString()) + (F ? " of " + code(F->getNameAsString()) : "");
  }
  if (const auto* V = dyn_cast<VarDecl>(D))
    return (V->hasGlobalStorage() ? V->isStaticLocal() ? "static " : "global " : "local variable ") +
           code(V->getNameAsString());
  if (const auto* F = dyn_cast<FieldDecl>(D))
    return "member " + code(F->getNameAsString()) + " of " + code(F->getParent()->getNameAsString());
  if (const auto* F = dyn_cast<FunctionDecl>(D)) return "function " + code(F->getNameAsString());
  if (const auto* R = dyn_cast<CXXRecordDecl>(D)) return "class " + code(R->getNameAsString());
  if (const auto* N = dyn_cast<NamedDecl>(D)) return code(N->getNameAsString());
  return "this declaration";
}

std::string ownerMeaning(const Decl* D) {
  if (isa<ParmVarDecl>(D)) return "the callee takes ownership: the caller's argument is moved-from after the call";
  if (isa<FunctionDecl>(D)) return "the function returns a fresh owned object: the caller must release or move it";
  if (isa<FieldDecl>(D)) return "the object owns the pointee: its destructor must release it";
  if (isa<CXXRecordDecl>(D)) return "values of this class are owners: borrows of what they own end when they are mutated, moved or destroyed";
  return "the variable owns the heap object it points to: it must be released (`delete`, `free`) or moved exactly "
         "once before its scope ends or it is reassigned";
}

std::string borrowMeaning(const Decl* D, const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const std::string& a : args) names.push_back(a == "this" ? "`*this`" : code(a));
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) joined += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  if (isa<ParmVarDecl>(D))
    return args.empty() ? "the callee only borrows the argument for the duration of the call (the default for references)"
                        : "this parameter's pointee may receive borrows of " + joined +
                              ": storing them there is not an escape, and the caller's holder borrows them";
  if (isa<FunctionDecl>(D))
    return args.empty() ? "the function returns a borrow" : "the returned reference, pointer or view borrows from " + joined +
                                                                 ": it must not outlive " +
                                                                 (names.size() == 1 ? "it" : "them");
  if (isa<FieldDecl>(D)) return "the object holds a borrow: it must not outlive what the member borrows";
  if (isa<CXXRecordDecl>(D)) return "values of this class are borrows (views): they must not outlive what they refer to";
  return "the variable is a borrow: never released through, and never used after its source is gone";
}

std::string sourceText(const Attr* A, const ASTContext& ctx) {
  const SourceManager& sm = ctx.getSourceManager();
  CharSourceRange r = CharSourceRange::getTokenRange(A->getRange());
  std::string t = Lexer::getSourceText(r, sm, ctx.getLangOpts()).str();
  return t.empty() ? "" : "[[" + t + "]]";
}

}  // namespace

std::string attribute(const Attr* A, const Decl* D) {
  const ASTContext& ctx = D->getASTContext();
  std::string spelled = sourceText(A, ctx);
  if (spelled.empty()) spelled = "[[" + std::string(A->getSpelling()) + "]]";
  std::string meaning, fits;
  if (const auto* AA = dyn_cast<AnnotateAttr>(A)) {
    const model::Annotation* ann = nullptr;
    std::vector<model::Annotation> anns = model::annotationsOf(D);
    for (const model::Annotation& a : anns)
      if (a.range.getBegin() == A->getRange().getBegin()) ann = &a;
    bool owner = ann ? ann->kind == model::AnnKind::Owner : AA->getAnnotation().starts_with("ownership.owner");
    meaning = owner ? ownerMeaning(D) : borrowMeaning(D, ann ? ann->args : std::vector<std::string>{});
    fits = owner ? "local pointers, parameters, functions returning a pointer or owning type, data members, classes"
                 : "references, pointers, views, parameters (`[[borrow(q)]]`: may receive borrows of `q`), functions "
                   "returning a borrow (`[[borrow(\"p\")]]`), data members, classes";
    for (const model::AnnotationProblem& p : model::annotationProblems(D))
      if (p.annotation.range.getBegin() == A->getRange().getBegin())
        return "**`" + spelled + "`** on " +
               where(D) + "\n\n**not valid here**: " + p.message + "; the analysis ignores it\n\nmeans: " + meaning +
               "\n\nmay be written on: " + fits + "\n";
  } else if (isa<LifetimeBoundAttr>(A)) {
    if (isa<FunctionDecl>(D))
      meaning = "on the implicit object: the result borrows from the object, as `[[borrow(\"this\")]]`; it must not "
                "outlive it";
    else if (const auto* P = dyn_cast<ParmVarDecl>(D); P && isa_and_nonnull<CXXConstructorDecl>(P->getDeclContext()))
      meaning = "the new object borrows this argument: it must not outlive it";
    else
      meaning = "the function's result borrows from this argument, as `[[borrow(\"" +
                cast<NamedDecl>(D)->getNameAsString() + "\")]]`: it must not outlive it";
    fits = "parameters, and after a member function's parameter list for the object";
  } else if (isa<LifetimeCaptureByAttr>(A)) {
    meaning = "the callee stores a borrow of this argument in the holder named: that holder borrows the argument, "
              "and a temporary or local passed here dangles when it dies first";
    fits = "parameters (holders: another parameter, `this`, `global`, `unknown`)";
  } else if (isa<NoEscapeAttr>(A)) {
    meaning = "the argument must not outlive the call: storing it anywhere that outlives the call is `borrow-escapes`";
    fits = "parameters";
  } else if (isa<ReinitializesAttr>(A)) {
    meaning = "calling this member function gives a moved-from object a fresh value: it is usable again";
    fits = "non-static member functions";
  } else if (isa<OwnerAttr>(A)) {
    meaning = "values of this class own what they point to (as standard containers do): its mutations invalidate "
              "borrows of its contents";
    fits = "classes";
  } else if (isa<PointerAttr>(A)) {
    meaning = "values of this class are borrows (views) of an owner: they must not outlive it";
    fits = "classes";
  } else {
    return "";
  }
  return "**`" + spelled + "`** on " + where(D) + "\n\nmeans: " + meaning + "\n\nmay be written on: " + fits + "\n";
}

}  // namespace ownership::hover

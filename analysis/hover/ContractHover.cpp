// A function's hover: its lifetime contract as the analysis uses it at calls (spec §1, 2b.9,
// 2c): declared (`[[borrow]]`, `[[owner]]`, `[[clang::lifetimebound]]`), inferred from a visible
// body, or elided; what it does with its parameters; for std members, their effect (spec 2a.5).
#include <algorithm>
#include <cctype>

#include <clang/AST/DeclCXX.h>

#include "analysis/InferredReturns.h"
#include "analysis/TypeNames.h"
#include "analysis/hover/Parts.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::hover {
namespace {

std::string code(const std::string& s) { return "`" + s + "`"; }

std::string sourceName(const std::string& name) { return name == "this" ? "`*this`" : code(name); }

// "`a`", "`a` and `b`", "`a`, `b` and `c`" (`joiner` "or" for alternatives).
std::string list(const std::vector<std::string>& xs, const char* joiner = "and") {
  std::string s;
  for (size_t i = 0; i < xs.size(); ++i) s += (i == 0 ? "" : i + 1 == xs.size() ? std::string(" ") + joiner + " " : ", ") + xs[i];
  return s;
}

// The library's own parameter names (`__x`) are noise to a user.
bool libraryName(const ParmVarDecl* P) { return P->getName().empty() || P->getName().starts_with("_"); }

// How the text names a parameter: `name`, or "argument 2" when the library's name means nothing.
std::string paramLabel(const ParmVarDecl* P) {
  return libraryName(P) ? "argument " + std::to_string(P->getFunctionScopeIndex() + 1) : code(P->getNameAsString());
}

std::string signature(const FunctionDecl* F) {
  const ASTContext& ctx = F->getASTContext();
  // Inside a library the types are spelled with its member typedefs (`value_type&&`): the types
  // they stand for are what the caller passes.
  bool library = ctx.getSourceManager().isInSystemHeader(F->getLocation());
  auto type = [&](QualType T) {
    if (!library) return userTypeName(T, ctx);
    std::string canonical = userTypeName(T.getCanonicalType(), ctx);
    return showsLibraryInternals(canonical) ? userTypeName(T, ctx) : canonical;
  };
  std::string s;
  if (!isa<CXXConstructorDecl, CXXDestructorDecl>(F)) s = type(F->getReturnType()) + " ";
  s += F->getNameAsString() + "(";
  for (unsigned i = 0; i < F->getNumParams(); ++i) {
    const ParmVarDecl* P = F->getParamDecl(i);
    s += (i ? ", " : "") + type(P->getType());
    if (!libraryName(P)) s += " " + P->getNameAsString();
  }
  return s + ")";
}

std::string invalidationWords(model::Invalidation inv) {
  switch (inv) {
    case model::Invalidation::None: return "";
    case model::Invalidation::All: return "invalidates references, pointers and iterators into its elements";
    case model::Invalidation::IteratorsOnly: return "invalidates iterators into it (references and pointers stay valid)";
    case model::Invalidation::ErasedElement: return "invalidates only the erased element and the iterator naming it";
  }
  return "";
}

// What a member function of a type the model knows does to its object (spec 2a.5).
std::string memberEffect(const CXXMethodDecl* M) {
  if (M->isStatic() || isa<CXXConstructorDecl, CXXDestructorDecl>(M)) return "";
  model::Family fam = model::familyOf(M->getASTContext().getCanonicalTagType(M->getParent()));
  if (fam == model::Family::Other || fam == model::Family::Record || fam == model::Family::Lambda) return "";
  model::MemberInfo mi = model::memberInfo(M, fam);
  std::string inv = invalidationWords(mi.invalidates);
  switch (mi.effect) {
    case model::Effect::Read: return "reads the object: no mutation, no borrow handed out";
    case model::Effect::Mutate: return "mutates the object" + (inv.empty() ? std::string() : ": " + inv);
    case model::Effect::Reinit:
      return "gives the object a fresh value (usable again after a move)" + (inv.empty() ? std::string() : "; " + inv);
    case model::Effect::Reset: return "releases the owned object (borrows of it dangle), then owns the new one if given";
    case model::Effect::ReleaseOwnership: return "hands the owned object to the caller, who must release it; the owner becomes null";
    case model::Effect::Get: return "returns a borrow of the owned object, valid while the owner keeps it";
    case model::Effect::Deref: return "reaches the owned object: a borrow of it";
    case model::Effect::BoolTest: return "tests for null: not a use of a moved-from owner";
    case model::Effect::Swap: return "swaps the contents: both objects stay valid";
    case model::Effect::InteriorBorrow:
      return std::string("returns a borrow of its elements") + (mi.iteratorResult ? " (an iterator)" : "") +
             ", invalidated by the object's structural mutations";
    case model::Effect::Erase:
      return "erases: consumes the iterator and returns a fresh one" + (inv.empty() ? std::string() : "; " + inv);
  }
  return "";
}

std::string stdFunctionEffect(const FunctionDecl* F) {
  if (model::isStdMove(F)) return "casts its argument to an rvalue: moving from it leaves it moved-from";
  if (model::isStdForward(F)) return "forwards its argument: an rvalue argument is moved from";
  if (model::isFreeLike(F)) return "releases the heap block passed to it: the pointer must not be used or released again";
  if (model::isAllocLike(F)) return "returns fresh heap storage: the caller must `free` it";
  if (model::isStdSwap(F)) return "swaps its arguments: both stay valid";
  switch (model::stdRangeAccess(F)) {
    case model::RangeAccess::Iterator: return "returns an iterator into its argument's elements (a borrow)";
    case model::RangeAccess::Data: return "returns a pointer to its argument's elements (a borrow)";
    case model::RangeAccess::None: break;
  }
  return "";
}

std::vector<std::string> paramNames(const FunctionDecl* F, const std::vector<unsigned>& idx) {
  std::vector<std::string> out;
  for (unsigned i : idx)
    if (i < F->getNumParams()) out.push_back(paramLabel(F->getParamDecl(i)));
  return out;
}

// What the returned value borrows: declared, inferred from the body, or elided (spec §1).
std::string returnContract(ASTContext& ctx, const FunctionDecl* F) {
  QualType RT = F->getReturnType();
  if (RT->isVoidType()) return "";
  if (model::hasOwner(F)) return "returns an owned value (`[[owner]]`): the caller must release or move it";
  if (!settled(RT) || (!model::isBorrowLike(RT) && !model::holdsBorrows(RT))) {
    model::Family fam = model::familyOf(RT);
    return fam == model::Family::Other ? "returns a value: nothing borrowed"
                                       : "returns an owned value (`" + userTypeName(RT, ctx) + "`)";
  }
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  bool member = M && !M->isStatic();
  bool found = false;
  std::vector<std::string> declared = model::borrowArgs(F, &found);
  InferenceScope scope;
  std::optional<ReturnSources> body = inferredReturnSources(ctx, F);
  std::vector<std::string> fromBody;
  if (body) {
    if (body->fromThis) fromBody.push_back("this");
    for (unsigned i : body->params)
      if (i < F->getNumParams()) fromBody.push_back(std::to_string(i));
  }
  // Sources: "this", a parameter's name (a contract), or its index (what the body returns).
  auto words = [&](const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const std::string& n : names) {
      if (!n.empty() && std::isdigit(static_cast<unsigned char>(n[0])) && std::stoul(n) < F->getNumParams())
        out.push_back(paramLabel(F->getParamDecl(std::stoul(n))));
      else
        out.push_back(sourceName(n));
    }
    return out;
  };
  auto nameOf = [&](const std::string& n) {
    if (!n.empty() && std::isdigit(static_cast<unsigned char>(n[0])) && std::stoul(n) < F->getNumParams())
      return F->getParamDecl(std::stoul(n))->getNameAsString();
    return n;
  };
  // Sources the body returns that a contract does not name (the missing-lifetime warning).
  auto unnamed = [&](const std::vector<std::string>& contract) {
    std::vector<std::string> out;
    for (const std::string& n : fromBody)
      if (std::find(contract.begin(), contract.end(), nameOf(n)) == contract.end()) out.push_back(n);
    if (out.empty()) return std::string();
    return "\n\nits body returns a borrow of " + list(words(out)) + ", which the contract does not name";
  };
  if (found && !declared.empty()) {
    bool lb = model::implicitObjectLifetimeBound(F);
    for (const ParmVarDecl* P : F->parameters()) lb = lb || model::isLifetimeBound(P);
    std::string how = lb ? "`[[clang::lifetimebound]]`" : "`[[borrow]]`";
    bool onlyThis = declared.size() == 1 && declared[0] == "this";
    return (onlyThis ? "`this`-bound: returns a borrow of `*this`" : "returns a borrow of " + list(words(declared))) +
           " (declared: " + how + ")" + unnamed(declared);
  }
  if (body) {
    if (fromBody.empty()) return "returns no borrow of what it is given (inferred from its body)";
    return "returns a borrow of " + list(words(fromBody)) + " (inferred from its body)";
  }
  if (member) {
    if (model::returnsStoredValueOnly(M)) return "returns a stored pointer's value, not a borrow of the object";
    if (model::mayPointInto(RT, M->getThisType()))
      return "`this`-bound: returns a borrow of `*this` (elided: a member function's result borrows from its object)";
    return "returns a pointer that cannot point into its object: its ownership is unknown";
  }
  std::vector<std::string> cands = paramNames(F, model::elisionCandidates(F));
  if (cands.size() == 1) return "returns a borrow of " + cands[0] + " (elided: the one parameter it can point into)";
  if (cands.size() > 1)
    return "may return a borrow of " + list(cands, "or") +
           " (elision is ambiguous: name the source with `[[borrow(\"...\")]]`)";
  return "returns a pointer or view of unknown ownership (no parameter it can point into)";
}

std::string captureWords(const FunctionDecl* F, const model::CaptureTarget& t) {
  switch (t.kind) {
    case model::CaptureTarget::Param:
      return t.param < F->getNumParams() ? paramLabel(F->getParamDecl(t.param)) : "a parameter";
    case model::CaptureTarget::This: return "the object (`this`)";
    case model::CaptureTarget::Global: return "global storage";
    case model::CaptureTarget::Unknown: return "storage the caller cannot see";
  }
  return "";
}

}  // namespace

std::string contract(ASTContext& ctx, const FunctionDecl* F) {
  if (!F) return "";
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  const auto* C = dyn_cast<CXXConstructorDecl>(F);
  std::string kind = C ? "constructor of `" + C->getParent()->getNameAsString() + "`"
                     : M ? "member function of `" + M->getParent()->getNameAsString() + "`"
                         : "function";
  std::string md = "**`" + F->getNameAsString() + "`**: " + kind + "\n\n```cpp\n" + signature(F) + "\n```\n";
  std::vector<std::string> lines;
  std::string effect = M ? memberEffect(M) : stdFunctionEffect(F);
  if (!effect.empty()) lines.push_back(effect);
  if (C) {
    std::vector<unsigned> kept;
    if (auto k = model::ctorKeptParams(C)) kept = *k;
    for (unsigned i = 0; i < C->getNumParams(); ++i)
      if ((model::isLifetimeBound(C->getParamDecl(i)) || model::capturesIntoThis(C, i)) &&
          std::find(kept.begin(), kept.end(), i) == kept.end())
        kept.push_back(i);
    if (!kept.empty())
      lines.push_back("the new object borrows " + list(paramNames(C, kept)) + ": it must not outlive " +
                      (kept.size() == 1 ? "it" : "them"));
    else if (!settled(ctx.getCanonicalTagType(C->getParent())) ||
             !model::holdsBorrows(ctx.getCanonicalTagType(C->getParent())))
      lines.push_back("constructs an owned `" + userTypeName(ctx.getCanonicalTagType(C->getParent()), ctx) + "`");
  } else if (!isa<CXXDestructorDecl>(F) && effect.empty()) {
    // A std member's or an allocator's effect says what its result is.
    std::string r = returnContract(ctx, F);
    if (!r.empty()) lines.push_back(r);
  }
  for (const ParmVarDecl* P : F->parameters()) {
    std::string n = paramLabel(P);
    if (model::hasOwner(P)) lines.push_back("takes ownership of " + n + " (`[[owner]]`): the caller's argument is moved-from");
    bool found = false;
    std::vector<std::string> into = model::borrowArgs(P, &found);
    if (found && !into.empty()) {
      std::vector<std::string> w;
      for (const std::string& x : into) w.push_back(code(x));
      lines.push_back(n + "'s pointee may receive borrows of " + list(w) + " (`[[borrow]]`)");
    }
    std::vector<model::CaptureTarget> ts = model::captureTargets(P);
    if (!ts.empty()) {
      std::vector<std::string> w;
      for (const model::CaptureTarget& t : ts) w.push_back(captureWords(F, t));
      lines.push_back("keeps a borrow of " + n + " in " + list(w, "or") + " (`[[clang::lifetime_capture_by]]`)");
    }
    if (model::isNoEscape(P)) lines.push_back(n + " must not outlive the call (`[[clang::noescape]]`)");
  }
  if (lines.empty()) lines.push_back("takes and returns nothing the ownership analysis tracks");
  for (const std::string& l : lines) md += "\n" + l + "\n";
  return md;
}

}  // namespace ownership::hover

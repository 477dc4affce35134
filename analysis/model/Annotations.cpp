// Registers [[owner]]/[[borrow]] (and the ownership:: aliases) with Clang's parser and
// reads them back. Each attribute is stored as an AnnotateAttr whose string encodes
// the kind and the arguments: "ownership.borrow\x1fp\x1fq" (or "...\x1f!bad").
#include "analysis/model/OwnershipModel.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Expr.h>
#include <clang/Sema/ParsedAttr.h>
#include <clang/Sema/Sema.h>
#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringRef.h>

#include <algorithm>

using namespace clang;

namespace ownership::model {
namespace {

constexpr char kSep = '\x1f';
constexpr llvm::StringLiteral kOwnerTag = "ownership.owner";
constexpr llvm::StringLiteral kBorrowTag = "ownership.borrow";

struct OwnershipAttrInfo : ParsedAttrInfo {
  llvm::StringLiteral tag;
  OwnershipAttrInfo(llvm::StringLiteral tag, ArrayRef<Spelling> spellings) : tag(tag) {
    OptArgs = 15;
    Spellings = spellings;
  }
  // Every declaration accepts the attribute syntactically; misplacement is reported
  // by the checker as `invalid-annotation`, with its own wording and a fix.
  bool diagAppertainsToDecl(Sema&, const ParsedAttr&, const Decl*) const override { return true; }

  AttrHandling handleDeclAttribute(Sema& S, Decl* D, const ParsedAttr& A) const override {
    std::string encoded(tag.str());
    for (unsigned i = 0; i < A.getNumArgs(); ++i) {
      encoded += kSep;
      if (A.isArgIdent(i)) {
        IdentifierLoc* id = A.getArgAsIdent(i);
        encoded += id && id->getIdentifierInfo() ? id->getIdentifierInfo()->getName().str() : "!bad";
        continue;
      }
      const Expr* E = A.getArgAsExpr(i);
      if (E) E = E->IgnoreParenImpCasts();
      if (const auto* SL = dyn_cast_or_null<StringLiteral>(E); SL && SL->isOrdinary())
        encoded += SL->getString().str();
      else
        encoded += "!bad";
    }
    D->addAttr(AnnotateAttr::Create(S.Context, encoded, nullptr, 0, A.getRange()));
    return AttributeApplied;
  }
};

constexpr ParsedAttrInfo::Spelling kOwnerSpellings[] = {
    {ParsedAttr::AS_CXX11, "owner"},
    {ParsedAttr::AS_CXX11, "ownership::owner"},
    {ParsedAttr::AS_GNU, "ownership_owner"},
};
constexpr ParsedAttrInfo::Spelling kBorrowSpellings[] = {
    {ParsedAttr::AS_CXX11, "borrow"},
    {ParsedAttr::AS_CXX11, "ownership::borrow"},
    {ParsedAttr::AS_GNU, "ownership_borrow"},
};

struct OwnerAttrInfo : OwnershipAttrInfo {
  OwnerAttrInfo() : OwnershipAttrInfo(kOwnerTag, kOwnerSpellings) {}
};
struct BorrowAttrInfo : OwnershipAttrInfo {
  BorrowAttrInfo() : OwnershipAttrInfo(kBorrowTag, kBorrowSpellings) {}
};

ParsedAttrInfoRegistry::Add<OwnerAttrInfo> gOwner("ownership-owner", "[[owner]]");
ParsedAttrInfoRegistry::Add<BorrowAttrInfo> gBorrow("ownership-borrow", "[[borrow]]");

bool decode(const AnnotateAttr* A, Annotation& out) {
  llvm::StringRef s = A->getAnnotation();
  llvm::StringRef head = s.split(kSep).first;
  if (head == kOwnerTag)
    out.kind = AnnKind::Owner;
  else if (head == kBorrowTag)
    out.kind = AnnKind::Borrow;
  else
    return false;
  llvm::SmallVector<llvm::StringRef, 4> parts;
  s.split(parts, kSep);
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] == "!bad")
      out.badArgs = true;
    else
      out.args.push_back(parts[i].str());
  }
  out.range = A->getRange();
  return true;
}

template <class Fn>
void forEachRedecl(const Decl* D, Fn fn) {
  if (const auto* FD = dyn_cast<FunctionDecl>(D)) {
    for (const FunctionDecl* R : FD->redecls()) fn(R);
    return;
  }
  if (const auto* P = dyn_cast<ParmVarDecl>(D)) {
    // Parameters of other declarations of the same function carry the same meaning.
    const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
    unsigned idx = P->getFunctionScopeIndex();
    if (F) {
      for (const FunctionDecl* R : F->redecls())
        if (idx < R->getNumParams()) fn(R->getParamDecl(idx));
      return;
    }
  }
  if (const auto* TD = dyn_cast<TagDecl>(D)) {
    for (const TagDecl* R : TD->redecls()) fn(R);
    return;
  }
  fn(D);
}

}  // namespace

void ensureAttributesRegistered() {
  // The static registry objects above live in this translation unit; referencing
  // this function from the driver pulls it into the link.
  (void)&gOwner;
  (void)&gBorrow;
}

std::vector<Annotation> annotationsOf(const Decl* D) {
  std::vector<Annotation> out;
  if (!D || !D->hasAttrs()) return out;
  for (const auto* A : D->specific_attrs<AnnotateAttr>()) {
    if (A->isInherited()) continue;
    Annotation ann;
    if (decode(A, ann)) out.push_back(std::move(ann));
  }
  std::sort(out.begin(), out.end(), [](const Annotation& a, const Annotation& b) {
    return a.range.getBegin() < b.range.getBegin();
  });
  return out;
}

// The valid annotations written on R (see annotationProblems).
static std::vector<Annotation> validAnnotations(const Decl* R) {
  std::vector<Annotation> anns = annotationsOf(R);
  if (anns.empty()) return anns;
  bool contradiction = false;
  std::vector<AnnotationProblem> problems = annotationProblems(R, &contradiction);
  if (contradiction) return {};
  llvm::erase_if(anns, [&](const Annotation& a) {
    for (const AnnotationProblem& p : problems)
      if (p.annotation.range == a.range && p.annotation.kind == a.kind) return true;
    return false;
  });
  return anns;
}

static bool hasKind(const Decl* D, AnnKind k) {
  bool found = false;
  forEachRedecl(D, [&](const Decl* R) {
    if (found || !R->hasAttrs()) return;
    for (const Annotation& ann : validAnnotations(R))
      if (ann.kind == k) found = true;
  });
  return found;
}

bool hasOwner(const Decl* D) { return D && hasKind(D, AnnKind::Owner); }
bool hasBorrow(const Decl* D) { return D && hasKind(D, AnnKind::Borrow); }

std::vector<std::string> borrowArgs(const Decl* D, bool* found) {
  std::vector<std::string> args;
  bool any = false;
  if (D)
    forEachRedecl(D, [&](const Decl* R) {
      if (any || !R->hasAttrs()) return;
      for (const Annotation& ann : validAnnotations(R)) {
        if (ann.kind == AnnKind::Borrow) {
          any = true;
          args = ann.args;
          return;
        }
      }
    });
  // Clang's [[clang::lifetimebound]] says the same (spec 2c): on parameters, the list of
  // them; on the implicit object (a type attribute of the method), "this".
  if (!any)
    if (const auto* F = dyn_cast_or_null<FunctionDecl>(D)) {
      for (unsigned i = 0; i < F->getNumParams(); ++i)
        if (isLifetimeBound(F->getParamDecl(i))) args.push_back(F->getParamDecl(i)->getNameAsString());
      if (implicitObjectLifetimeBound(F)) args.push_back("this");
      any = !args.empty();
    }
  if (found) *found = any;
  return args;
}

bool isLifetimeBound(const ParmVarDecl* P) {
  if (!P) return false;
  const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
  if (!F) return P->hasAttr<LifetimeBoundAttr>();
  unsigned i = P->getFunctionScopeIndex();
  for (const FunctionDecl* R : F->redecls())
    if (i < R->getNumParams() && R->getParamDecl(i)->hasAttr<LifetimeBoundAttr>()) return true;
  return false;
}

namespace {

// The parameter P of each redeclaration of its function, with that redeclaration.
template <class Fn>
void forEachParamRedecl(const ParmVarDecl* P, Fn fn) {
  const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
  if (!F) {
    fn(P, static_cast<const FunctionDecl*>(nullptr));
    return;
  }
  unsigned i = P->getFunctionScopeIndex();
  for (const FunctionDecl* R : F->redecls())
    if (i < R->getNumParams()) fn(R->getParamDecl(i), R);
}

}  // namespace

std::vector<CaptureTarget> captureTargets(const ParmVarDecl* P) {
  std::vector<CaptureTarget> out;
  if (!P) return out;
  bool done = false;
  forEachParamRedecl(P, [&](const ParmVarDecl* Q, const FunctionDecl* F) {
    if (done) return;
    const auto* A = Q->getAttr<LifetimeCaptureByAttr>();
    if (!A) return;
    done = true;
    // Clang numbers the implicit object 0 and the parameters after it in a member
    // function with an implicit object; from 0 otherwise.
    const auto* M = dyn_cast_or_null<CXXMethodDecl>(F);
    bool hasThis = M && M->isImplicitObjectMemberFunction();
    for (int idx : A->params()) {
      CaptureTarget t;
      if (idx == LifetimeCaptureByAttr::Global) {
        t.kind = CaptureTarget::Global;
      } else if (idx == LifetimeCaptureByAttr::Unknown) {
        t.kind = CaptureTarget::Unknown;
      } else if (idx == LifetimeCaptureByAttr::Invalid) {
        continue;
      } else if (hasThis && idx == 0) {
        t.kind = CaptureTarget::This;
      } else {
        int p = hasThis ? idx - 1 : idx;
        if (p < 0 || !F || static_cast<unsigned>(p) >= F->getNumParams()) continue;
        t.kind = CaptureTarget::Param;
        t.param = static_cast<unsigned>(p);
      }
      out.push_back(t);
    }
  });
  return out;
}

bool capturesIntoThis(const FunctionDecl* F, unsigned param) {
  if (!F || param >= F->getNumParams()) return false;
  for (const CaptureTarget& t : captureTargets(F->getParamDecl(param)))
    if (t.kind == CaptureTarget::This) return true;
  return false;
}

bool isNoEscape(const ParmVarDecl* P) {
  bool found = false;
  if (P)
    forEachParamRedecl(P, [&](const ParmVarDecl* Q, const FunctionDecl*) { found = found || Q->hasAttr<NoEscapeAttr>(); });
  return found;
}

bool implicitObjectLifetimeBound(const FunctionDecl* F) {
  const auto* M = dyn_cast_or_null<CXXMethodDecl>(F);
  if (!M || M->isStatic()) return false;
  for (const FunctionDecl* R : F->redecls()) {
    const TypeSourceInfo* TSI = R->getTypeSourceInfo();
    if (!TSI) continue;
    for (TypeLoc TL = TSI->getTypeLoc(); TL; TL = TL.getNextTypeLoc())
      if (auto ATL = TL.getAs<AttributedTypeLoc>())
        if (ATL.getAttrAs<LifetimeBoundAttr>()) return true;
  }
  return false;
}

}  // namespace ownership::model

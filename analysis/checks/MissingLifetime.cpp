// missing-lifetime (spec §2a.12): a returned borrow's source is not named by the
// function's contract; or (a hint) elision is ambiguous: a free function returning a
// borrow from two or more borrow-like parameters.
//   std::string_view longer(std::string_view a, std::string_view b);
//   // missing lifetime annotation: the returned borrow may come from `a` or `b`
//   fix: [[borrow("a", "b")]] before the declaration (sound; the user may narrow it)
#include <clang/AST/DeclCXX.h>
#include <clang/AST/TypeLoc.h>
#include <clang/Lex/Lexer.h>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Where `[[clang::lifetimebound]]` goes for `name` in F's declaration (spec 2c): after a
// parameter's name (`const std::string& a [[clang::lifetimebound]]`), or for "this" after
// the parameter list and its qualifiers (`get() const [[clang::lifetimebound]]`). None for
// an unnamed parameter or one written by a macro.
std::optional<Range> lifetimeboundSite(const SourceConv& conv, const FunctionDecl* F, const std::string& name) {
  SourceLocation last;
  if (name == "this") {
    FunctionTypeLoc ftl = F->getFunctionTypeLoc();
    if (!ftl) return std::nullopt;
    last = ftl.getRParenLoc();
    if (last.isInvalid() || last.isMacroID()) return std::nullopt;
    const LangOptions& lo = F->getASTContext().getLangOpts();
    for (int guard = 0; guard < 8; ++guard) {
      std::optional<Token> tok = Lexer::findNextToken(last, conv.sm(), lo);
      if (!tok) break;
      // Raw lexing: keywords come as raw identifiers.
      bool qualifier = tok->isOneOf(tok::amp, tok::ampamp) ||
                       (tok->is(tok::raw_identifier) &&
                        (tok->getRawIdentifier() == "const" || tok->getRawIdentifier() == "volatile"));
      if (!qualifier) break;
      last = tok->getLocation();
    }
    if (SourceRange ex = F->getExceptionSpecSourceRange(); ex.isValid()) {
      if (ex.getEnd().isMacroID()) return std::nullopt;
      last = ex.getEnd();
    }
  } else {
    for (const ParmVarDecl* P : F->parameters())
      if (P->getName() == name) last = P->getLocation();
    if (last.isInvalid() || last.isMacroID()) return std::nullopt;
  }
  Range r = conv.point(last);
  r.begin = r.end;
  return r;
}

// Fills the fix input of a contract made of `names`: the [[clang::lifetimebound]] sites of
// those not marked yet (all or none), and the [[borrow(...)]] a fix would replace.
void fillContractSites(const SourceConv& conv, const FunctionDecl* F, Diag& d, const std::vector<std::string>& names) {
  d.input.candidates = names;
  bool complete = true;
  for (const std::string& n : names) {
    bool marked = n == "this" ? model::implicitObjectLifetimeBound(F) : false;
    for (const ParmVarDecl* P : F->parameters())
      if (P->getName() == n && model::isLifetimeBound(P)) marked = true;
    if (marked) continue;
    if (auto site = lifetimeboundSite(conv, F, n))
      d.input.lifetimeboundSites.push_back(*site);
    else
      complete = false;
  }
  if (!complete) d.input.lifetimeboundSites.clear();
  for (const FunctionDecl* R : F->redecls())
    for (const model::Annotation& a : model::annotationsOf(R))
      if (a.kind == model::AnnKind::Borrow && !d.input.annotationSite) d.input.annotationSite = conv.range(a.range);
}

// Words. `F`: the function's first declaration; `src`: the parameter name or "this";
// `contract`: the sources the contract (declared or elided) names.
Diag contractMissesSource(const SourceConv& conv, const FunctionDecl* F, const std::string& src, SourceRange ret,
                          const std::vector<std::string>& contract) {
  Diag d = makeDiag(conv, Code::MissingLifetime, Severity::Warning, SourceRange(F->getLocation(), F->getLocation()),
                    "`" + F->getNameAsString() + "` returns a borrow of `" + src +
                        "`, which its lifetime contract does not name",
                    rule::MissingLifetime::ContractMissesSource);
  d.input.subject = src;
  std::vector<std::string> names = contract;
  names.push_back(src);
  fillContractSites(conv, F, d, names);
  addNote(conv, d, ret, "borrow of `" + src + "` returned here");
  return d;
}

Diag ambiguousElision(const SourceConv& conv, const FunctionDecl* F, const std::vector<const ParmVarDecl*>& params) {
  std::string names;
  for (size_t i = 0; i < params.size(); ++i)
    names += (i ? (i + 1 == params.size() ? " or `" : ", `") : "`") + params[i]->getNameAsString() + "`";
  Diag d = makeDiag(conv, Code::MissingLifetime, Severity::Hint, SourceRange(F->getLocation(), F->getLocation()),
                    "missing lifetime annotation: the returned borrow may come from " + names,
                    rule::MissingLifetime::AmbiguousElision);
  d.input.subject = F->getNameAsString();
  std::vector<std::string> sources;
  for (const ParmVarDecl* P : params) {
    sources.push_back(P->getNameAsString());
    d.notes.push_back({conv.range(P->getSourceRange()), "`" + P->getNameAsString() + "` is borrow-like"});
  }
  fillContractSites(conv, F, d, sources);
  return d;
}

}  // namespace

// The returned borrow's source must be named by the contract.
void checkReturnedSourceNamed(FunctionChecks& c, const At& at) {
  if (!c.fn.contractKnown) return;
  // A lambda declares no contract: elision's `this` (the closure) is a guess its callers never rely
  // on, and its contract is what its body returns (2b.9).
  if (const auto* M = dyn_cast<CXXMethodDecl>(c.fn.fn); M && M->getParent()->isLambda() && !c.fn.contractExplicit)
    return;
  llvm::BitVector loans = resolve(c.fn, at.st, at.f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    std::string src;
    if (p.kind == RootKind::Extern) {
      if (const auto* PV = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root))) {
        if (PV->getDeclContext() != c.fn.fn) continue;
        // An elided contract is the model's guess, not the user's word (2b): the body disproves the
        // guess only where it returns a borrow of what a reference parameter refers to. What a
        // pointer, iterator or view parameter reaches, or what is reached through a pointer held in
        // the referent (`pMemory->node()`), is storage the caller handed over; returning it is a copy
        // of a value the caller gave (2b.1, 2b.2), and callers use the contract inferred from the body.
        if (!c.fn.contractExplicit &&
            (!PV->getType()->isReferenceType() ||
             std::find(p.path.begin(), p.path.end(), kDeref) != p.path.end()))
          continue;
        src = PV->getNameAsString();
      }
    } else if (p.kind == RootKind::This) {
      src = "this";
    }
    if (src.empty()) continue;
    if (std::find(c.fn.contract.begin(), c.fn.contract.end(), src) != c.fn.contract.end()) continue;
    c.report(contractMissesSource(c.conv, c.fn.fn->getFirstDecl(), src, at.f.range, c.fn.contract));
    return;
  }
}

void checkAmbiguousElision(const SourceConv& conv, const FunctionDecl* F, std::vector<Diag>& out) {
  if (F != F->getFirstDecl() || F->isImplicit()) return;
  if (const auto* M = dyn_cast<CXXMethodDecl>(F); M && !M->isStatic()) return;
  // A C interface: no references, and a returned pointer is as often the caller's to free as a borrow.
  if (F->isExternC()) return;
  QualType RT = F->getReturnType();
  if (!model::isBorrowLike(RT) || model::hasOwner(F)) return;
  bool found = false;
  model::borrowArgs(F, &found);
  if (found) return;
  std::vector<const ParmVarDecl*> borrowLike;
  for (unsigned i : model::elisionCandidates(F)) borrowLike.push_back(F->getParamDecl(i));
  if (borrowLike.size() < 2) return;
  // An unnamed parameter cannot be named in a contract (this declaration is not where to write it).
  for (const ParmVarDecl* P : borrowLike)
    if (P->getName().empty()) return;
  out.push_back(ambiguousElision(conv, F, borrowLike));
}

// The code base's spelling (spec 2c): a file that already writes [[clang::lifetimebound]].
bool usesLifetimeBound(const Text& t) { return t.buf.contains("[[clang::lifetimebound]]"); }

// Annotate with every source of the contract: for an ambiguous elision every candidate
// parameter (always a sound contract; the user can narrow it), for a contract that misses
// a source the contract's sources and that one. In the code base's spelling: after each
// parameter (and after the qualifiers for `this`) when the file uses
// [[clang::lifetimebound]] and no [[borrow(...)]] is written on the function; otherwise
// a [[borrow(...)]] before the declaration, or in place of the one written there.
void fixMissingLifetime(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  const FixInput& in = d.input;
  if (in.candidates.empty()) return;
  for (const std::string& n : in.candidates)
    if (n.empty()) return;
  if (!in.annotationSite && usesLifetimeBound(t) && !in.lifetimeboundSites.empty()) {
    Fix f;
    f.title = "add [[clang::lifetimebound]] to name where the result borrows from";
    f.preferred = true;
    for (const Range& r : in.lifetimeboundSites) {
      if (r.file != t.file) return;
      f.edits.push_back(edit(t, r.begin.offset, r.begin.offset, " [[clang::lifetimebound]]"));
    }
    d.fixes.push_back(std::move(f));
    return;
  }
  std::string args;
  for (size_t i = 0; i < in.candidates.size(); ++i) args += (i ? ", \"" : "\"") + in.candidates[i] + "\"";
  Fix f;
  f.title = "add [[borrow(" + args + ")]] to name where the result borrows from";
  f.preferred = true;
  if (in.annotationSite) {
    if (in.annotationSite->file != t.file) return;
    f.title = "name every source in [[borrow(" + args + ")]]";
    f.edits.push_back(edit(t, in.annotationSite->begin.offset, in.annotationSite->end.offset, "borrow(" + args + ")"));
    d.fixes.push_back(std::move(f));
    return;
  }
  unsigned ls = t.lineStart(d.range.begin.offset);
  // Put the attribute at the start of the declaration: the line holding the return
  // type when the name stands alone on its line.
  unsigned at = ls + static_cast<unsigned>(t.indentOf(ls).size());
  llvm::StringRef before = t.buf.substr(at, d.range.begin.offset - at);
  if (before.trim().empty() && ls > 0) {
    unsigned prev = t.lineStart(ls - 1);
    at = prev + static_cast<unsigned>(t.indentOf(prev).size());
  }
  f.edits.push_back(edit(t, at, at, "[[borrow(" + args + ")]] "));
  d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks

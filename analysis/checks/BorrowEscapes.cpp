// borrow-escapes (spec §2a.11): a borrowed parameter is stored where it outlives the
// call: a global or static, a data member not declared [[borrow]], another parameter
// whose [[borrow(...)]] does not name it.
//   void keep(const std::string& s) { g_view = s; }  // borrowed data escapes ...
//   fix: store an owned copy (`std::string_view g_view` -> `std::string g_view`); or the
//   annotation that allows the store: `[[borrow(s)]]` on a receiving parameter,
//   `[[borrow]]` on a member, `lifetime_capture_by(global)` on `s` for a global; or remove
//   a `[[clang::noescape]]` that the body contradicts.
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixAst.h"
#include "analysis/model/OwnershipModel.h"

#include <clang/AST/Attr.h>

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `where`: the storage as the message names it ("global `g`").
Diag borrowEscapes(const SourceConv& conv, rule::BorrowEscapes into, SourceRange store, const ParmVarDecl* src,
                   const std::string& where, const ValueDecl* holder, bool captureGlobal) {
  Diag d = makeDiag(conv, Code::BorrowEscapes, Severity::Warning, store,
                    "borrowed data escapes outside of function: `" + src->getNameAsString() + "` is stored in " + where,
                    into);
  d.input.subject = src->getNameAsString();
  d.input.subjectDecl = conv.range(src->getSourceRange());
  if (src->getLocation().isValid())
    d.input.subjectNameEnd = conv.range(SourceRange(src->getLocation(), src->getLocation()));
  if (const auto* A = src->getAttr<NoEscapeAttr>(); A && A->getRange().isValid())
    d.input.noescapeAttr = conv.range(A->getRange());
  if (holder) {
    d.input.holder = holder->getNameAsString();
    d.input.holderDecl = conv.range(holder->getSourceRange());
    if (const auto* DD = dyn_cast<DeclaratorDecl>(holder); DD && DD->getTypeSourceInfo())
      d.input.holderType = conv.range(DD->getTypeSourceInfo()->getTypeLoc().getSourceRange());
    d.input.holderIsParam = isa<ParmVarDecl>(holder);
    d.input.holderIsMember = isa<FieldDecl>(holder);
    if (const auto* V = dyn_cast<VarDecl>(holder)) d.input.holderIsGlobal = V->hasGlobalStorage();
  }
  d.input.captureGlobal = captureGlobal;
  addNote(conv, d, src->getSourceRange(),
          model::isNoEscape(src) ? "`" + src->getNameAsString() + "` is declared `[[clang::noescape]]`"
                                 : "`" + src->getNameAsString() + "` is only borrowed for the duration of the call");
  return d;
}

// Whether src's [[clang::lifetime_capture_by(...)]] allows the store (spec 2c): into the
// parameter it names, into a member for `this`, into a global or static for `global`,
// anywhere for `unknown`.
bool captureAllows(const ParmVarDecl* src, const ValueDecl* target) {
  for (const model::CaptureTarget& t : model::captureTargets(src)) {
    switch (t.kind) {
      case model::CaptureTarget::Unknown: return true;
      case model::CaptureTarget::Param:
        if (const auto* P = dyn_cast_or_null<ParmVarDecl>(target); P && P->getFunctionScopeIndex() == t.param)
          return true;
        break;
      case model::CaptureTarget::This:
        if (isa_and_nonnull<FieldDecl>(target)) return true;
        break;
      case model::CaptureTarget::Global:
        if (const auto* V = dyn_cast_or_null<VarDecl>(target); (V && V->hasGlobalStorage()) || !target) return true;
        break;
    }
  }
  return false;
}

bool isCallable(QualType T) {
  model::Family f = model::familyOf(T);
  return f == model::Family::Function || f == model::Family::Lambda;
}

}  // namespace

void checkBorrowEscapes(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  llvm::BitVector loans = resolve(c.fn, at.st, f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (p.kind != RootKind::Extern) continue;
    const auto* src = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root));
    if (!src || src->getDeclContext() != c.fn.fn) continue;
    const ValueDecl* T = f.target;
    // [[clang::noescape]]: nothing may keep it, whatever the holder's type (spec 2c).
    bool noescape = model::isNoEscape(src);
    if (!noescape && captureAllows(src, T)) continue;
    // A callable parameter (`std::function`, a lambda's type) copied or moved into storage
    // (`setup_ = setup;`, `g_cb = std::move(cb);`): what it captured is the caller's choice,
    // which this function cannot know to be a borrow, so keeping it proves nothing (2b,
    // benefit of the doubt). The entry loan is that unknown content; a borrow this function
    // takes itself (`&f`, `[&f]`) is another loan and still counts.
    if (L.external && !noescape && !model::hasBorrow(src) && isCallable(src->getType().getNonReferenceType()))
      continue;
    // An unannotated pointer parameter kept in a global or handed out through another
    // parameter (`void SetLogger(Logger* l) { g_logger = l; }`): C and C++ APIs take a
    // pointer as often to keep it as to borrow it, so the model cannot tell that the
    // caller only lent it (benefit of the doubt). `[[borrow]]` or `noescape` say so.
    // The same for the pointer a `T*&` parameter refers to, read as a value (`a = b;` in a
    // `Swap(T& a, T& b)` instantiated with a pointer): a copy of the pointer (2b.1).
    bool pointerValue = src->getType()->isPointerType() ||
                        (L.external && src->getType()->isReferenceType() &&
                         src->getType().getNonReferenceType()->isPointerType());
    if (!noescape && pointerValue && !model::hasBorrow(src) && !f.capturedBy)
      if (const auto* V = dyn_cast_or_null<VarDecl>(T); V && (V->hasGlobalStorage() || isa<ParmVarDecl>(V)))
        continue;
    std::string where;
    rule::BorrowEscapes into;
    bool captureGlobal = false;
    if (f.capturedBy) {
      // Passed on to a callee that keeps it beyond the call (lifetime_capture_by(global|unknown)).
      const auto* callee = dyn_cast_or_null<FunctionDecl>(f.capturedBy->getDeclContext());
      std::string by = callee ? "`" + callee->getNameAsString() + "`" : std::string("the callee");
      bool global = false;
      for (const model::CaptureTarget& t : model::captureTargets(f.capturedBy))
        global = global || t.kind == model::CaptureTarget::Global;
      where = global ? "global storage by " + by : "storage kept by " + by + " beyond the call";
      captureGlobal = global;
      into = rule::BorrowEscapes::IntoCapture;
    } else if (const auto* V = dyn_cast_or_null<VarDecl>(T)) {
      if (const auto* P = dyn_cast<ParmVarDecl>(V)) {
        if (P == src) continue;
        bool found = false;
        std::vector<std::string> allowed = model::borrowArgs(P, &found);
        if (!noescape && found && std::find(allowed.begin(), allowed.end(), src->getNameAsString()) != allowed.end())
          continue;
        where = "parameter `" + P->getNameAsString() + "`";
        into = rule::BorrowEscapes::IntoParam;
      } else if (V->hasGlobalStorage()) {
        where = V->isStaticLocal() ? "static `" + V->getNameAsString() + "`" : "global `" + V->getNameAsString() + "`";
        into = V->isStaticLocal() ? rule::BorrowEscapes::IntoStatic : rule::BorrowEscapes::IntoGlobal;
      } else {
        continue;
      }
    } else if (const auto* F = dyn_cast_or_null<FieldDecl>(T)) {
      if (!noescape && model::isBorrowMember(F)) continue;
      where = "member `" + F->getNameAsString() + "`";
      into = rule::BorrowEscapes::IntoMember;
    } else {
      continue;
    }
    c.report(borrowEscapes(c.conv, into, f.range, src, where, f.capturedBy ? nullptr : T, captureGlobal));
    return;
  }
}

}  // namespace ownership::checks

namespace ownership::checks {
namespace {

// The code base's spelling (spec 2c): a file that already writes Clang's lifetime
// attributes gets Clang's; others get this checker's.
bool usesClangLifetimes(const Text& t) { return t.buf.contains("[[clang::lifetime"); }

void insertFix(Diag& d, const Text& t, std::string title, unsigned at, std::string text, bool preferred) {
  Fix f;
  f.title = std::move(title);
  f.preferred = preferred;
  f.edits.push_back(edit(t, at, at, std::move(text)));
  d.fixes.push_back(std::move(f));
}

// `std::string_view g;` holding a `const std::string&` parameter -> `std::string g;`.
bool ownHolder(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  if (!in.holderType || !in.holderIsGlobal || !in.subjectDecl) return false;
  unsigned b = in.holderType->begin.offset, e = in.holderType->end.offset;
  if (e > a.t.buf.size() || b >= e) return false;
  llvm::StringRef written = a.t.buf.substr(b, e - b);
  // Only the view itself or a container of views, where std::string converts back to a
  // view at every use; the source must be a std::string.
  size_t at = written.find("std::string_view");
  if (at == llvm::StringRef::npos || written.find("std::string_view", at + 1) != llvm::StringRef::npos) return false;
  unsigned sb = in.subjectDecl->begin.offset, se = in.subjectDecl->end.offset;
  llvm::StringRef src = a.t.buf.substr(sb, se - sb);
  if (!src.contains("std::string&") && !src.contains("std::string &")) return false;
  if (!a.stdTemplateDefined("basic_string")) return false;
  Fix f;
  f.title = "store an owned copy: make `" + in.holder + "` a `std::string`";
  f.preferred = true;
  f.edits.push_back(edit(a.t, b + static_cast<unsigned>(at), b + static_cast<unsigned>(at) + 16, "std::string"));
  d.fixes.push_back(std::move(f));
  return true;
}

}  // namespace

void fixBorrowEscapes(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  const Text& t = a.t;
  if (in.noescapeAttr) {
    // The body keeps it: the attribute is what is wrong. Remove `[[clang::noescape]]`.
    unsigned b = in.noescapeAttr->begin.offset, e = in.noescapeAttr->end.offset;
    size_t open = t.buf.substr(0, b).rfind("[["), close = t.buf.find("]]", e > 0 ? e - 1 : e);
    if (open == llvm::StringRef::npos || close == llvm::StringRef::npos) return;
    llvm::StringRef inside = t.buf.substr(open + 2, close - open - 2).trim();
    if (inside != "clang::noescape" && inside != "clang::noescape()") return;
    unsigned rb = static_cast<unsigned>(open), re = static_cast<unsigned>(close + 2);
    if (rb > 0 && t.buf[rb - 1] == ' ') --rb;
    else if (re < t.buf.size() && t.buf[re] == ' ') ++re;
    Fix f;
    f.title = "remove `[[clang::noescape]]` from `" + in.subject + "`: the function keeps it";
    f.preferred = true;
    f.edits.push_back(edit(t, rb, re, ""));
    d.fixes.push_back(std::move(f));
    return;
  }
  bool clangSpelling = usesClangLifetimes(t);
  if (in.holderIsParam && in.holderDecl) {
    if (clangSpelling && in.subjectNameEnd)
      insertFix(d, t, "add [[clang::lifetime_capture_by(" + in.holder + ")]] to `" + in.subject + "`",
                in.subjectNameEnd->end.offset, " [[clang::lifetime_capture_by(" + in.holder + ")]]", true);
    else
      insertFix(d, t, "allow `" + in.holder + "` to hold borrows of `" + in.subject + "`: add [[borrow(" + in.subject + ")]]",
                in.holderDecl->begin.offset, "[[borrow(" + in.subject + ")]] ", true);
    return;
  }
  if (in.holderIsMember && in.holderDecl) {
    insertFix(d, t, "declare `" + in.holder + "` [[borrow]]: the object borrows what it holds",
              in.holderDecl->begin.offset, "[[borrow]] ", true);
    return;
  }
  bool owned = ownHolder(a, d);
  if ((in.holderIsGlobal || in.captureGlobal || d.input.is(rule::BorrowEscapes::IntoCapture)) && in.subjectNameEnd) {
    std::string target = in.holderIsGlobal || in.captureGlobal ? "global" : "unknown";
    insertFix(d, t, "require `" + in.subject + "` to outlive the call: add [[clang::lifetime_capture_by(" + target + ")]]",
              in.subjectNameEnd->end.offset, " [[clang::lifetime_capture_by(" + target + ")]]", !owned);
  }
}

}  // namespace ownership::checks

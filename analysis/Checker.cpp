// Turns facts + dataflow states + liveness into rustc-style diagnostics.
#include "analysis/Checker.h"

#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include <deque>
#include <set>

using namespace clang;

namespace ownership {

// ---------------------------------------------------------------------------
// Source conversion

Pos SourceConv::pos(SourceLocation l) const {
  Pos p;
  if (l.isInvalid()) return p;
  l = sm_.getFileLoc(l);
  auto [fid, off] = sm_.getDecomposedLoc(l);
  p.offset = off;
  p.line = sm_.getLineNumber(fid, off);
  p.column = sm_.getColumnNumber(fid, off);
  return p;
}

Range SourceConv::range(SourceRange r) const {
  Range out;
  SourceLocation b = sm_.getFileLoc(r.getBegin());
  SourceLocation e = sm_.getFileLoc(r.getEnd());
  if (b.isValid()) {
    if (auto fe = sm_.getFileEntryRefForID(sm_.getFileID(b))) out.file = fe->getName().str();
  }
  out.begin = pos(b);
  if (e.isValid()) {
    unsigned len = Lexer::MeasureTokenLength(e, sm_, LangOptions());
    out.end = pos(e.getLocWithOffset(static_cast<int>(len)));
    if (out.end.line != pos(e).line || out.end.offset < out.begin.offset) out.end = out.begin;
  } else {
    out.end = out.begin;
  }
  return out;
}

Range SourceConv::point(SourceLocation l) const { return range(SourceRange(l, l)); }

std::string SourceConv::text(SourceRange r, const LangOptions& lo) const {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(r), sm_, lo).str();
}

namespace {

class Checker {
 public:
  Checker(ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df, const Liveness& live)
      : ctx_(ctx), conv_(ctx.getSourceManager()), fn_(fn), df_(df), live_(live) {}

  std::vector<Diag> run();

 private:
  ASTContext& ctx_;
  SourceConv conv_;
  const LoweredFunction& fn_;
  const DataflowResult& df_;
  const Liveness& live_;
  std::vector<Diag> diags_;
  std::set<std::pair<int, unsigned>> seen_;  // (code, offset)
  std::set<unsigned> reportedLoans_;
  // (variable, move or release location) already reported: one bug, one diagnostic (2b.6).
  std::set<std::pair<unsigned, unsigned>> reportedMoves_, reportedReleases_;
  std::map<unsigned, size_t> leakDiagOfVar_;
  std::vector<const CFGBlock*> byId_;

  void check(const State& st, const Fact& f, unsigned block, unsigned index);
  Diag* report(Code code, Severity sev, SourceRange r, std::string msg);
  void note(Diag* d, SourceRange r, std::string msg) {
    if (d && r.isValid()) d->notes.push_back({conv_.range(r), std::move(msg)});
  }
  void notePoint(Diag* d, unsigned rawLoc, std::string msg) {
    if (d && rawLoc) {
      SourceLocation l = SourceLocation::getFromRawEncoding(rawLoc);
      d->notes.push_back({conv_.range(SourceRange(l, l)), std::move(msg)});
    }
  }
  std::string varName(VarId v) const { return fn_.vars[v.index].name; }
  std::string placeName(const Place& p) const;
  // The next read of any origin in `holders` after (block, index): the later use.
  SourceRange nextUse(unsigned block, unsigned index, const llvm::BitVector& holders) const;
  // Origins live after (block, index) that hold loan l (excluding `except`).
  llvm::BitVector holdersOf(const State& st, unsigned l, unsigned block, unsigned index, int except = -1) const;
  bool isRawOwner(VarId v) const {
    auto k = fn_.vars[v.index].owner;
    return k == OwnerKind::AnnotatedRaw || k == OwnerKind::InferredRaw;
  }
  Severity moveSeverity(VarId v) const {
    const VarInfo& info = fn_.vars[v.index];
    return info.moveIsError || isRawOwner(v) ? Severity::Error : Severity::Warning;
  }
  void checkFieldLeaksAtExit();
  void reportLoanConflict(Code code, const State& st, const Fact& f, unsigned block, unsigned index,
                          std::function<bool(const Loan&)> applies, std::function<std::string(const Place&)> message,
                          const char* actionNote);
};

std::string Checker::placeName(const Place& p) const {
  std::string name;
  if (p.kind == RootKind::This)
    name = "*this";
  else if (p.kind == RootKind::Temp)
    name = "temporary value";
  else if (const auto* D = static_cast<const ValueDecl*>(p.root))
    name = displayName(D);
  bool deref = false;
  for (std::uintptr_t e : p.path) {
    if (e == kDeref) {
      deref = true;
      continue;
    }
    if (e == kElems) continue;
    const auto* F = reinterpret_cast<const FieldDecl*>(e);
    if (p.kind == RootKind::This && name == "*this")
      name = F->getNameAsString();
    else
      name += (deref ? "->" : ".") + F->getNameAsString();
    deref = false;
  }
  if (deref && p.path.size() == 1) name = "*" + name;
  return name;
}

Diag* Checker::report(Code code, Severity sev, SourceRange r, std::string msg) {
  Range rr = conv_.range(r);
  if (!seen_.insert({static_cast<int>(code), rr.begin.offset}).second) return nullptr;
  Diag d;
  d.code = code;
  d.severity = sev;
  d.range = rr;
  d.message = std::move(msg);
  diags_.push_back(std::move(d));
  return &diags_.back();
}

llvm::BitVector Checker::holdersOf(const State& st, unsigned l, unsigned block, unsigned index, int except) const {
  const llvm::BitVector& live = live_.liveAfter(block, index);
  llvm::BitVector out(fn_.vars.size());
  for (unsigned v : live.set_bits()) {
    if (static_cast<int>(v) == except) continue;
    if (st.loans[v].size() > l && st.loans[v].test(l)) out.set(v);
  }
  return out;
}

SourceRange Checker::nextUse(unsigned block, unsigned index, const llvm::BitVector& holders) const {
  std::deque<std::pair<unsigned, unsigned>> work;  // (block, first fact index)
  std::set<unsigned> visited;
  work.push_back({block, index + 1});
  unsigned steps = 0;
  while (!work.empty() && steps++ < 2000) {
    auto [b, i] = work.front();
    work.pop_front();
    const auto& facts = fn_.blockFacts[b];
    bool killed = false;
    for (; i < facts.size(); ++i) {
      llvm::BitVector uses(fn_.vars.size());
      int def = -1;
      originUsesAndDef(facts[i], uses, def);
      if (uses.anyCommon(holders)) return facts[i].range;
      if (def >= 0 && holders.test(def) && holders.count() == 1) {
        killed = true;
        break;
      }
    }
    if (killed) continue;
    const CFGBlock* B = byId_[b];
    if (!B) continue;
    for (const auto& s : B->succs())
      if (const CFGBlock* S = s.getReachableBlock())
        if (visited.insert(S->getBlockID()).second) work.push_back({S->getBlockID(), 0});
  }
  return {};
}

void Checker::reportLoanConflict(Code code, const State& st, const Fact& f, unsigned block, unsigned index,
                                 std::function<bool(const Loan&)> applies,
                                 std::function<std::string(const Place&)> message, const char* actionNote) {
  for (unsigned l = 0; l < fn_.loans.size(); ++l) {
    const Loan& L = fn_.loans[l];
    if (L.external || !applies(L)) continue;
    llvm::BitVector holders = holdersOf(st, l, block, index);
    // A variable never holds a borrow of itself for this purpose.
    if (f.var.valid() && f.var.index < holders.size()) holders.reset(f.var.index);
    for (unsigned v : holders.set_bits())
      if (fn_.vars[v].implicit && !fn_.vars[v].origin) holders.reset(v);
    if (holders.none()) continue;
    Diag* d = report(code, Severity::Error, f.range, message(fn_.places[L.place.index]));
    if (!d) return;
    note(d, L.range, "borrow of `" + placeName(fn_.places[L.place.index]) + "` occurs here");
    (void)actionNote;
    SourceRange use = nextUse(block, index, holders);
    note(d, use, "borrow later used here");
    return;
  }
}

void Checker::check(const State& st, const Fact& f, unsigned block, unsigned index) {
  const SourceManager& sm = ctx_.getSourceManager();
  auto before = [&](unsigned rawA, SourceLocation b) {
    if (!rawA) return false;
    return sm.isBeforeInTranslationUnit(SourceLocation::getFromRawEncoding(rawA), b);
  };
  switch (f.kind) {
    case FactKind::Use:
    case FactKind::Move: {
      const OwnerState& o = st.owners[f.var.index];
      const VarInfo& info = fn_.vars[f.var.index];
      std::string n = varName(f.var);
      if (o.bits & kMoved) {
        // Later uses of the same moved value add nothing once the first is reported (2b.6).
        if (!reportedMoves_.insert({f.var.index, o.moveLoc}).second) return;
        bool maybe = (o.bits & ~kMoved & ~kDead) != 0;
        bool loop = !before(o.moveLoc, f.range.getBegin());
        Diag* d = report(Code::UseAfterMove, moveSeverity(f.var), f.range,
                         std::string(maybe ? "use of possibly-moved value `" : "use of moved value `") + n + "`");
        notePoint(d, o.moveLoc, loop ? "value moved here, in previous iteration of loop" : "value moved here");
        if (d && f.kind == FactKind::Move) note(d, f.range, "value used here after move");
        // The standard's "valid but unspecified" guarantee is about std types only (2b.7).
        if (d && !info.moveIsError && !isRawOwner(f.var) && info.decl &&
            model::isStdType(info.decl->getType().getNonReferenceType()))
          d->notes.push_back({d->range, "a moved-from standard object is valid but unspecified"});
        return;
      }
      if ((o.bits & kReleased) && (isRawOwner(f.var) || info.owner == OwnerKind::Smart)) {
        if (f.kind == FactKind::Move && isRawOwner(f.var)) {
          Diag* d = report(Code::DoubleRelease, Severity::Error, f.range,
                           "`" + n + "` is handed to a new owner after it was released");
          notePoint(d, o.releaseLoc, "value released here");
          return;
        }
        if (info.owner == OwnerKind::Smart && f.use != UseKind::Deref) return;
        if (!reportedReleases_.insert({f.var.index, o.releaseLoc}).second) return;
        bool maybe = (o.bits & ~kReleased & ~kDead) != 0;
        Diag* d = report(Code::UseAfterRelease, Severity::Error, f.range,
                         std::string(maybe ? "use of possibly-released value `" : "use of released value `") + n + "`");
        notePoint(d, o.releaseLoc, "value released here");
        return;
      }
      if (f.kind == FactKind::Move && !f.moveIntoOwner) {
        const void* root = info.decl;
        reportLoanConflict(
            Code::MoveWhileBorrowed, st, f, block, index,
            [&](const Loan& L) {
              const Place& p = fn_.places[L.place.index];
              return p.root == root && (p.kind == RootKind::Local || p.kind == RootKind::Extern);
            },
            [&](const Place&) { return "cannot move out of `" + n + "` because it is borrowed"; }, "");
      }
      return;
    }
    case FactKind::MovePlace: {
      const Place& mp = fn_.places[f.place.index];
      reportLoanConflict(
          Code::MoveWhileBorrowed, st, f, block, index,
          [&](const Loan& L) { return overlaps(fn_.places[L.place.index], mp); },
          [&](const Place&) { return "cannot move out of `" + placeName(mp) + "` because it is borrowed"; }, "");
      return;
    }
    case FactKind::Release: {
      if (!isRawOwner(f.var)) return;  // smart pointer reset(): releasing nothing is fine
      const OwnerState& o = st.owners[f.var.index];
      std::string n = varName(f.var);
      if (o.bits & kReleased) {
        bool maybe = (o.bits & ~kReleased & ~kDead) != 0;
        Diag* d = report(Code::DoubleRelease, Severity::Error, f.range,
                         maybe ? "`" + n + "` may already have been released" : "`" + n + "` is released twice");
        notePoint(d, o.releaseLoc, "first released here");
        return;
      }
      if (o.bits & kMoved) {
        Diag* d = report(Code::DoubleRelease, Severity::Error, f.range,
                         "`" + n + "` is released after its ownership was moved");
        notePoint(d, o.moveLoc, "value moved here");
      }
      return;
    }
    case FactKind::Reinit: {
      if (!f.checkOverwrite || !isRawOwner(f.var)) return;
      const OwnerState& o = st.owners[f.var.index];
      if (o.bits & kOwnedBit) {
        std::string n = varName(f.var);
        Diag* d = report(Code::Leak, Severity::Warning, f.range,
                         "assignment to `" + n + "` leaks the allocation it still owns");
        if (d) note(d, fn_.vars[f.var.index].decl->getSourceRange(), "owner declared here");
      }
      return;
    }
    case FactKind::ScopeEnd: {
      const VarInfo& info = fn_.vars[f.var.index];
      const OwnerState& o = st.owners[f.var.index];
      if (isRawOwner(f.var) && !info.isField && (o.bits & kOwnedBit) &&
          (!info.isParam || info.owner == OwnerKind::AnnotatedRaw)) {
        auto it = leakDiagOfVar_.find(f.var.index);
        SourceLocation at = f.at.isValid() ? f.at : info.decl->getEndLoc();
        if (it != leakDiagOfVar_.end()) {
          note(&diags_[it->second], SourceRange(at, at), "`" + info.name + "` leaks on this path");
        } else {
          const auto* VD = cast<VarDecl>(info.decl);
          Diag* d = report(Code::Leak, Severity::Warning, VD->getSourceRange(),
                           "`" + info.name + "` still owns its allocation when it goes out of scope");
          if (d) {
            leakDiagOfVar_[f.var.index] = diags_.size() - 1;
            note(d, SourceRange(at, at), "`" + info.name + "` leaks on this path");
          }
        }
      }
      // Borrows of this variable that are still used later dangle.
      const void* root = info.decl;
      for (unsigned l = 0; l < fn_.loans.size(); ++l) {
        const Loan& L = fn_.loans[l];
        const Place& p = fn_.places[L.place.index];
        if (L.external || p.kind != RootKind::Local || p.root != root) continue;
        if (reportedLoans_.count(l)) continue;
        llvm::BitVector holders = holdersOf(st, l, block, index, static_cast<int>(f.var.index));
        if (holders.none()) continue;
        reportedLoans_.insert(l);
        Diag* d = report(Code::Dangling, Severity::Error, L.range, "`" + info.name + "` does not live long enough");
        SourceLocation at = f.at.isValid() ? f.at : info.decl->getEndLoc();
        note(d, SourceRange(at, at), "`" + info.name + "` dropped here while still borrowed");
        note(d, nextUse(block, index, holders), "borrow later used here");
      }
      return;
    }
    case FactKind::TempEnd: {
      for (unsigned l = 0; l < fn_.loans.size(); ++l) {
        const Loan& L = fn_.loans[l];
        const Place& p = fn_.places[L.place.index];
        if (p.kind != RootKind::Temp || p.root != f.temp) continue;
        if (reportedLoans_.count(l)) continue;
        llvm::BitVector holders = holdersOf(st, l, block, index);
        if (holders.none()) continue;
        reportedLoans_.insert(l);
        Diag* d = report(Code::Dangling, Severity::Error, L.range, "temporary value dropped while borrowed");
        note(d, SourceRange(f.at, f.at), "temporary value is freed at the end of this statement");
        note(d, nextUse(block, index, holders), "borrow later used here");
      }
      return;
    }
    case FactKind::OriginUse: {
      llvm::BitVector rel = st.loans[f.var.index];
      rel &= st.released;
      if (rel.none()) return;
      unsigned l = *rel.set_bits().begin();
      const Loan& L = fn_.loans[l];
      std::string owner = placeName(fn_.places[L.place.index]);
      if (!owner.empty() && owner[0] == '*') owner = owner.substr(1);
      Diag* d = report(Code::UseAfterRelease, Severity::Error, f.range,
                       "use of `" + varName(f.var) + "` after the value it borrows from `" + owner + "` was released");
      note(d, L.range, "borrow of `" + owner + "` occurs here");
      notePoint(d, st.releasedAt[l], "value released here");
      return;
    }
    case FactKind::CheckConflict: {
      const Loan& L = fn_.loans[f.loan.index];
      const Place& P = fn_.places[L.place.index];
      for (unsigned l = 0; l < fn_.loans.size(); ++l) {
        if (l == f.loan.index) continue;
        const Loan& L2 = fn_.loans[l];
        if (L2.external || L2.interior || !L2.explicitBorrow || !(L.mut || L2.mut)) continue;
        if (!overlaps(fn_.places[L2.place.index], P)) continue;
        llvm::BitVector holders = holdersOf(st, l, block, index);
        for (unsigned v : holders.set_bits())
          if (fn_.vars[v].implicit || st.loans[v].test(f.loan.index)) holders.reset(v);
        if (holders.none()) continue;
        std::string n = placeName(P);
        std::string msg = L.mut ? (L2.mut ? "cannot borrow `" + n + "` as mutable more than once at a time"
                                          : "cannot borrow `" + n + "` as mutable because it is also borrowed as shared")
                                : "cannot borrow `" + n + "` as shared because it is also borrowed as mutable";
        Diag* d = report(Code::ConflictingBorrow, Severity::Error, L.range, msg);
        note(d, L2.range, L2.mut ? "first mutable borrow occurs here" : "shared borrow occurs here");
        note(d, nextUse(block, index, holders), "first borrow later used here");
        return;
      }
      return;
    }
    case FactKind::Mutate: {
      const Place& mp = fn_.places[f.place.index];
      std::string n = placeName(mp);
      reportLoanConflict(
          Code::MutateWhileBorrowed, st, f, block, index,
          [&](const Loan& L) {
            if (!overlaps(fn_.places[L.place.index], mp)) return false;
            if (f.inval == model::Invalidation::None) return false;
            if (f.inval == model::Invalidation::IteratorsOnly) return L.iterator;
            return true;
          },
          [&](const Place&) { return "cannot mutate `" + n + "` while it is borrowed"; }, "");
      return;
    }
    case FactKind::ReleaseBorrow: {
      if (f.borrowRelease == BorrowRelease::IfHoldsLoan) {
        bool borrowed = false;
        for (unsigned l : st.loans[f.var.index].set_bits())
          if (!fn_.loans[l].external) borrowed = true;
        if (!borrowed) return;
      }
      std::string n = varName(f.var);
      std::string msg = f.borrowRelease == BorrowRelease::MovedOut ? "cannot move out of `" + n + "`, which is a borrow"
                        : f.borrowRelease == BorrowRelease::ToOwnerParam ? "cannot hand borrow `" + n + "` to an [[owner]] parameter"
                                       : "cannot release `" + n + "`, which is a borrow";
      Diag* d = report(Code::ReleaseOfBorrow, Severity::Error, f.range, msg);
      if (d) note(d, fn_.vars[f.var.index].decl->getSourceRange(), "`" + n + "` is borrowed here, not owned");
      return;
    }
    case FactKind::Return: {
      llvm::BitVector loans = resolve(fn_, st, f.srcs);
      for (unsigned l : loans.set_bits()) {
        const Loan& L = fn_.loans[l];
        const Place& p = fn_.places[L.place.index];
        if (p.kind == RootKind::Local || p.kind == RootKind::Temp) {
          std::string msg = p.kind == RootKind::Temp
                                ? "cannot return a borrow of a temporary value"
                                : "cannot return a borrow of local variable `" + placeName(p) + "`";
          if (p.kind == RootKind::Local)
            if (const auto* PV = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root)))
              msg = "cannot return a borrow of by-value parameter `" + PV->getNameAsString() + "`";
          Diag* d = report(Code::ReturnLocalBorrow, Severity::Error, f.range, msg);
          if (d && L.range.isValid() && L.range != f.range) note(d, L.range, "`" + placeName(p) + "` is borrowed here");
          if (d) note(d, f.range, "returns a value referencing data owned by the current function");
          return;
        }
      }
      // The returned borrow's source must be named by the contract (§2a.12).
      if (!fn_.contractKnown) return;
      for (unsigned l : loans.set_bits()) {
        const Loan& L = fn_.loans[l];
        const Place& p = fn_.places[L.place.index];
        std::string src;
        if (p.kind == RootKind::Extern) {
          if (const auto* PV = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root))) {
            if (PV->getDeclContext() != fn_.fn) continue;
            src = PV->getNameAsString();
          }
        } else if (p.kind == RootKind::This) {
          src = "this";
        }
        if (src.empty()) continue;
        if (std::find(fn_.contract.begin(), fn_.contract.end(), src) != fn_.contract.end()) continue;
        const FunctionDecl* first = fn_.fn->getFirstDecl();
        Diag* d = report(Code::MissingLifetime, Severity::Warning, SourceRange(first->getLocation(), first->getLocation()),
                         "`" + first->getNameAsString() + "` returns a borrow of `" + src +
                             "`, which its lifetime contract does not name");
        note(d, f.range, "borrow of `" + src + "` returned here");
        return;
      }
      return;
    }
    case FactKind::Store: {
      llvm::BitVector loans = resolve(fn_, st, f.srcs);
      for (unsigned l : loans.set_bits()) {
        const Loan& L = fn_.loans[l];
        const Place& p = fn_.places[L.place.index];
        if (p.kind != RootKind::Extern) continue;
        const auto* src = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root));
        if (!src || src->getDeclContext() != fn_.fn) continue;
        const ValueDecl* T = f.target;
        std::string where;
        if (const auto* V = dyn_cast_or_null<VarDecl>(T)) {
          if (const auto* P = dyn_cast<ParmVarDecl>(V)) {
            if (P == src) continue;
            bool found = false;
            std::vector<std::string> allowed = model::borrowArgs(P, &found);
            if (found && std::find(allowed.begin(), allowed.end(), src->getNameAsString()) != allowed.end()) continue;
            where = "parameter `" + P->getNameAsString() + "`";
          } else if (V->hasGlobalStorage()) {
            where = V->isStaticLocal() ? "static `" + V->getNameAsString() + "`" : "global `" + V->getNameAsString() + "`";
          } else {
            continue;
          }
        } else if (const auto* F = dyn_cast_or_null<FieldDecl>(T)) {
          if (model::isBorrowMember(F)) continue;
          where = "member `" + F->getNameAsString() + "`";
        } else {
          continue;
        }
        Diag* d = report(Code::BorrowEscapes, Severity::Warning, f.range,
                         "borrowed data escapes outside of function: `" + src->getNameAsString() +
                             "` is stored in " + where);
        note(d, src->getSourceRange(), "`" + src->getNameAsString() + "` is only borrowed for the duration of the call");
        return;
      }
      return;
    }
    case FactKind::Throw: {
      if (fn_.hasTry) return;
      for (unsigned v = 0; v < fn_.vars.size(); ++v) {
        const VarInfo& info = fn_.vars[v];
        if (info.isField || info.isParam || !isRawOwner(VarId{v})) continue;
        if (!(st.owners[v].bits & kOwnedBit)) continue;
        Diag* d = report(Code::Leak, Severity::Warning, info.decl->getSourceRange(),
                         "`" + info.name + "` still owns its allocation when the exception leaves the function");
        if (d) {
          leakDiagOfVar_[v] = diags_.size() - 1;
          note(d, f.range, "`" + info.name + "` leaks when this exception is thrown");
        }
      }
      return;
    }
    default:
      return;
  }
}

void Checker::checkFieldLeaksAtExit() {
  if (!fn_.isDestructor) return;
  const CFGBlock& exit = fn_.cfg->getExit();
  const State& st = df_.blockEntry[exit.getBlockID()];
  if (!st.reached) return;
  for (unsigned v = 0; v < fn_.vars.size(); ++v) {
    const VarInfo& info = fn_.vars[v];
    if (!info.isField || !isRawOwner(VarId{v}) || !(st.owners[v].bits & kOwnedBit)) continue;
    Diag* d = report(Code::Leak, Severity::Warning, info.decl->getSourceRange(),
                     "`" + info.name + "` still owns its allocation when the object is destroyed");
    note(d, SourceRange(fn_.fn->getEndLoc(), fn_.fn->getEndLoc()), "the destructor does not release it on every path");
  }
}

std::vector<Diag> Checker::run() {
  const CFG& cfg = *fn_.cfg;
  byId_.assign(cfg.getNumBlockIDs(), nullptr);
  for (const CFGBlock* B : cfg) byId_[B->getBlockID()] = B;
  for (const ImmediateDiag& im : fn_.immediate) {
    Diag* d = report(im.code, Severity::Error, im.range, im.message);
    for (const auto& [r, m] : im.notes) note(d, r, m);
  }
  // Blocks in source order keep "first" notes and dedup stable.
  std::vector<const CFGBlock*> blocks(cfg.begin(), cfg.end());
  std::reverse(blocks.begin(), blocks.end());
  for (const CFGBlock* B : blocks) {
    unsigned id = B->getBlockID();
    State st = df_.blockEntry[id];
    if (!st.reached) continue;
    const auto& facts = fn_.blockFacts[id];
    for (unsigned i = 0; i < facts.size(); ++i) {
      check(st, facts[i], id, i);
      transfer(fn_, st, facts[i]);
    }
  }
  checkFieldLeaksAtExit();
  return std::move(diags_);
}

}  // namespace

std::vector<Diag> checkFunction(ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df,
                                const Liveness& live) {
  Checker c(ctx, fn, df, live);
  return c.run();
}

}  // namespace ownership

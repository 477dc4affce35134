// Turns facts + dataflow states + liveness into rustc-style diagnostics: the services the
// rules share (FunctionChecks) and the dispatch of each fact to the rules of its kind.
// The rules themselves, their messages and fixes are in analysis/checks/<Code>.cpp.
#include "analysis/Checker.h"

#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include <deque>
#include <set>

#include "analysis/checks/Checks.h"

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
  if (b.isValid()) out.file = file(sm_.getFileID(b));
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

std::string SourceConv::file(FileID fid) const {
  auto fe = sm_.getFileEntryRefForID(fid);
  if (!fe) return {};
  if (fid != sm_.getMainFileID()) {
    llvm::StringRef real = fe->getFileEntry().tryGetRealPathName();
    if (!real.empty()) return real.str();
  }
  return fe->getName().str();
}

Range SourceConv::point(SourceLocation l) const { return range(SourceRange(l, l)); }

std::string SourceConv::text(SourceRange r, const LangOptions& lo) const {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(r), sm_, lo).str();
}

namespace checks {

FunctionChecks::FunctionChecks(ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df,
                               const Liveness& live)
    : ctx(ctx), conv(ctx.getSourceManager()), fn(fn), df(df), live(live) {
  byId_.assign(fn.cfg->getNumBlockIDs(), nullptr);
  for (const CFGBlock* B : *fn.cfg) byId_[B->getBlockID()] = B;
}

bool FunctionChecks::sharedPointee(const Place& p) const {
  if (p.kind != RootKind::Local || p.path.empty() || p.path.front() != kDeref) return false;
  const auto* D = static_cast<const ValueDecl*>(p.root);
  return D && model::familyOf(D->getType().getNonReferenceType()) == model::Family::SharedPtr;
}

bool FunctionChecks::firstReportOnPath(int kind, unsigned var, unsigned eventLoc, unsigned block, unsigned index) {
  auto& earlier = reportedEvents_[{kind, var, eventLoc}];
  for (auto [b, i] : earlier) {
    if (b == block && i < index) return false;
    if (b != block && byId_[b] && byId_[block]) {
      if (!dom_) {
        dom_ = std::make_unique<CFGDomTree>();
        dom_->buildDominatorTree(const_cast<CFG*>(fn.cfg.get()));
      }
      if (dom_->dominates(byId_[b], byId_[block])) return false;
    }
  }
  earlier.emplace_back(block, index);
  return true;
}

Diag* FunctionChecks::report(Diag d) {
  if (!seen_.insert({static_cast<int>(d.code), d.range.begin.offset}).second) return nullptr;
  diags_.push_back(std::move(d));
  return &diags_.back();
}

bool FunctionChecks::before(unsigned rawA, SourceLocation b) const {
  if (!rawA) return false;
  return ctx.getSourceManager().isBeforeInTranslationUnit(SourceLocation::getFromRawEncoding(rawA), b);
}

std::string FunctionChecks::placeName(const Place& p) const {
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

llvm::BitVector FunctionChecks::holdersOf(const State& st, unsigned l, unsigned block, unsigned index,
                                          int except) const {
  const llvm::BitVector& liveAfter = live.liveAfter(block, index);
  llvm::BitVector out(fn.vars.size());
  for (unsigned v : liveAfter.set_bits()) {
    if (static_cast<int>(v) == except) continue;
    if (st.loans[v].size() > l && st.loans[v].test(l)) out.set(v);
  }
  return out;
}

SourceRange FunctionChecks::nextUse(unsigned block, unsigned index, const llvm::BitVector& holders) const {
  std::deque<std::pair<unsigned, unsigned>> work;  // (block, first fact index)
  std::set<unsigned> visited;
  work.push_back({block, index + 1});
  unsigned steps = 0;
  while (!work.empty() && steps++ < 2000) {
    auto [b, i] = work.front();
    work.pop_front();
    const auto& facts = fn.blockFacts[b];
    bool killed = false;
    for (; i < facts.size(); ++i) {
      llvm::BitVector uses(fn.vars.size());
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

SourceLocation FunctionChecks::scopeEndAfter(const void* root, unsigned block, unsigned index) const {
  std::deque<std::pair<unsigned, unsigned>> work;
  std::set<unsigned> visited;
  work.push_back({block, index + 1});
  unsigned steps = 0;
  while (!work.empty() && steps++ < 2000) {
    auto [b, i] = work.front();
    work.pop_front();
    const auto& facts = fn.blockFacts[b];
    for (; i < facts.size(); ++i) {
      const Fact& f = facts[i];
      if (f.kind != FactKind::ScopeEnd || fn.vars[f.var.index].decl != root) continue;
      return f.at.isValid() ? f.at : fn.vars[f.var.index].decl->getEndLoc();
    }
    const CFGBlock* B = byId_[b];
    if (!B) continue;
    for (const auto& s : B->succs())
      if (const CFGBlock* S = s.getReachableBlock())
        if (visited.insert(S->getBlockID()).second) work.push_back({S->getBlockID(), 0});
  }
  return {};
}

Diag makeDiag(const SourceConv& conv, Code code, Severity sev, SourceRange r, std::string message, Rule rule) {
  Diag d;
  d.code = code;
  d.severity = sev;
  d.range = conv.range(r);
  d.message = std::move(message);
  d.input.rule = rule;
  return d;
}

void addNote(const SourceConv& conv, Diag& d, SourceRange r, std::string message) {
  if (r.isValid()) d.notes.push_back({conv.range(r), std::move(message)});
}

std::optional<Range> rawPoint(const SourceConv& conv, unsigned rawLoc) {
  if (!rawLoc) return std::nullopt;
  SourceLocation l = SourceLocation::getFromRawEncoding(rawLoc);
  return conv.range(SourceRange(l, l));
}

std::optional<LoanConflict> findLoanConflict(const FunctionChecks& c, const At& at,
                                             const std::function<bool(const Loan&)>& applies) {
  for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
    const Loan& L = c.fn.loans[l];
    if (L.external || !applies(L)) continue;
    llvm::BitVector holders = c.holdersOf(at.st, l, at.block, at.index);
    // A variable never holds a borrow of itself for this purpose.
    if (at.f.var.valid() && at.f.var.index < holders.size()) holders.reset(at.f.var.index);
    for (unsigned v : holders.set_bits())
      if (c.fn.vars[v].implicit && !c.fn.vars[v].origin) holders.reset(v);
    if (holders.none()) continue;
    return LoanConflict{l, std::move(holders)};
  }
  return std::nullopt;
}

}  // namespace checks

namespace {

using namespace checks;

// Each fact goes to the rules that look at its kind, in this order.
void check(FunctionChecks& c, const At& at) {
  switch (at.f.kind) {
    case FactKind::Use:
    case FactKind::Move:
      if (checkUseAfterMove(c, at)) return;
      if (checkHandOnAfterRelease(c, at)) return;
      if (checkUseOfReleased(c, at)) return;
      if (at.f.kind == FactKind::Move) checkMoveOfBorrowedVar(c, at);
      return;
    case FactKind::MovePlace: checkMoveOfBorrowedPlace(c, at); return;
    case FactKind::Release: checkRelease(c, at); return;
    case FactKind::Reinit: checkLeakAtOverwrite(c, at); return;
    case FactKind::ScopeEnd:
      checkLeakAtScopeEnd(c, at);
      checkDanglingAtScopeEnd(c, at);
      return;
    case FactKind::TempEnd: checkDanglingTemporary(c, at); return;
    case FactKind::OriginUse: checkBorrowOfReleased(c, at); return;
    case FactKind::CheckConflict: checkConflictingBorrow(c, at); return;
    case FactKind::Mutate: checkMutateWhileBorrowed(c, at); return;
    case FactKind::ReleaseBorrow: checkReleaseOfBorrow(c, at); return;
    case FactKind::Return:
      if (checkReturnLocalBorrow(c, at)) return;
      checkReturnedSourceNamed(c, at);
      return;
    case FactKind::Store:
      if (at.f.capturedBy) checkDanglingCapture(c, at);
      checkBorrowEscapes(c, at);
      return;
    case FactKind::Throw: checkLeakOnThrow(c, at); return;
    default: return;
  }
}

}  // namespace

std::vector<Diag> checkFunction(ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df,
                                const Liveness& live) {
  FunctionChecks c(ctx, fn, df, live);
  // Found while lowering (two arguments of one call, a delete through a borrow member).
  for (const ImmediateDiag& im : fn.immediate) {
    Diag d = makeDiag(c.conv, im.code, Severity::Error, im.range, im.message, im.rule);
    for (const auto& [r, m] : im.notes) addNote(c.conv, d, r, m);
    c.report(std::move(d));
  }
  // Blocks in source order keep "first" notes and dedup stable.
  std::vector<const CFGBlock*> blocks(fn.cfg->begin(), fn.cfg->end());
  std::reverse(blocks.begin(), blocks.end());
  for (const CFGBlock* B : blocks) {
    unsigned id = B->getBlockID();
    State st = df.blockEntry[id];
    if (!st.reached) continue;
    const auto& facts = fn.blockFacts[id];
    for (unsigned i = 0; i < facts.size(); ++i) {
      check(c, At{st, facts[i], id, i});
      transfer(fn, st, facts[i]);
    }
  }
  checkLeakAtDestruction(c);
  return c.take();
}

}  // namespace ownership

// Incremental analysis: per-function results cached between updates of one document, an edit confined
// to one function body re-parsed with every other cached body skipped, the rest reused and shifted.
//
// Why the reuse is sound. A "unit" is a non-template, non-constexpr function without a deduced return
// type, defined outside any function, whose body is a plain `{...}` in the main file and holds no
// block-scope extern or friend declaration. Nothing outside such a body can see into it: callers see the
// declaration only (annotations, types), so when an edit stays strictly inside one unit's braces and
// adds no preprocessor directive, every other unit's results (diagnostics with notes and fixes, the
// lowered CFG and dataflow used by hover and hints) are what a full analysis would compute again, at
// positions shifted by the edit. Everything else (declaration checks outside bodies, functions that are
// not units) is recomputed on the new AST, which Clang builds with the cached bodies skipped. Whatever
// cannot be proven so (an edit elsewhere, a changed preamble or header, a fix that reads the whole
// file, many errors) falls back to a full re-parse; tests/unit/IncrementalDiffTest.cpp checks the
// results equal a from-scratch analysis after random body edits.
#include "analysis/Incremental.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <regex>
#include <string_view>
#include <unordered_map>

#include <clang/AST/Decl.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclFriend.h>
#include <clang/AST/Stmt.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/Support/FileSystem.h>

#include "analysis/DeclChecks.h"
#include "analysis/Fixes.h"
#include "analysis/TextEdit.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership {

namespace {

// Errors beyond which a parse might reach Clang's error limit (19 by default), after which Sema stops
// doing some work: with bodies skipped the count differs from a full parse, so stay well below it.
constexpr size_t kMaxErrorsForIncremental = 10;

// An AST and the functions of one unit (or the loose functions of one parse) analysed on it. Shared by
// every build that reuses them; `old*` are the unit's coordinates in that AST's text.
struct Group {
  std::shared_ptr<ParsedFile> pf;
  FileResult fr;  // functions only
  unsigned oldBegin = 0, oldFirstLine = 0, oldLastLine = 0, oldFirstCol = 0;
};

struct Unit {
  std::shared_ptr<const Group> group;
  // Current coordinates: the function's extent [begin, end] (end: its `}`), body braces, name.
  unsigned begin = 0, end = 0, lbrace = 0, rbrace = 0, nameOffset = 0;
  unsigned firstLine = 0, lastLine = 0, firstCol = 0;
  std::string name;
  size_t hash = 0;                  // of the text [begin, end]
  std::vector<Diag> declDiags;      // of declarations inside the body, in traversal order
  std::vector<Diag> funcDiags;      // of its functions (itself, its lambdas, local classes' methods)
  std::vector<std::string> log;
  size_t errors = 0;                // Clang errors located on its lines
  bool skippable = true;            // no block-scope extern/friend declaration inside
  // Its body is read by the analysis of other functions (spec 2b.3, 2b.9: a constructor's
  // kept arguments, what a function returning a borrow returns, `delete this`): never
  // skipped in a re-parse, and an edit inside it re-checks its callers too (transitively
  // through callers that are themselves contract-relevant).
  bool contractRelevant = false;
  std::vector<std::string> callees;  // names of the functions and constructors its body calls, sorted
  // Spec 2d: its body instantiates one of the file's templates. Were it skipped, the instantiation
  // (and its diagnostics) would vanish, so it is always parsed.
  bool instantiates = false;
  size_t functionsBefore = 0;       // scratch, while assembling

  // old = current - shift, for positions inside the unit.
  int64_t offsetShift() const { return int64_t(begin) - group->oldBegin; }
  int64_t lineShift() const { return int64_t(firstLine) - group->oldFirstLine; }
  int64_t colShift() const { return int64_t(firstCol) - group->oldFirstCol; }
  void toCurrent(Pos& p) const {
    if (p.line == group->oldFirstLine) p.column = unsigned(p.column + colShift());
    p.line = unsigned(p.line + lineShift());
    p.offset = unsigned(p.offset + offsetShift());
  }
  void toOld(Pos& p) const {
    if (p.line == firstLine) p.column = unsigned(p.column - colShift());
    p.line = unsigned(p.line - lineShift());
    p.offset = unsigned(p.offset - offsetShift());
  }
};

struct FileStamp {
  std::string path;
  llvm::sys::TimePoint<> mtime;
  uint64_t size = 0;
};

std::vector<FileStamp> stampFiles(const SourceManager& sm, const std::string& mainPath) {
  // The files this parse read itself (not those inside the preamble, which CanReuse checks).
  std::vector<FileStamp> out;
  for (unsigned i = 0, n = sm.local_sloc_entry_size(); i < n; ++i) {
    const SrcMgr::SLocEntry& e = sm.getLocalSLocEntry(i);
    if (!e.isFile()) continue;
    OptionalFileEntryRef fe = e.getFile().getContentCache().OrigEntry;
    if (!fe) continue;
    std::string p = fe->getName().str();
    if (p == mainPath) continue;
    llvm::sys::fs::file_status st;
    if (llvm::sys::fs::status(p, st)) continue;
    out.push_back({p, st.getLastModificationTime(), st.getSize()});
  }
  return out;
}

bool stampsUnchanged(const std::vector<FileStamp>& stamps) {
  for (const FileStamp& s : stamps) {
    llvm::sys::fs::file_status st;
    if (llvm::sys::fs::status(s.path, st) || st.getLastModificationTime() != s.mtime || st.getSize() != s.size)
      return false;
  }
  return true;
}

std::optional<unsigned> mainOffset(const SourceManager& sm, SourceLocation l) {
  if (l.isInvalid() || !l.isFileID() || !sm.isInMainFile(l)) return std::nullopt;
  return sm.getFileOffset(l);
}

// Whether F can be a unit (see the file comment); fills the geometry.
bool unitGeometry(const FunctionDecl* F, const SourceManager& sm, Unit& u) {
  if (!F->doesThisDeclarationHaveABody()) return false;
  const auto* body = dyn_cast_or_null<CompoundStmt>(F->getBody());
  if (!body) return false;
  if (F->isDependentContext() || F->getTemplatedKind() != FunctionDecl::TK_NonTemplate) return false;
  if (F->isConstexpr() || F->getReturnType()->getContainedDeducedType()) return false;
  if (F->isDefaulted() || F->isDeleted()) return false;
  for (const DeclContext* dc = F->getLexicalDeclContext(); dc && !dc->isTranslationUnit();
       dc = dc->getLexicalParent()) {
    if (dc->isFunctionOrMethod()) return false;
    if (const auto* RD = dyn_cast<CXXRecordDecl>(dc); RD && (RD->isLambda() || RD->isDependentContext())) return false;
    if (!isa<NamespaceDecl>(dc) && !isa<RecordDecl>(dc) && !isa<LinkageSpecDecl>(dc)) return false;
  }
  auto name = mainOffset(sm, F->getLocation());
  auto begin = mainOffset(sm, F->getBeginLoc());
  auto lb = mainOffset(sm, body->getLBracLoc());
  auto rb = mainOffset(sm, body->getRBracLoc());
  auto end = mainOffset(sm, F->getEndLoc());
  if (!name || !begin || !lb || !rb || !end || *end != *rb || *begin > *name || *name >= *lb) return false;
  u.begin = *begin;
  u.end = *rb;
  u.lbrace = *lb;
  u.rbrace = *rb;
  u.nameOffset = *name;
  u.firstLine = sm.getSpellingLineNumber(F->getBeginLoc());
  u.firstCol = sm.getSpellingColumnNumber(F->getBeginLoc());
  u.lastLine = sm.getSpellingLineNumber(body->getRBracLoc());
  u.name = F->getNameAsString();
  return true;
}

size_t hashText(std::string_view text, unsigned begin, unsigned end) {
  if (end >= text.size() || begin > end) return 0;
  return std::hash<std::string_view>{}(text.substr(begin, end - begin + 1));
}

// The main-file line of a "path:line:col: message" error, or 0.
unsigned errorLine(const std::string& err, const std::string& mainPath) {
  if (err.compare(0, mainPath.size(), mainPath) != 0 || err.size() <= mainPath.size() || err[mainPath.size()] != ':')
    return 0;
  return static_cast<unsigned>(std::strtoul(err.c_str() + mainPath.size() + 1, nullptr, 10));
}

}  // namespace

struct IncrementalBuild::Impl {
  std::shared_ptr<ParsedFile> pf;
  std::string mainPath;
  std::shared_ptr<const Group> loose;  // functions of this parse outside every unit
  std::vector<Unit> units;             // in source order
  std::vector<Diag> diags;
  std::vector<std::string> log;
  std::vector<FileStamp> stamps;
  bool cancelled = false;
  bool fatal = true;
  // What deferredFixes() re-parses: this update's input, and the preamble cache to parse it with.
  std::string path, text;
  std::vector<std::string> flags;
  std::shared_ptr<PreambleCache> preamble;
  std::once_flag fullOnce;
  std::vector<Diag> fullDiags;  // a full parse's diagnostics, with every fix
};

IncrementalBuild::IncrementalBuild() : impl_(std::make_unique<Impl>()) {}
IncrementalBuild::~IncrementalBuild() = default;
bool IncrementalBuild::fatal() const { return impl_->fatal; }
ParsedFile* IncrementalBuild::parsed() const { return impl_->pf.get(); }
const std::vector<Diag>& IncrementalBuild::diags() const { return impl_->diags; }
const std::vector<std::string>& IncrementalBuild::log() const { return impl_->log; }
bool IncrementalBuild::cancelled() const { return impl_->cancelled; }

// Whole-file fixes need every body: parse this update's text once more without skipping any,
// at the first request, and take the fixes of the same diagnostic from that analysis.
std::vector<Fix> IncrementalBuild::deferredFixes(const Diag& d) const {
  Impl& im = *impl_;
  if (!d.fixesDeferred || im.fatal) return d.fixes;
  std::call_once(im.fullOnce, [&im] {
    std::unique_ptr<ParsedFile> pf = ParsedFile::build(im.path, im.text, im.flags, im.preamble.get());
    if (!pf || pf->fatal() || !pf->context()) return;
    FileResult fr = analyzeAST(*pf->context());
    im.fullDiags = std::move(fr.diags);
  });
  for (const Diag& full : im.fullDiags)
    if (full.code == d.code && full.range.begin.offset == d.range.begin.offset &&
        full.range.end.offset == d.range.end.offset && full.range.file == d.range.file)
      return full.fixes;
  return {};
}

// The group whose AST holds `offset`: the unit of the function (as ownership::functionAt: the one
// holding the offset that begins last) or, outside every function, of the declaration; null for
// the loose group, whose AST is this parse's.
namespace {

const Unit* unitAt(const IncrementalBuild::Impl& im, unsigned offset) {
  const Unit* bestUnit = nullptr;
  bool found = false;
  unsigned bestBegin = 0;
  for (const FunctionResult& f : im.loose->fr.functions)
    if (offset >= f.beginOffset && offset <= f.endOffset && (!found || f.beginOffset >= bestBegin)) {
      found = true;
      bestBegin = f.beginOffset;
    }
  for (const Unit& u : im.units) {
    if (offset < u.begin || offset > u.end) continue;
    for (const FunctionResult& f : u.group->fr.functions) {
      int64_t b = f.beginOffset + u.offsetShift(), e = f.endOffset + u.offsetShift();
      if (offset >= b && offset <= e && (!found || b >= bestBegin)) {
        found = true;
        bestBegin = unsigned(b);
        bestUnit = &u;
      }
    }
  }
  if (found) return bestUnit;
  for (const Unit& u : im.units)
    if (offset >= u.begin && offset <= u.end) return &u;
  return nullptr;
}

// Every function's holdings, in the current text's coordinates.
std::vector<Holding> allHoldings(const IncrementalBuild::Impl& im) {
  std::vector<Holding> all = holdingsOf(*im.pf->context(), im.loose->fr);
  for (const Unit& u : im.units)
    for (Holding& h : holdingsOf(*u.group->pf->context(), u.group->fr)) {
      if (h.at.file == im.mainPath) {
        u.toCurrent(h.at.begin);
        u.toCurrent(h.at.end);
      }
      all.push_back(std::move(h));
    }
  // As holdingsOf orders them.
  auto key = [](const Holding& h) { return std::make_tuple(h.at.begin.offset, h.holder, h.what); };
  std::sort(all.begin(), all.end(), [&](const Holding& a, const Holding& b) { return key(a) < key(b); });
  return all;
}

}  // namespace

std::optional<HoverInfo> IncrementalBuild::hoverAt(unsigned offset) const {
  if (impl_->fatal || !impl_->loose) return std::nullopt;  // no AST, or cancelled before the end
  HoldingsSource held = [this] { return allHoldings(*impl_); };
  const Unit* unit = unitAt(*impl_, offset);
  if (!unit) return ownership::hoverAt(*impl_->pf->context(), impl_->loose->fr, offset, held);
  const Unit& u = *unit;
  std::optional<HoverInfo> h =
      ownership::hoverAt(*u.group->pf->context(), u.group->fr, unsigned(offset - u.offsetShift()), held);
  if (!h || (u.offsetShift() == 0 && u.lineShift() == 0 && u.colShift() == 0)) return h;
  if (h->range.file == impl_->mainPath) {
    u.toCurrent(h->range.begin);
    u.toCurrent(h->range.end);
  }
  // The text names lines ("moved (line 12)", "(lines 4-9)") of the function, which moved with it.
  auto mapLine = [&](const std::string& s) {
    unsigned long l = std::strtoul(s.c_str(), nullptr, 10);
    if (l >= u.group->oldFirstLine && l <= u.group->oldLastLine) l = static_cast<unsigned long>(l + u.lineShift());
    return std::to_string(l);
  };
  static const std::regex kLine(R"(\((line|lines) (\d+)(-(\d+))?\))");
  std::string out;
  auto it = std::sregex_iterator(h->markdown.begin(), h->markdown.end(), kLine);
  size_t last = 0;
  for (; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out += h->markdown.substr(last, m.position(0) - last);
    out += "(" + m[1].str() + " " + mapLine(m[2].str());
    if (m[3].matched) out += "-" + mapLine(m[4].str());
    out += ")";
    last = m.position(0) + m.length(0);
  }
  out += h->markdown.substr(last);
  h->markdown = std::move(out);
  return h;
}

std::vector<Highlight> IncrementalBuild::highlightsAt(unsigned offset) const {
  if (impl_->fatal || !impl_->loose) return {};
  const Unit* unit = unitAt(*impl_, offset);
  if (!unit) return ownership::highlightsAt(*impl_->pf->context(), impl_->loose->fr, offset, impl_->diags);
  const Unit& u = *unit;
  // The unit's diagnostics, back in the coordinates of the AST it was analysed on.
  std::vector<Diag> diags;
  for (const Diag& d : impl_->diags) {
    if (d.range.file != impl_->mainPath || d.range.begin.offset < u.begin || d.range.end.offset > u.end + 1) continue;
    Diag old = d;
    for (Range* r : {&old.range, old.input.borrowSite ? &*old.input.borrowSite : nullptr,
                     old.input.releaseSite ? &*old.input.releaseSite : nullptr})
      if (r) {
        u.toOld(r->begin);
        u.toOld(r->end);
      }
    diags.push_back(std::move(old));
  }
  std::vector<Highlight> hs =
      ownership::highlightsAt(*u.group->pf->context(), u.group->fr, unsigned(offset - u.offsetShift()), diags);
  for (Highlight& h : hs)
    if (h.range.file == impl_->mainPath) {
      u.toCurrent(h.range.begin);
      u.toCurrent(h.range.end);
    }
  return hs;
}

std::vector<InlayHint> IncrementalBuild::inlayHints(unsigned beginOffset, unsigned endOffset) const {
  std::vector<InlayHint> all;
  if (impl_->fatal || !impl_->loose) return all;
  all = ownership::inlayHints(*impl_->pf->context(), impl_->loose->fr, beginOffset, endOffset);
  for (const Unit& u : impl_->units) {
    if (u.begin >= endOffset || u.end < beginOffset) continue;
    auto clamp = [](int64_t v) { return unsigned(std::clamp<int64_t>(v, 0, UINT32_MAX)); };
    std::vector<InlayHint> hs =
        ownership::inlayHints(*u.group->pf->context(), u.group->fr, clamp(int64_t(beginOffset) - u.offsetShift()),
                              clamp(int64_t(endOffset) - u.offsetShift()));
    for (InlayHint& h : hs) {
      u.toCurrent(h.position);
      all.push_back(std::move(h));
    }
  }
  auto key = [](const InlayHint& h) { return std::make_tuple(h.position.offset, static_cast<int>(h.kind), h.label); };
  std::sort(all.begin(), all.end(), [&](const InlayHint& a, const InlayHint& b) { return key(a) < key(b); });
  all.erase(std::unique(all.begin(), all.end(), [&](const InlayHint& a, const InlayHint& b) { return key(a) == key(b); }),
            all.end());
  return all;
}

struct IncrementalAnalyzer::State {
  std::string path, text;
  std::vector<std::string> flags;
  std::shared_ptr<IncrementalBuild> build;
  unsigned incrementalRun = 0;
};

IncrementalAnalyzer::IncrementalAnalyzer(IncrementalOptions opts)
    : opts_(opts), preamble_(std::make_shared<PreambleCache>()) {}
IncrementalAnalyzer::~IncrementalAnalyzer() = default;

void IncrementalAnalyzer::reset() {
  state_.reset();
  // After a crash the old preamble's state is unknown: leaked, not destroyed (as DocumentWorker did).
  // A build may still hold it (IncrementalBuild::deferredFixes): one reference is leaked.
  (void)new std::shared_ptr<PreambleCache>(std::move(preamble_));
  preamble_ = std::make_shared<PreambleCache>();
}

namespace {

// The names a body calls: functions, operators, constructors (by their class's name). By name,
// so over-approximate (overloads, same-named methods): a caller found by mistake is only
// re-checked, never missed.
struct CalleeNames : RecursiveASTVisitor<CalleeNames> {
  std::vector<std::string> names;
  bool shouldVisitLambdaBody() const { return true; }
  void add(const NamedDecl* D) {
    if (D && D->getDeclName().isIdentifier()) names.push_back(D->getNameAsString());
    else if (D) names.push_back(D->getDeclName().getAsString());
  }
  bool VisitCallExpr(CallExpr* E) {
    add(E->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr* E) {
    add(E->getConstructor());
    return true;
  }
};

std::vector<std::string> calleesOf(const FunctionDecl* F) {
  CalleeNames v;
  if (const Stmt* body = F->getBody()) v.TraverseStmt(const_cast<Stmt*>(body));
  if (const auto* C = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer* I : C->inits())
      if (I->getInit()) v.TraverseStmt(const_cast<Expr*>(I->getInit()));
  std::sort(v.names.begin(), v.names.end());
  v.names.erase(std::unique(v.names.begin(), v.names.end()), v.names.end());
  return v.names;
}

// One parse + analysis. `carried` are the units of the previous build, already moved to the new text;
// those whose bodies Clang skips are reused, the others dropped (their bodies are analysed afresh).
std::shared_ptr<IncrementalBuild> runBuild(const std::string& path, const std::string& text,
                                           const std::vector<std::string>& flags, const std::shared_ptr<PreambleCache>& cache,
                                           std::vector<Unit> carried, unsigned maxBlockVisits,
                                           const std::function<bool()>& cancelled) {
  auto build = std::make_shared<IncrementalBuild>();
  IncrementalBuild::Impl& im = *build->impl_;
  std::unordered_map<unsigned, size_t> byName;
  for (size_t i = 0; i < carried.size(); ++i) byName[carried[i].nameOffset] = i;
  std::vector<char> skipped(carried.size(), 0);
  unsigned kept[3] = {0, 0, 0};  // cached bodies parsed anyway: contract-relevant, instantiating, templates
  ParsedFile::SkipBody skip;
  if (!carried.empty())
    skip = [&](const FunctionDecl* F) {
      const SourceManager& sm = F->getASTContext().getSourceManager();
      auto off = mainOffset(sm, F->getLocation());
      if (!off) return false;
      auto it = byName.find(*off);
      if (it == byName.end() || skipped[it->second]) return false;
      // Why a cached body is parsed again anyway, counted for the log (the build profile).
      if (carried[it->second].contractRelevant) return ++kept[0], false;
      if (carried[it->second].instantiates) return ++kept[1], false;
      if (F->isDependentContext() || F->getTemplatedKind() != FunctionDecl::TK_NonTemplate) return ++kept[2], false;
      if (F->getNameAsString() != carried[it->second].name) return false;
      skipped[it->second] = 1;
      return true;
    };
  im.path = path;
  im.text = text;
  im.flags = flags;
  im.pf = std::shared_ptr<ParsedFile>(ParsedFile::build(path, text, flags, cache.get(), std::move(skip)));
  im.preamble = cache;
  build->parseMs = im.pf->parseMs();
  if (im.pf->fatal() || !im.pf->context()) return build;
  im.fatal = false;
  if (!carried.empty())
    im.log.push_back("cached bodies parsed again: " + std::to_string(kept[0]) + " read by callers' analysis, " +
                     std::to_string(kept[1]) + " instantiate the file's templates, " + std::to_string(kept[2]) +
                     " templates");
  // Phase stamps for the build profile (IncrementalBuild::collectMs...).
  auto stamp = std::chrono::steady_clock::now();
  auto lap = [&stamp](double& into) {
    auto now = std::chrono::steady_clock::now();
    into += std::chrono::duration<double, std::milli>(now - stamp).count();
    stamp = now;
  };
  ASTContext& ctx = *im.pf->context();
  const SourceManager& sm = ctx.getSourceManager();
  im.mainPath = mainFilePath(sm);
  MainFileItems items = collectMainFileItems(ctx);

  // Units of this parse: functions whose bodies were parsed. Their bodies are disjoint.
  std::vector<Unit> fresh;
  std::unordered_map<const Decl*, size_t> unitOfFn;
  for (size_t i = 0; i < items.decls.size(); ++i) {
    const auto* F = dyn_cast<FunctionDecl>(items.decls[i]);
    Unit u;
    if (!F || !unitGeometry(F, sm, u)) continue;
    u.hash = hashText(text, u.begin, u.end);
    u.contractRelevant = isa<CXXConstructorDecl>(F) || model::isBorrowLike(F->getReturnType()) ||
                         model::holdsBorrows(F->getReturnType()) ||
                         std::string_view(text).substr(u.begin, u.end - u.begin).find("delete this") != std::string_view::npos;
    u.callees = calleesOf(F);
    unitOfFn[F] = fresh.size();
    fresh.push_back(std::move(u));
  }
  std::vector<size_t> byBrace(fresh.size());
  for (size_t i = 0; i < fresh.size(); ++i) byBrace[i] = i;
  std::sort(byBrace.begin(), byBrace.end(), [&](size_t a, size_t b) { return fresh[a].lbrace < fresh[b].lbrace; });
  auto unitAt = [&](SourceLocation l) -> int {
    if (l.isInvalid()) return -1;
    l = sm.getFileLoc(l);
    if (!sm.isInMainFile(l)) return -1;
    unsigned off = sm.getFileOffset(l);
    auto it = std::upper_bound(byBrace.begin(), byBrace.end(), off,
                               [&](unsigned o, size_t u) { return o < fresh[u].lbrace; });
    if (it == byBrace.begin()) return -1;
    size_t u = *(it - 1);
    return off <= fresh[u].rbrace ? static_cast<int>(u) : -1;
  };

  for (const FunctionDecl* F : items.functions)
    if (const Decl* inst = enclosingInstantiation(F)) {
      int u = unitAt(pointOfInstantiation(inst));
      if (u >= 0) fresh[u].instantiates = true;
    }

  lap(build->collectMs);
  // Declaration checks.
  std::vector<std::vector<Diag>> declDiags(items.decls.size());
  std::vector<int> declUnit(items.decls.size(), -1);
  for (size_t i = 0; i < items.decls.size(); ++i) {
    const Decl* D = items.decls[i];
    checkDecl(ctx, D, declDiags[i]);
    declUnit[i] = unitAt(D->getLocation());
    if (declUnit[i] >= 0 &&
        (D->isLocalExternDecl() || isa<FriendDecl>(D) || (isa<FunctionDecl>(D) && !isa<CXXMethodDecl>(D))))
      fresh[declUnit[i]].skippable = false;
  }
  lap(build->declMs);
  // Function analyses.
  std::vector<std::vector<Diag>> fnDiags(items.functions.size());
  std::vector<std::vector<std::string>> fnLog(items.functions.size());
  std::vector<int> fnUnit(items.functions.size(), -1);
  std::vector<FunctionResult> results;
  std::vector<int> resultUnit;
  AnalysisOptions opts;
  opts.maxBlockVisits = maxBlockVisits;
  for (size_t k = 0; k < items.functions.size(); ++k) {
    if (cancelled && cancelled()) {
      im.cancelled = true;
      return build;
    }
    const FunctionDecl* F = items.functions[k];
    auto it = unitOfFn.find(F);
    fnUnit[k] = it != unitOfFn.end() ? static_cast<int>(it->second) : unitAt(F->getLocation());
    std::optional<FunctionResult> fr = analyzeFunction(ctx, F, opts, fnDiags[k], fnLog[k]);
    if (fr) {
      results.push_back(std::move(*fr));
      resultUnit.push_back(fnUnit[k]);
    }
  }
  lap(build->functionsMs);
  // Fixes per diagnostic (each fix depends only on its diagnostic, the text and the AST), before the
  // deduplication, so that each unit keeps its diagnostics complete.
  for (auto& l : declDiags)
    if (!l.empty()) addFixes(ctx, l, results, /*deferWholeFile=*/true);
  TemplateMerge merge;
  for (size_t k = 0; k < fnDiags.size(); ++k) {
    if (!fnDiags[k].empty()) addFixes(ctx, fnDiags[k], results, /*deferWholeFile=*/true);
    merge.add(ctx, items.functions[k], fnDiags[k]);
  }
  lap(build->fixesMs);

  // Clang errors per unit: a guard against the error limit (see kMaxErrorsForIncremental).
  size_t errors = im.pf->errors().size();
  for (const std::string& e : im.pf->errors()) {
    unsigned line = errorLine(e, im.mainPath);
    if (!line) continue;
    for (Unit& u : fresh)
      if (line >= u.firstLine && line <= u.lastLine) {
        ++u.errors;
        break;
      }
  }

  // Groups: one per fresh unit, one for the loose functions.
  std::vector<std::shared_ptr<Group>> groups(fresh.size());
  for (size_t i = 0; i < fresh.size(); ++i) {
    groups[i] = std::make_shared<Group>();
    groups[i]->pf = im.pf;
    groups[i]->oldBegin = fresh[i].begin;
    groups[i]->oldFirstLine = fresh[i].firstLine;
    groups[i]->oldLastLine = fresh[i].lastLine;
    groups[i]->oldFirstCol = fresh[i].firstCol;
  }
  auto loose = std::make_shared<Group>();
  loose->pf = im.pf;
  for (size_t r = 0; r < results.size(); ++r)
    (resultUnit[r] >= 0 ? groups[resultUnit[r]] : loose)->fr.functions.push_back(std::move(results[r]));

  // The raw diagnostics in analyzeAST's order (decls, then functions, in traversal order), with the
  // skipped units' cached ones where their bodies would have been traversed.
  std::vector<Diag> raw;
  std::unordered_map<unsigned, size_t> skippedByName;
  for (size_t i = 0; i < carried.size(); ++i)
    if (skipped[i]) skippedByName[carried[i].nameOffset] = i;
  std::vector<size_t> skippedOrder;  // carried units in traversal order
  int pending = -1;
  for (size_t i = 0; i < items.decls.size(); ++i) {
    const Decl* D = items.decls[i];
    auto off = mainOffset(sm, sm.getFileLoc(D->getLocation()));
    if (pending >= 0 && (!off || *off < carried[pending].begin || *off > carried[pending].end)) {
      for (const Diag& d : carried[pending].declDiags) raw.push_back(d);
      pending = -1;
    }
    for (Diag& d : declDiags[i]) {
      if (declUnit[i] >= 0) fresh[declUnit[i]].declDiags.push_back(d);
      raw.push_back(std::move(d));
    }
    if (const auto* F = dyn_cast<FunctionDecl>(D); F && off) {
      auto it = skippedByName.find(*off);
      if (it != skippedByName.end() && !F->doesThisDeclarationHaveABody()) {
        if (pending >= 0)
          for (const Diag& d : carried[pending].declDiags) raw.push_back(d);
        pending = static_cast<int>(it->second);
        carried[pending].functionsBefore = items.functionsBefore[i];
        skippedOrder.push_back(it->second);
        skippedByName.erase(it);
      }
    }
  }
  if (pending >= 0)
    for (const Diag& d : carried[pending].declDiags) raw.push_back(d);
  for (auto& [off, i] : skippedByName) {  // not met in the traversal (should not happen): keep them anyway
    carried[i].functionsBefore = items.functions.size();
    for (const Diag& d : carried[i].declDiags) raw.push_back(d);
    skippedOrder.push_back(i);
  }
  size_t s = 0;
  // Stable by construction (ties keep their index order); std::stable_sort warns with libstdc++ 12.
  std::sort(skippedOrder.begin(), skippedOrder.end(), [&](size_t a, size_t b) {
    return std::make_pair(carried[a].functionsBefore, a) < std::make_pair(carried[b].functionsBefore, b);
  });
  for (size_t k = 0; k <= items.functions.size(); ++k) {
    for (; s < skippedOrder.size() && carried[skippedOrder[s]].functionsBefore <= k; ++s)
      for (const Diag& d : carried[skippedOrder[s]].funcDiags) raw.push_back(d);
    if (k == items.functions.size()) break;
    for (std::string& l : fnLog[k]) {
      if (fnUnit[k] >= 0) fresh[fnUnit[k]].log.push_back(l);
      im.log.push_back(std::move(l));
    }
    for (Diag& d : fnDiags[k]) {
      if (fnUnit[k] >= 0) fresh[fnUnit[k]].funcDiags.push_back(d);
      raw.push_back(std::move(d));
    }
  }
  im.diags = dedupAndSort(std::move(raw), im.mainPath);
  merge.finish(im.diags);
  suppress(sm, im.diags, nullptr);

  // The units of this build, in source order.
  for (size_t i = 0; i < fresh.size(); ++i) {
    fresh[i].group = groups[i];
    im.units.push_back(std::move(fresh[i]));
  }
  for (size_t i : skippedOrder) {
    for (const std::string& l : carried[i].log) im.log.push_back(l);
    errors += carried[i].errors;
    im.units.push_back(std::move(carried[i]));
  }
  std::sort(im.units.begin(), im.units.end(), [](const Unit& a, const Unit& b) { return a.begin < b.begin; });
  im.loose = std::move(loose);
  build->functionsChecked = static_cast<unsigned>(fresh.size());
  build->functionsReused = static_cast<unsigned>(skippedOrder.size());
  if (errors >= kMaxErrorsForIncremental) build->fullReason = "many errors";  // read by update()
  im.stamps = stampFiles(sm, im.mainPath);
  lap(build->assembleMs);
  return build;
}

}  // namespace

std::shared_ptr<IncrementalBuild> IncrementalAnalyzer::update(const std::string& path, const std::string& text,
                                                              const std::vector<std::string>& flags,
                                                              const std::function<bool()>& cancelled) {
  auto t0 = std::chrono::steady_clock::now();
  // Decide whether this update may be incremental, and carry the units over the edit.
  std::string why;
  std::vector<Unit> carried;
  Edit edit;
  const Unit* edited = nullptr;
  const State* st = state_.get();
  if (!opts_.enabled) why = "disabled";
  else if (!st) why = "first build";
  else if (st->path != path || st->flags != flags) why = "path or flags changed";
  else if (st->text == text) why = "same text (rebuild)";
  else if (st->incrementalRun >= opts_.maxIncrementalRun) why = "periodic full re-parse";
  else if (text.find('\r') != std::string::npos || text.find("__LINE__") != std::string::npos ||
           text.find("__COUNTER__") != std::string::npos)
    why = "text with \\r, __LINE__ or __COUNTER__";
  else if (std::any_of(flags.begin(), flags.end(), [](const std::string& f) {
             return f.rfind("-ferror-limit", 0) == 0 || f == "-Wfatal-errors";
           }))
    why = "error-limit flags";
  if (why.empty()) {
    const IncrementalBuild::Impl& prev = *st->build->impl_;
    edit = diffTexts(st->text, text);
    std::string_view removed(st->text.data() + edit.start, edit.oldEnd - edit.start);
    std::string_view inserted(text.data() + edit.start, edit.newEnd - edit.start);
    for (const Unit& u : prev.units)
      if (u.lbrace < edit.start && edit.oldEnd <= u.rbrace) edited = &u;
    size_t asts = 0;
    {
      std::vector<const ParsedFile*> seen;
      for (const Unit& u : prev.units)
        if (std::find(seen.begin(), seen.end(), u.group->pf.get()) == seen.end()) seen.push_back(u.group->pf.get());
      asts = seen.size();
    }
    if (removed.find('#') != std::string_view::npos || inserted.find('#') != std::string_view::npos)
      why = "preprocessor text edited";
    else if (!edited)
      why = "edit outside function bodies";
    else if (!edited->skippable)
      why = "edited function declares block-scope externs";
    else if (asts > opts_.maxOldAsts)
      why = "too many old ASTs alive";
    else if (!stampsUnchanged(prev.stamps))
      why = "an included file changed";
  }
  if (why.empty()) {
    const IncrementalBuild::Impl& prev = *st->build->impl_;
    for (const Unit& u : prev.units) {
      if (&u == edited || !u.skippable) continue;
      if (!(u.end < edit.start || u.begin > edit.oldEnd)) continue;
      Unit c = u;
      Pos b{c.begin, c.firstLine, c.firstCol}, e{c.end, c.lastLine, 1};
      bool ok = mapPos(b, edit) && mapPos(e, edit);
      c.begin = b.offset;
      c.firstLine = b.line;
      c.firstCol = b.column;
      c.end = e.offset;
      c.lastLine = e.line;
      auto shift = [&](unsigned& o) {
        Pos p{o, 0, 0};
        ok = ok && mapPos(p, edit);
        o = p.offset;
      };
      shift(c.lbrace);
      shift(c.rbrace);
      shift(c.nameOffset);
      for (Diag& d : c.declDiags) ok = ok && mapDiag(d, prev.mainPath, edit);
      for (Diag& d : c.funcDiags) ok = ok && mapDiag(d, prev.mainPath, edit);
      // The same text at the new place (a guard: the edit lies elsewhere, so this always holds).
      if (!ok || hashText(text, c.begin, c.end) != c.hash) continue;
      carried.push_back(std::move(c));
    }
    // The edited body is read by its callers' analysis: they are re-checked with it (not
    // carried), and so on through callers whose own bodies are read by theirs.
    if (edited->contractRelevant) {
      std::vector<std::string> read = {edited->name};
      std::vector<char> recheck(carried.size(), 0);
      for (bool grew = true; grew;) {
        grew = false;
        for (size_t i = 0; i < carried.size(); ++i) {
          if (recheck[i]) continue;
          const std::vector<std::string>& cs = carried[i].callees;
          if (std::none_of(read.begin(), read.end(),
                           [&](const std::string& n) { return std::binary_search(cs.begin(), cs.end(), n); }))
            continue;
          recheck[i] = 1;
          if (carried[i].contractRelevant) {
            read.push_back(carried[i].name);
            grew = true;
          }
        }
      }
      std::vector<Unit> kept;
      for (size_t i = 0; i < carried.size(); ++i)
        if (!recheck[i]) kept.push_back(std::move(carried[i]));
      carried = std::move(kept);
    }
  }

  std::shared_ptr<IncrementalBuild> build;
  double attemptMs = 0;  // an incremental build thrown away below (the profile counts it)
  if (why.empty()) {
    unsigned builtBefore = preamble_->builds();
    build = runBuild(path, text, flags, preamble_, std::move(carried), opts_.maxBlockVisits, cancelled);
    const IncrementalBuild::Impl& im = *build->impl_;
    if (im.cancelled) return build;
    // Validate: the edited body parsed as one body between the same braces, no new preamble.
    const Unit* now = nullptr;
    for (const Unit& u : im.units)
      if (u.group->pf == im.pf && u.nameOffset == edited->nameOffset) now = &u;
    if (im.fatal) why = "no AST";
    else if (preamble_->builds() != builtBefore || im.pf->builtPreamble()) why = "preamble rebuilt";
    else if (!build->fullReason.empty()) why = build->fullReason;
    else if (!now || now->lbrace != edited->lbrace || now->rbrace != edited->rbrace + edit.newEnd - edit.oldEnd)
      why = "the edit changed the function's extent";
    else if (!now->skippable) why = "edited function declares block-scope externs";
    else if (now->contractRelevant && !edited->contractRelevant)
      why = "edited function's body is now read by its callers' analysis (`delete this`)";
    if (why.empty()) {
      build->incremental = true;
      build->fullReason.clear();
    } else {
      attemptMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      build.reset();
    }
  }
  if (!build) {
    build = runBuild(path, text, flags, preamble_, {}, opts_.maxBlockVisits, cancelled);
    build->fullReason = why;
    build->attemptMs = attemptMs;
    if (build->impl_->cancelled) return build;
  }
  build->totalMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (build->fatal()) {
    state_.reset();  // nothing to reuse; the next update parses fully
    ++fullBuilds_;
    return build;
  }
  auto next = std::make_shared<State>();
  next->path = path;
  next->text = text;
  next->flags = flags;
  next->build = build;
  next->incrementalRun = build->incremental ? (state_ ? state_->incrementalRun : 0) + 1 : 0;
  state_ = std::move(next);
  ++(build->incremental ? incrementalBuilds_ : fullBuilds_);
  return build;
}

}  // namespace ownership

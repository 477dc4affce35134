// Runs the declaration checks and the per-function analysis over a main file, its template
// instantiations and (when asked) the project's headers.
#include "analysis/FileAnalysis.h"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <unordered_map>

#include "analysis/Checker.h"
#include "analysis/DeclChecks.h"
#include "analysis/FactDump.h"
#include "analysis/InferredReturns.h"
#include "analysis/Fixes.h"
#include "analysis/Liveness.h"
#include "analysis/NestingDepth.h"

using namespace clang;

namespace ownership {

AnalysisStats& AnalysisStats::operator+=(const AnalysisStats& o) {
  analysed += o.analysed;
  instantiations += o.instantiations;
  inHeaders += o.inHeaders;
  mainNonTemplate += o.mainNonTemplate;
  neverInstantiated += o.neverInstantiated;
  skippedErrors += o.skippedErrors;
  skippedCap += o.skippedCap;
  claimedElsewhere += o.claimedElsewhere;
  return *this;
}

// A class made from a template by instantiation (not an explicit specialisation the user wrote).
static bool isInstantiatedClass(const CXXRecordDecl* R) {
  TemplateSpecializationKind k = R->getTemplateSpecializationKind();
  return k == TSK_ImplicitInstantiation || k == TSK_ExplicitInstantiationDefinition ||
         k == TSK_ExplicitInstantiationDeclaration;
}

const Decl* enclosingInstantiation(const FunctionDecl* F) {
  for (const DeclContext* dc = F; dc; dc = dc->getParent()) {
    if (const auto* G = dyn_cast<FunctionDecl>(dc); G && G->isTemplateInstantiation()) return G;
    if (const auto* R = dyn_cast<CXXRecordDecl>(dc); R && isInstantiatedClass(R)) return R;
  }
  return nullptr;
}

std::string instantiationName(const Decl* inst) {
  std::string out;
  llvm::raw_string_ostream os(out);
  const auto* ND = dyn_cast_or_null<NamedDecl>(inst);
  if (!ND) return out;
  PrintingPolicy pp(ND->getASTContext().getLangOpts());
  pp.SuppressTagKeyword = true;
  pp.SuppressDefaultTemplateArgs = true;
  const auto* M = dyn_cast<CXXMethodDecl>(ND);
  if (M && M->getParent()->isLambda()) {
    // A generic lambda: `lambda<std::string>` (Clang's own name for it is `(lambda at FILE:L:C)`).
    os << "lambda";
    if (const TemplateArgumentList* args = M->getTemplateSpecializationArgs())
      printTemplateArgumentList(os, args->asArray(), pp);
  } else {
    ND->getNameForDiagnostic(os, pp, /*Qualified=*/true);
  }
  // Canonical template arguments spell std's aliases out; write them as users do.
  static const std::pair<const char*, const char*> kAliases[] = {
      {"std::basic_string<char>", "std::string"},
      {"std::basic_string_view<char>", "std::string_view"},
      {"std::basic_string<wchar_t>", "std::wstring"},
  };
  for (auto [from, to] : kAliases)
    for (size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, std::strlen(from), to);
  return out;
}

SourceLocation pointOfInstantiation(const Decl* inst) {
  if (const auto* G = dyn_cast_or_null<FunctionDecl>(inst)) return G->getPointOfInstantiation();
  if (const auto* R = dyn_cast_or_null<ClassTemplateSpecializationDecl>(inst)) return R->getPointOfInstantiation();
  return {};
}

namespace {

// Which files are in reach: the main file, and the headers `headerInReach` accepts (never a system
// header). One answer per file.
class Reach {
 public:
  Reach(const SourceManager& sm, const std::function<bool(const std::string&)>& headers) : sm_(sm), headers_(headers) {}
  bool operator()(SourceLocation l) {
    if (l.isInvalid()) return false;
    l = sm_.getFileLoc(l);
    FileID fid = sm_.getFileID(l);
    if (fid == sm_.getMainFileID()) return true;
    if (!headers_) return false;
    auto [it, fresh] = cache_.try_emplace(fid.getHashValue(), false);
    if (!fresh) return it->second;
    if (sm_.isInSystemHeader(l)) return false;
    std::string path = SourceConv(sm_).file(fid);
    it->second = !path.empty() && headers_(path);
    return it->second;
  }
  bool inMain(SourceLocation l) const { return l.isValid() && sm_.isInMainFile(sm_.getFileLoc(l)); }

 private:
  const SourceManager& sm_;
  const std::function<bool(const std::string&)>& headers_;
  std::unordered_map<unsigned, bool> cache_;
};

class Collector : public RecursiveASTVisitor<Collector> {
 public:
  Collector(ASTContext& ctx, const std::function<bool(const std::string&)>& headers)
      : reach_(ctx.getSourceManager(), headers) {}
  bool shouldVisitLambdaBody() const { return true; }
  // Spec 2d: templates are checked at each instantiation.
  bool shouldVisitTemplateInstantiations() const { return true; }
  std::vector<const FunctionDecl*> functions;
  std::vector<const Decl*> decls;
  std::vector<size_t> functionsBefore;
  std::vector<const FunctionDecl*> patterns;             // template bodies met (for "never instantiated")
  std::set<const FunctionDecl*> instantiatedPatterns;    // bodies some analysed instantiation came from

  bool VisitDecl(Decl* D) {
    if (D->isImplicit() || !reach_(D->getLocation())) return true;
    const auto* F = dyn_cast<FunctionDecl>(D);
    bool inst = F ? enclosingInstantiation(F) != nullptr : inInstantiation(D);
    if (!inst) {  // declarations are checked once, on the text the user wrote
      decls.push_back(D);
      functionsBefore.push_back(functions.size());
    }
    if (F && F->doesThisDeclarationHaveABody()) {
      if (!F->isDependentContext())
        addFunction(F);
      else if (!inst && !F->isInvalidDecl() && !isLambdaMember(F))
        patterns.push_back(F);
    }
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr* L) {
    const CXXMethodDecl* op = L->getCallOperator();
    if (!op || !reach_(op->getLocation())) return true;
    if (!op->isDependentContext()) {
      addFunction(op);
    } else if (const FunctionTemplateDecl* T = op->getDescribedFunctionTemplate()) {
      // A generic lambda: each specialisation of its call operator (RecursiveASTVisitor does not
      // visit them).
      for (const FunctionDecl* S : T->specializations())
        if (S->doesThisDeclarationHaveABody() && !S->isDependentContext()) addFunction(S);
    }
    return true;
  }

 private:
  void addFunction(const FunctionDecl* F) {
    // RecursiveASTVisitor meets an instantiation from its template and again where it is declared.
    if (!added_.insert(F).second) return;
    functions.push_back(F);
    if (enclosingInstantiation(F))
      if (const FunctionDecl* P = F->getTemplateInstantiationPattern()) instantiatedPatterns.insert(P);
  }
  static bool isLambdaMember(const FunctionDecl* F) {
    const auto* R = dyn_cast<CXXRecordDecl>(F->getDeclContext());
    if (R && R->isLambda()) return true;
    for (const DeclContext* dc = F->getParent(); dc; dc = dc->getParent())
      if (isa<FunctionDecl>(dc)) return true;  // a local class's member: instantiated with its function
    return false;
  }
  static bool inInstantiation(const Decl* D) {
    for (const DeclContext* dc = D->getDeclContext(); dc; dc = dc->getParent()) {
      if (const auto* F = dyn_cast<FunctionDecl>(dc)) return enclosingInstantiation(F) != nullptr;
      if (const auto* R = dyn_cast<CXXRecordDecl>(dc); R && isInstantiatedClass(R)) return true;
    }
    if (const auto* R = dyn_cast<CXXRecordDecl>(D)) {
      TemplateSpecializationKind k = R->getTemplateSpecializationKind();
      return k == TSK_ImplicitInstantiation || k == TSK_ExplicitInstantiationDefinition;
    }
    return false;
  }
  Reach reach_;
  std::set<const FunctionDecl*> added_;
};

std::string serialiseFixes(const std::vector<Fix>& fixes) {
  std::string s;
  for (const Fix& f : fixes) {
    s += f.title;
    s += '\x02';
    for (const TextEdit& e : f.edits)
      s += e.range.file + ':' + std::to_string(e.range.begin.offset) + '-' + std::to_string(e.range.end.offset) + '=' +
           e.newText + '\x03';
  }
  return s;
}

}  // namespace

MainFileItems collectMainFileItems(ASTContext& ctx, const std::function<bool(const std::string&)>& headerInReach) {
  Collector c(ctx, headerInReach);
  // Top-level declarations one by one, never those out of reach: ParsedFile's traversal scope holds the
  // main file's only, but other ASTs (tests) hold every header's, and visiting std's templates'
  // instantiations is slow and, for templates loaded lazily, reads memory Clang has poisoned.
  const SourceManager& sm = ctx.getSourceManager();
  std::vector<Decl*> scope = ctx.getTraversalScope();
  bool wholeUnit = scope.size() == 1 && isa<TranslationUnitDecl>(scope.front());
  // Without headers, a ParsedFile's scope is the list to walk (reading the whole unit's declarations
  // would deserialize every one of its preamble's).
  std::vector<Decl*> all;
  if (headerInReach || wholeUnit) {
    for (Decl* D : ctx.getTranslationUnitDecl()->decls()) all.push_back(D);
    scope = std::move(all);
  }
  for (Decl* D : scope) {
    bool keep = false;
    for (SourceLocation l : {D->getLocation(), D->getEndLoc()}) {  // a namespace a header's macro opens
      l = sm.getFileLoc(l);
      if (l.isInvalid()) continue;
      if (sm.isInMainFile(l)) keep = true;
      else if (headerInReach && !sm.isInSystemHeader(l)) keep = true;
    }
    if (keep) c.TraverseDecl(D);
  }
  MainFileItems items;
  items.decls = std::move(c.decls);
  items.functionsBefore = std::move(c.functionsBefore);
  items.functions = std::move(c.functions);
  for (const FunctionDecl* P : c.patterns) {
    const FunctionDecl* def = P;
    (c.instantiatedPatterns.count(def) ? items.instantiated : items.neverInstantiated).push_back(P);
  }
  return items;
}

void TemplateMerge::add(ASTContext& ctx, const FunctionDecl* F, std::vector<Diag>& diags) {
  const Decl* inst = enclosingInstantiation(F);
  if (!inst) return;
  unsigned body = F->getLocation().getRawEncoding();
  ++instantiationsOf_[body];
  const SourceManager& sm = ctx.getSourceManager();
  SourceConv conv(sm);
  std::string name = instantiationName(inst);
  SourceLocation poi = pointOfInstantiation(inst);
  for (Diag& d : diags) {
    d.templateBody = body;
    Seen& s = seen_[{body, static_cast<int>(d.code), d.range.file, d.range.begin.offset}];
    std::string f = serialiseFixes(d.fixes);
    if (s.count == 0) s.fixes = f;
    else if (s.fixes != f) s.fixes = "\x01";
    ++s.count;
    if (!name.empty()) {
      Note n;
      n.range = poi.isValid() && sm.getFileLoc(poi).isValid() ? conv.point(poi) : d.range;
      n.message = "in instantiation of `" + name + "`" + (poi.isValid() ? " requested here" : "");
      d.notes.push_back(std::move(n));
    }
  }
}

void TemplateMerge::finish(std::vector<Diag>& diags) const {
  for (Diag& d : diags) {
    if (!d.templateBody || d.fixes.empty()) continue;
    auto it = seen_.find({d.templateBody, static_cast<int>(d.code), d.range.file, d.range.begin.offset});
    auto n = instantiationsOf_.find(d.templateBody);
    if (it == seen_.end() || n == instantiationsOf_.end() || it->second.count != n->second ||
        it->second.fixes == "\x01")
      d.fixes.clear();
  }
}

std::optional<FunctionResult> analyzeFunction(ASTContext& ctx, const FunctionDecl* F, const AnalysisOptions& opts,
                                              std::vector<Diag>& diags, std::vector<std::string>& log) {
  const SourceManager& sm = ctx.getSourceManager();
  InferenceScope inference;  // callees' contracts, shared with the rest of the file when analyzeAST runs
  if (bodyNestsDeeperThan(F)) {
    // Before any check: they all recurse once per level. Counted with the work cap's skips.
    log.push_back("skipped `" + F->getNameAsString() + "`: nesting cap of " + std::to_string(kMaxBodyNesting) +
                  " levels reached (statements and expressions)");
    return std::nullopt;
  }
  checkBodyStatements(ctx, F, diags);
  std::unique_ptr<LoweredFunction> lowered = lowerFunction(ctx, F);
  if (!lowered) {
    log.push_back("skipped `" + F->getNameAsString() + "`: no analysable body");
    return std::nullopt;
  }
  if (opts.dumpFacts) log.push_back(dumpFacts(*lowered, sm));
  DataflowResult df = runDataflow(*lowered, opts.maxBlockVisits);
  if (df.capped) {
    log.push_back("skipped `" + F->getNameAsString() + "`: work cap of " + std::to_string(opts.maxBlockVisits) +
                  " block visits reached");
    return std::nullopt;
  }
  Liveness live(*lowered);
  for (Diag& d : checkFunction(ctx, *lowered, df, live)) diags.push_back(std::move(d));
  FunctionResult fr;
  fr.beginOffset = sm.getFileOffset(sm.getFileLoc(F->getBeginLoc()));
  fr.endOffset = sm.getFileOffset(sm.getFileLoc(F->getEndLoc()));
  fr.lowered = std::move(lowered);
  fr.dataflow = std::move(df);
  return fr;
}

std::string mainFilePath(const SourceManager& sm) {
  if (auto fe = sm.getFileEntryRefForID(sm.getMainFileID())) return fe->getName().str();
  return {};
}

std::vector<Diag> dedupAndSort(std::vector<Diag> diags, const std::string& mainPath,
                               const std::function<bool(const std::string&)>& alsoKeep) {
  std::vector<Diag> kept;
  std::set<std::tuple<std::string, Code, unsigned>> seen;
  for (Diag& d : diags) {
    if (d.range.file != mainPath && !(alsoKeep && alsoKeep(d.range.file))) continue;
    if (!seen.insert({d.range.file, d.code, d.range.begin.offset}).second) continue;
    kept.push_back(std::move(d));
  }
  std::stable_sort(kept.begin(), kept.end(), [&](const Diag& a, const Diag& b) {
    bool am = a.range.file == mainPath, bm = b.range.file == mainPath;
    if (am != bm) return am;
    if (a.range.file != b.range.file) return a.range.file < b.range.file;
    if (a.range.begin.offset != b.range.begin.offset) return a.range.begin.offset < b.range.begin.offset;
    return a.code < b.code;
  });
  return kept;
}

std::string stableName(const FunctionDecl* F) {
  if (const FunctionDecl* P = F->getTemplateInstantiationPattern()) F = P;
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  if (M && M->getParent()->isLambda()) {
    // Clang names a lambda by its line and column, which move with every edit above it.
    const DeclContext* dc = M->getParent()->getDeclContext();
    std::string outer;
    if (const auto* G = dyn_cast<FunctionDecl>(dc)) outer = stableName(G);
    else if (const auto* N = dyn_cast<NamedDecl>(dc)) outer = N->getQualifiedNameAsString();
    return outer + "::<lambda>";
  }
  return F->getQualifiedNameAsString();
}

void suppress(const SourceManager& sm, std::vector<Diag>& diags, std::vector<SuppressionProblem>* problems,
              bool warnUnused) {
  std::set<std::string> files;
  std::string mainPath = mainFilePath(sm);
  for (const Diag& d : diags) files.insert(d.range.file);
  if (warnUnused) files.insert(mainPath);
  std::vector<Diag> unused;
  for (const std::string& f : files) {
    std::optional<llvm::StringRef> text;
    if (f == mainPath) {
      text = sm.getBufferData(sm.getMainFileID());
    } else if (auto fe = sm.getFileManager().getOptionalFileRef(f)) {
      FileID fid = sm.translateFile(*fe);
      if (fid.isValid()) text = sm.getBufferData(fid);
    }
    // Unused suppressions of the main file only: a header's comment may serve a function another
    // file of the run analysed.
    if (text)
      applySuppressions(f, std::string_view(text->data(), text->size()), diags, problems,
                        warnUnused && f == mainPath ? &unused : nullptr);
  }
  if (unused.empty()) return;
  for (Diag& u : unused) diags.push_back(std::move(u));
  std::stable_sort(diags.begin(), diags.end(), [&](const Diag& x, const Diag& y) {
    bool xm = x.range.file == mainPath, ym = y.range.file == mainPath;
    if (xm != ym) return xm;
    if (x.range.file != y.range.file) return x.range.file < y.range.file;
    return x.range.begin.offset < y.range.begin.offset;
  });
}

FileResult analyzeAST(ASTContext& ctx, const AnalysisOptions& opts) {
  FileResult res;
  InferenceScope inference;
  const SourceManager& sm = ctx.getSourceManager();
  MainFileItems items = collectMainFileItems(ctx, opts.headerInReach);
  for (const Decl* D : items.decls) {
    size_t before = res.diags.size();
    checkDecl(ctx, D, res.diags);
    if (const auto* ND = dyn_cast<NamedDecl>(D))
      for (size_t i = before; i < res.diags.size(); ++i) res.diags[i].function = ND->getQualifiedNameAsString();
  }
  TemplateMerge merge;
  std::vector<FunctionResult> headerFunctions;  // kept until the fixes are made, then dropped
  for (const FunctionDecl* F : items.functions) {
    if (opts.cancelled && opts.cancelled()) {
      res.cancelled = true;
      break;
    }
    bool inMain = sm.isInMainFile(sm.getFileLoc(F->getLocation()));
    const Decl* inst = enclosingInstantiation(F);
    if (!inMain && opts.claim) {
      // A header function, or an instantiation of a header template with given arguments, is the
      // same in every file of the run (a header's diagnostics carry no fix to compare).
      SourceLocation l = sm.getFileLoc(F->getLocation());
      std::string key = SourceConv(sm).file(sm.getFileID(l)) + ":" + std::to_string(sm.getFileOffset(l));
      if (inst) key += " " + instantiationName(inst);
      if (!opts.claim(key)) {
        ++res.stats.claimedElsewhere;
        continue;
      }
    }
    std::vector<Diag> diags;
    size_t logBefore = res.log.size();
    std::optional<FunctionResult> fr = analyzeFunction(ctx, F, opts, diags, res.log);
    // The template's name, not one instantiation's: fingerprints must not depend on which came first.
    std::string name = stableName(F);
    for (Diag& d : diags)
      if (d.function.empty()) d.function = name;
    if (!fr) {
      bool capped = res.log.size() > logBefore && (res.log.back().find("work cap") != std::string::npos ||
                                                   res.log.back().find("nesting cap") != std::string::npos);
      ++(capped ? res.stats.skippedCap : res.stats.skippedErrors);
    } else {
      ++res.stats.analysed;
      if (inst) ++res.stats.instantiations;
      if (!inMain) ++res.stats.inHeaders;
      if (inMain && !inst) ++res.stats.mainNonTemplate;
    }
    if (inst && !diags.empty()) {
      if (fr) {
        std::vector<FunctionResult> one;
        one.push_back(std::move(*fr));
        addFixes(ctx, diags, one);  // fixes per instantiation, compared by TemplateMerge
        fr = std::move(one.front());
      }
      merge.add(ctx, F, diags);
    } else if (inst) {
      merge.add(ctx, F, diags);
    }
    for (Diag& d : diags) res.diags.push_back(std::move(d));
    if (fr) (inMain ? res.functions : headerFunctions).push_back(std::move(*fr));
  }
  auto bodyKey = [&](const FunctionDecl* P) {
    SourceLocation l = sm.getFileLoc(P->getLocation());
    return SourceConv(sm).file(sm.getFileID(l)) + ":" + std::to_string(sm.getFileOffset(l));
  };
  for (const FunctionDecl* P : items.instantiated) res.templateBodies.emplace_back(bodyKey(P), true);
  for (const FunctionDecl* P : items.neverInstantiated) {
    res.templateBodies.emplace_back(bodyKey(P), false);
    ++res.stats.neverInstantiated;
    res.log.push_back("skipped `" + P->getQualifiedNameAsString() + "`: template never instantiated");
  }
  // Keep only diagnostics in reach, one per (file, code, position).
  std::function<bool(const std::string&)> keepHeader;
  if (opts.headerInReach) keepHeader = [&](const std::string& f) { return opts.headerInReach(f); };
  res.diags = dedupAndSort(std::move(res.diags), mainFilePath(sm), keepHeader);
  // Fixes of non-template diagnostics; template ones got theirs per instantiation above.
  {
    std::vector<Diag> todo;
    std::vector<size_t> where;
    for (size_t i = 0; i < res.diags.size(); ++i)
      if (!res.diags[i].templateBody && res.diags[i].fixes.empty()) {
        where.push_back(i);
        todo.push_back(std::move(res.diags[i]));
      }
    addFixes(ctx, todo, res.functions);
    for (size_t k = 0; k < where.size(); ++k) res.diags[where[k]] = std::move(todo[k]);
  }
  merge.finish(res.diags);
  suppress(sm, res.diags, &res.suppressionProblems, opts.warnUnusedSuppressions);
  return res;
}

}  // namespace ownership

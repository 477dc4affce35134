// Builds a kept-alive AST for one file with its own CompilerInstance, reusing a precompiled preamble
// from a per-document cache when the #include block and the flags have not changed.
#include "analysis/ParsedFile.h"

#include <cstdlib>

#include <chrono>
#include <mutex>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclGroup.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Driver/CreateInvocationFromArgs.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/PrecompiledPreamble.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <clang/Serialization/PCHContainerOperations.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include "analysis/Parse.h"
#include "analysis/ParseGuard.h"
#include "analysis/model/OwnershipModel.h"

namespace ownership {

namespace {

constexpr size_t kMaxErrors = 50;

// Keeps error diagnostics as "file:line:col: message" and drops the rest. Called from inside Clang,
// so nothing may escape it.
class ErrorCollector : public clang::DiagnosticConsumer {
 public:
  std::vector<std::string> errors;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error || errors.size() >= kMaxErrors) return;
    try {
      llvm::SmallString<256> msg;
      info.FormatDiagnostic(msg);
      std::string where;
      if (info.hasSourceManager() && info.getLocation().isValid()) {
        clang::PresumedLoc p = info.getSourceManager().getPresumedLoc(info.getLocation());
        if (p.isValid())
          where = std::string(p.getFilename()) + ":" + std::to_string(p.getLine()) + ":" +
                  std::to_string(p.getColumn()) + ": ";
      }
      errors.push_back(where + msg.str().str());
    } catch (...) {
      // Out of memory while formatting: losing the text is better than unwinding through Clang.
    }
  }
};

// A function body in a system header (the standard library, the platform's headers). The model
// reads the library by its names and declarations (spec 2b), never by its bodies, so they are
// skipped: Sema then has no std member function bodies to instantiate at the end of the unit, which
// was most of a parse (issue 17). Sema itself refuses to skip a constexpr body or one whose return
// type is deduced (Sema::canSkipFunctionBody), so declarations keep their meaning.
bool isLibraryBody(const clang::Decl* d) {
  if (!d) return false;
  const clang::SourceManager& sm = d->getASTContext().getSourceManager();
  clang::SourceLocation l = d->getLocation();
  return l.isValid() && sm.isInSystemHeader(sm.getExpansionLoc(l));
}

// The preamble's bodies: the same rule as the main parse's (a parse with a preamble and one
// without must see the same AST).
class PreambleBodies : public clang::PreambleCallbacks {
 public:
  bool shouldSkipFunctionBody(clang::Decl* d) override { return isLibraryBody(d); }
};

// Records the main file's top-level declarations, which become the AST's traversal scope. In a
// parse with a preamble the headers' declarations never reach HandleTopLevelDecl; without one they
// do, and are dropped here so both parses expose the same scope.
class TopLevelCollector : public clang::ASTConsumer {
 public:
  using Clock = std::chrono::steady_clock;
  TopLevelCollector(std::vector<clang::Decl*>& out, const ParsedFile::SkipBody& skip, Clock::time_point& lastDecl,
                    Clock::time_point& tuDone)
      : out_(out), skip_(skip), lastDecl_(lastDecl), tuDone_(tuDone) {}
  // Asked for every body (FrontendOptions::SkipFunctionBodies is always on, see run()): the
  // system headers' bodies, and the main file's the incremental build has cached.
  bool shouldSkipFunctionBody(clang::Decl* d) override {
    if (isLibraryBody(d)) return true;
    const clang::FunctionDecl* f = d ? d->getAsFunction() : nullptr;
    return f && skip_ && skip_(f);
  }
  void Initialize(clang::ASTContext& ctx) override { sm_ = &ctx.getSourceManager(); }
  bool HandleTopLevelDecl(clang::DeclGroupRef group) override {
    for (clang::Decl* d : group)
      if (inMainFile(d)) out_.push_back(d);
    // Sema hands instantiated function definitions over as top-level declarations too, also those
    // it instantiates at the end of the unit: only a declaration written in the main file marks the
    // parse's progress.
    bool written = false;
    for (clang::Decl* d : group) {
      const clang::FunctionDecl* f = d ? d->getAsFunction() : nullptr;
      if (inMainFile(d) && !(f && f->isTemplateInstantiation())) written = true;
    }
    if (written) lastDecl_ = Clock::now();
    return true;
  }
  // Sema's end-of-unit work (pending template instantiations) runs between the last written
  // top-level declaration and this call: the two stamps time it for the build profile.
  void HandleTranslationUnit(clang::ASTContext&) override { tuDone_ = Clock::now(); }

 private:
  bool inMainFile(const clang::Decl* d) const {
    if (!sm_) return false;
    // The end too: a namespace opened by a macro from a header still closes in the main file.
    for (clang::SourceLocation l : {d->getLocation(), d->getEndLoc()})
      if (l.isValid() && sm_->isInMainFile(sm_->getFileLoc(l))) return true;
    return false;
  }
  std::vector<clang::Decl*>& out_;
  const ParsedFile::SkipBody& skip_;
  Clock::time_point& lastDecl_;
  Clock::time_point& tuDone_;
  const clang::SourceManager* sm_ = nullptr;
};

// Parse and Sema only, like SyntaxOnlyAction, feeding the top-level collector.
class KeepASTAction : public clang::ASTFrontendAction {
 public:
  KeepASTAction(std::vector<clang::Decl*>& topLevel, const ParsedFile::SkipBody& skip)
      : topLevel_(topLevel), skip_(skip) {}
  TopLevelCollector::Clock::time_point lastDecl, tuDone;

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&, llvm::StringRef) override {
    return std::make_unique<TopLevelCollector>(topLevel_, skip_, lastDecl, tuDone);
  }

 private:
  std::vector<clang::Decl*>& topLevel_;
  const ParsedFile::SkipBody& skip_;
};

// Options that would make a syntax-only parse write files, load foreign PCHs or plugins, or fight
// with our preamble.
void sanitizeInvocation(clang::CompilerInvocation& ci) {
  ci.getFrontendOpts().DisableFree = false;  // the driver sets it; we want the AST freed with us
  ci.getFrontendOpts().ProgramAction = clang::frontend::ParseSyntaxOnly;
  ci.getFrontendOpts().Plugins.clear();
  ci.getFrontendOpts().AddPluginActions.clear();
  ci.getFrontendOpts().PluginArgs.clear();
  ci.getFrontendOpts().ActionName.clear();
  ci.getDiagnosticOpts().VerifyDiagnostics = false;
  ci.getDiagnosticOpts().ShowColors = false;
  auto& dep = ci.getDependencyOutputOpts();
  dep.ShowIncludesDest = clang::ShowIncludesDestination::None;
  dep.OutputFile.clear();
  dep.HeaderIncludeOutputFile.clear();
  dep.DOTOutputFile.clear();
  dep.ModuleDependencyOutputDir.clear();
  auto& pp = ci.getPreprocessorOpts();
  pp.ImplicitPCHInclude.clear();
  pp.PrecompiledPreambleBytes = {0, false};
  pp.PCHThroughHeader.clear();
  pp.PCHWithHdrStop = false;
  pp.PCHWithHdrStopCreate = false;
  // `#pragma clang __debug crash` in a buffer must not kill us. The crash-isolation test
  // sets OWNERSHIP_ALLOW_DEBUG_CRASH=1 to get a real crash inside Clang's parser.
  pp.DisablePragmaDebugCrash = std::getenv("OWNERSHIP_ALLOW_DEBUG_CRASH") == nullptr;
  // We own the main file's buffer (it must outlive the AST), not the SourceManager.
  pp.RetainRemappedFileBuffers = true;
  ci.getHeaderSearchOpts().ModuleFormat = "raw";  // the only PCH container format registered
}

// A built preamble with what decides whether it may be reused. Shared between the cache and
// every ParsedFile whose AST reads from it (the PCH is lazily deserialized from its memory).
struct PreambleData {
  PreambleData(clang::PrecompiledPreamble p) : preamble(std::move(p)) {}
  clang::PrecompiledPreamble preamble;
  std::vector<std::string> args;    // the full command line it was built with
  std::vector<std::string> errors;  // error diagnostics of the preamble region, replayed on reuse
};

}  // namespace

struct PreambleCache::Impl {
  mutable std::mutex mu;
  std::shared_ptr<const PreambleData> data;
  unsigned builds = 0, reuses = 0;
};

PreambleCache::PreambleCache() : impl_(std::make_unique<Impl>()) {}
PreambleCache::~PreambleCache() = default;
unsigned PreambleCache::builds() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->builds;
}
unsigned PreambleCache::reuses() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->reuses;
}
void PreambleCache::clear() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->data.reset();
}

struct ParsedFile::Impl {
  // Declaration order is destruction order reversed: the action and the compiler go first, then
  // what they point into (diagnostic consumer, main buffer, preamble).
  std::shared_ptr<const PreambleData> preamble;
  std::unique_ptr<llvm::MemoryBuffer> mainBuffer;
  ErrorCollector collector;
  std::vector<clang::Decl*> topLevel;
  std::unique_ptr<clang::CompilerInstance> ci;
  std::unique_ptr<KeepASTAction> action;
  bool begun = false;  // BeginSourceFile succeeded: EndSourceFile is owed

  ParsedFile::SkipBody skipBody;  // lives as long as the parser that may call it
  std::vector<std::string> errors;
  bool fatal = true;
  bool usedPreamble = false;
  bool builtPreamble = false;
  double parseMs = 0;
  ParsedFile::Timings timings;

  ~Impl() {
    if (action && begun) action->EndSourceFile();
    action.reset();
    ci.reset();
  }

  void run(const std::string& path, const std::string& contents, const std::vector<std::string>& flags,
           PreambleCache* cache);
};

void ParsedFile::Impl::run(const std::string& rawPath, const std::string& contents,
                           const std::vector<std::string>& flags, PreambleCache* cache) {
  model::ensureAttributesRegistered();

  llvm::SmallString<256> absPath(rawPath);
  llvm::sys::fs::make_absolute(absPath);
  llvm::sys::path::remove_dots(absPath, true);
  const std::string path = absPath.str().str();

  // The document lives in memory over a private view of the real file system: a per-parse physical
  // file system keeps its own working directory, so concurrent parses cannot disturb each other.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> real = llvm::vfs::createPhysicalFileSystem();
  auto memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  memory->addFile(path, 0, llvm::MemoryBuffer::getMemBufferCopy(contents, path));
  auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(real);
  overlay->pushOverlay(memory);
  // Relative -I paths must resolve against the real working directory in every layer.
  if (auto cwd = real->getCurrentWorkingDirectory()) overlay->setCurrentWorkingDirectory(*cwd);
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> vfs = overlay;

  std::vector<std::string> args = {"clang", "-Xclang", "-no-round-trip-args", "-fsyntax-only"};
  args.insert(args.end(), flags.begin(), flags.end());
  for (const std::string& f : baseFlags()) args.push_back(f);
  args.push_back(path);
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());

  // Flag errors (unknown arguments, bad -std) are reported like any other error.
  clang::DiagnosticOptions driverDiagOpts;
  clang::CreateInvocationOptions opts;
  opts.Diags = clang::CompilerInstance::createDiagnostics(*vfs, driverDiagOpts, &collector, false);
  opts.VFS = vfs;
  opts.RecoverOnError = false;
  opts.ProbePrecompiled = false;
  std::unique_ptr<clang::CompilerInvocation> inv = clang::createInvocation(argv, opts);
  opts.Diags.reset();
  if (!inv || inv->getFrontendOpts().Inputs.size() != 1) {
    if (collector.errors.empty()) collector.errors.push_back("invalid compiler flags");
    return;
  }
  sanitizeInvocation(*inv);
  // Bodies are skipped case by case, in the preamble and the main parse alike: the consumers decide
  // (PreambleBodies, TopLevelCollector::shouldSkipFunctionBody).
  inv->getFrontendOpts().SkipFunctionBodies = true;

  mainBuffer = llvm::MemoryBuffer::getMemBufferCopy(contents, path);
  auto pchOps = std::make_shared<clang::PCHContainerOperations>();

  clang::PreambleBounds bounds = clang::ComputePreambleBounds(inv->getLangOpts(), *mainBuffer, 0);
  auto msSince = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  };
  auto preambleStart = std::chrono::steady_clock::now();
  if (cache && bounds.Size > 0) {
    std::shared_ptr<const PreambleData> cached;
    {
      std::lock_guard<std::mutex> lock(cache->impl_->mu);
      cached = cache->impl_->data;
    }
    // CanReuse checks the preamble text and the files it read, not the options: those are ours to compare.
    if (cached && cached->args == args && cached->preamble.CanReuse(*inv, *mainBuffer, bounds, *vfs)) {
      preamble = cached;
      std::lock_guard<std::mutex> lock(cache->impl_->mu);
      ++cache->impl_->reuses;
    } else {
      ErrorCollector preambleErrors;
      auto preambleDiags =
          clang::CompilerInstance::createDiagnostics(*vfs, inv->getDiagnosticOpts(), &preambleErrors, false);
      PreambleBodies callbacks;
      // The preamble instantiates what its own headers use, once, instead of every parse doing it
      // at the end of its unit (benign for the main parse: it only acts on a PCH's unit).
      inv->getLangOpts().PCHInstantiateTemplates = true;
      llvm::ErrorOr<clang::PrecompiledPreamble> built = clang::PrecompiledPreamble::Build(
          *inv, mainBuffer.get(), bounds, preambleDiags, vfs, pchOps, /*StoreInMemory=*/true, "", callbacks);
      preambleDiags.reset();
      if (built) {
        auto data = std::make_shared<PreambleData>(std::move(*built));
        data->args = args;
        data->errors = std::move(preambleErrors.errors);
        preamble = data;
        builtPreamble = true;
        std::lock_guard<std::mutex> lock(cache->impl_->mu);
        cache->impl_->data = data;
        ++cache->impl_->builds;
      }
      // A preamble that cannot be built (e.g. no PCH emitted) only costs speed: parse without one.
    }
  }
  timings.preambleMs = msSince(preambleStart);
  if (preamble) {
    // The preamble may carry errors (a missing header); it is loaded anyway, as clangd does.
    inv->getPreprocessorOpts().AllowPCHWithCompilerErrors = true;
    // Remaps the main file to our buffer and puts the in-memory PCH into the VFS.
    preamble->preamble.AddImplicitPreamble(*inv, vfs, mainBuffer.get());
    usedPreamble = true;
  }

  ci = std::make_unique<clang::CompilerInstance>(std::shared_ptr<clang::CompilerInvocation>(std::move(inv)),
                                                    pchOps);
  ci->createVirtualFileSystem(vfs, &collector);  // also applies any -ivfsoverlay
  ci->createDiagnostics(&collector, /*ShouldOwnClient=*/false);
  ci->createFileManager();
  if (!ci->createTarget()) {
    if (collector.errors.empty()) collector.errors.push_back("unsupported target");
    ci.reset();
    return;
  }
  action = std::make_unique<KeepASTAction>(topLevel, skipBody);
  if (!action->BeginSourceFile(*ci, ci->getFrontendOpts().Inputs[0])) {
    if (collector.errors.empty()) collector.errors.push_back(path + ": cannot start parsing");
    action.reset();
    ci.reset();
    return;
  }
  begun = true;
  guardParse(ci->getPreprocessor());  // deep or long code stops the parse, not the process
  auto executeStart = std::chrono::steady_clock::now();
  action->lastDecl = action->tuDone = executeStart;
  if (llvm::Error err = action->Execute()) {
    collector.errors.push_back(llvm::toString(std::move(err)));
  }
  timings.frontendMs = msSince(executeStart);
  if (action->tuDone > action->lastDecl)
    timings.endOfUnitMs = std::chrono::duration<double, std::milli>(action->tuDone - action->lastDecl).count();
  if (!ci->hasASTContext()) return;
  // Analyses traverse from the TranslationUnitDecl; limit them to what the main file declares.
  ci->getASTContext().setTraversalScope(topLevel);
  fatal = false;
}

ParsedFile::ParsedFile() : impl_(std::make_unique<Impl>()) {}
ParsedFile::~ParsedFile() = default;

std::unique_ptr<ParsedFile> ParsedFile::build(const std::string& path, const std::string& contents,
                                              const std::vector<std::string>& flags, PreambleCache* cache) {
  return build(path, contents, flags, cache, SkipBody());
}

std::unique_ptr<ParsedFile> ParsedFile::build(const std::string& path, const std::string& contents,
                                              const std::vector<std::string>& flags, PreambleCache* cache,
                                              SkipBody skipBody) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ParsedFile> pf(new ParsedFile());
  Impl& im = *pf->impl_;
  im.skipBody = std::move(skipBody);
  try {
    im.run(path, contents, flags, cache);
  } catch (...) {
    // Only our own code throws (allocation); Clang is built without exceptions.
    im.fatal = true;
  }
  if (im.fatal && im.preamble && cache) {
    // Should a preamble ever fail to load, the next parse must not reuse it forever.
    std::lock_guard<std::mutex> lock(cache->impl_->mu);
    if (cache->impl_->data == im.preamble) cache->impl_->data.reset();
  }
  if (im.fatal) {
    // No AST: release the compiler now rather than keep a half-built one around.
    if (im.action && im.begun) im.action->EndSourceFile();
    im.begun = false;
    im.action.reset();
    im.ci.reset();
    im.topLevel.clear();
  }
  try {
    if (im.preamble) im.errors = im.preamble->errors;
    for (std::string& e : im.collector.errors) {
      if (im.errors.size() >= kMaxErrors) break;
      im.errors.push_back(std::move(e));
    }
    im.collector.errors.clear();
  } catch (...) {
  }
  im.parseMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return pf;
}

bool ParsedFile::fatal() const { return impl_->fatal; }
clang::ASTContext* ParsedFile::context() {
  return impl_->fatal || !impl_->ci || !impl_->ci->hasASTContext() ? nullptr : &impl_->ci->getASTContext();
}
clang::CompilerInstance* ParsedFile::compiler() { return impl_->fatal ? nullptr : impl_->ci.get(); }
const std::vector<std::string>& ParsedFile::errors() const { return impl_->errors; }
bool ParsedFile::hasErrors() const { return !impl_->errors.empty(); }
bool ParsedFile::usedPreamble() const { return impl_->usedPreamble; }
bool ParsedFile::builtPreamble() const { return impl_->builtPreamble; }
double ParsedFile::parseMs() const { return impl_->parseMs; }
const ParsedFile::Timings& ParsedFile::timings() const { return impl_->timings; }
const std::vector<clang::Decl*>& ParsedFile::topLevelDecls() const { return impl_->topLevel; }

}  // namespace ownership

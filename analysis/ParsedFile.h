// Parsing one file with Clang while keeping its AST alive, reusing a precompiled preamble (the #include
// block at the top of the file) between edits of the same document, as clangd's ParsedAST + PreambleData do.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CompilerInstance;
class Decl;
class FunctionDecl;
}  // namespace clang

namespace ownership {

// Per-document cache of the precompiled preamble (the #include block at the top of the file),
// reused between edits while the preamble region's text, the files it includes and the flags are
// unchanged. A built preamble stays alive as long as any ParsedFile that uses it, so clear() and
// rebuilds never invalidate an AST. Safe to use from several threads; two concurrent parses of
// one document may both build a preamble (the later one is kept).
class PreambleCache {
 public:
  PreambleCache();
  ~PreambleCache();
  PreambleCache(const PreambleCache&) = delete;
  PreambleCache& operator=(const PreambleCache&) = delete;

  unsigned builds() const;  // how many preambles were built
  unsigned reuses() const;  // how many parses reused one
  void clear();             // forgets the preamble (the counters stay)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  friend class ParsedFile;
};

// One parsed translation unit. Owns the CompilerInstance, so the ASTContext, SourceManager and
// Preprocessor stay valid until the ParsedFile is destroyed. Different ParsedFiles may be built and
// used concurrently on different threads; one ParsedFile is used by one thread at a time.
class ParsedFile {
 public:
  // Parses `contents` as the file `path` (absolute; need not exist on disk: an in-memory overlay
  // over the real file system provides it) with compiler `flags` (no compiler name, no input file;
  // baseFlags() from Parse.h are appended). The driver runs as `clang`, so the language comes from
  // the extension as with parseFile(): pass `-x c++-header` for a .h file. With a cache, builds or
  // reuses the preamble; a file without a preamble region (no leading #include/#define) is parsed
  // without one. Never throws, never crashes on broken code; fatal() when no AST could be built at
  // all (e.g. bad flags).
  static std::unique_ptr<ParsedFile> build(const std::string& path, const std::string& contents,
                                           const std::vector<std::string>& flags, PreambleCache* cache);
  // Decides, for a function definition of the main file about to be parsed, whether its body is skipped
  // (parsed as a declaration only). Called from inside Clang's parser: must not throw.
  using SkipBody = std::function<bool(const clang::FunctionDecl*)>;
  // The same with function-body skipping in the main file's parse (not the preamble's): a body is skipped
  // when `skipBody` says so and Clang allows it (never a constexpr function or one with a deduced return
  // type, whose body the rest of the file may need). An empty `skipBody` parses every body.
  static std::unique_ptr<ParsedFile> build(const std::string& path, const std::string& contents,
                                           const std::vector<std::string>& flags, PreambleCache* cache,
                                           SkipBody skipBody);
  ~ParsedFile();
  ParsedFile(const ParsedFile&) = delete;
  ParsedFile& operator=(const ParsedFile&) = delete;

  bool fatal() const;
  clang::ASTContext* context();  // null when fatal
  // The compiler instance behind context() (preprocessor, source manager, options); null when fatal.
  clang::CompilerInstance* compiler();
  // "file:line:col: message" of error-level diagnostics (cap 50), including those of flag parsing
  // and those reported when the reused preamble was built.
  const std::vector<std::string>& errors() const;
  bool hasErrors() const;
  bool usedPreamble() const;  // a preamble was built or reused for this parse
  bool builtPreamble() const;  // this parse built (rather than reused) its preamble
  double parseMs() const;     // wall time of build()
  // Where parseMs went (the build profile the server logs): building or checking the preamble, and
  // Clang's parse + Sema of the main file, of which end of unit (pending template instantiations).
  // The rest of parseMs is setting up (driver, invocation, loading the preamble).
  struct Timings {
    double preambleMs = 0, frontendMs = 0, endOfUnitMs = 0;
  };
  const Timings& timings() const;
  // The top-level declarations written in the main file, in order. They are also the ASTContext's
  // traversal scope, so a RecursiveASTVisitor started at the TranslationUnitDecl visits only them and
  // never deserializes the (large) preamble.
  const std::vector<clang::Decl*>& topLevelDecls() const;

 private:
  ParsedFile();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ownership

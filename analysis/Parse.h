// Parsing a C++ file with Clang: builds an ASTUnit from in-memory contents and
// compile flags, with the ownership attributes registered and the resource dir set.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <clang/Frontend/ASTUnit.h>

namespace ownership {

struct ParseResult {
  std::unique_ptr<clang::ASTUnit> ast;
  std::vector<std::string> errors;  // "file:line:col: message" of error diagnostics
  bool fatal = false;               // no AST at all
};

// `flags` are compiler flags without the compiler name and the file (e.g. -std=c++20 -Ifoo).
ParseResult parseFile(const std::string& path, const std::string& contents, const std::vector<std::string>& flags);

// Flags for `path` from a compile_commands.json in `buildDir`; empty (with found=false)
// when the database has no entry. The compiler, -c, -o and the file are removed. A header
// without an entry of its own (spec 2d) gets, as in clangd, the flags of a source that includes
// it, else of a source in its directory, else of the nearest source, with `-x c++-header`;
// `how` (when given) says which entry was used, for logs.
std::vector<std::string> flagsFromCompilationDatabase(const std::string& buildDir, const std::string& path,
                                                      bool& found, std::string& error, std::string* how = nullptr);
// .h, .hh, .hpp, .hxx, .h++, .ipp
bool isHeaderPath(const std::string& path);

// The flags every parse gets: resource dir, the checker's macro, quiet attributes.
std::vector<std::string> baseFlags();

}  // namespace ownership

// Builds ASTs with Clang's tooling library; collects error diagnostics as text.
#include "analysis/Parse.h"

#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/TextDiagnosticBuffer.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/Path.h>

#include "analysis/model/OwnershipModel.h"

namespace ownership {

namespace {
// Keeps error diagnostics (with their location) and drops the rest.
class ErrorCollector : public clang::DiagnosticConsumer {
 public:
  std::vector<std::string> errors;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    llvm::SmallString<256> msg;
    info.FormatDiagnostic(msg);
    std::string where;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      clang::PresumedLoc p = info.getSourceManager().getPresumedLoc(info.getLocation());
      if (p.isValid()) where = std::string(p.getFilename()) + ":" + std::to_string(p.getLine()) + ":" +
                               std::to_string(p.getColumn()) + ": ";
    }
    if (errors.size() < 50) errors.push_back(where + msg.str().str());
  }
};
}  // namespace

std::vector<std::string> baseFlags() {
  return {"-resource-dir=" OWNERSHIP_RESOURCE_DIR, "-D__OWNERSHIP_CHECK__=1", "-Wno-unknown-attributes",
          "-fno-color-diagnostics", "-ferror-limit=100"};
}

ParseResult parseFile(const std::string& path, const std::string& contents, const std::vector<std::string>& flags) {
  model::ensureAttributesRegistered();
  ParseResult res;
  std::vector<std::string> args = flags;
  for (const std::string& f : baseFlags()) args.push_back(f);
  ErrorCollector collector;
  res.ast = clang::tooling::buildASTFromCodeWithArgs(
      contents, args, path, "ownership-check", std::make_shared<clang::PCHContainerOperations>(),
      clang::tooling::getClangStripDependencyFileAdjuster(), clang::tooling::FileContentMappings(), &collector);
  res.errors = std::move(collector.errors);
  res.fatal = !res.ast;
  return res;
}

std::vector<std::string> flagsFromCompilationDatabase(const std::string& buildDir, const std::string& path,
                                                      bool& found, std::string& error) {
  found = false;
  std::vector<std::string> out;
  auto db = clang::tooling::JSONCompilationDatabase::loadFromDirectory(buildDir, error);
  if (!db) return out;
  std::vector<clang::tooling::CompileCommand> cmds = db->getCompileCommands(path);
  if (cmds.empty()) return out;
  found = true;
  const std::vector<std::string>& cl = cmds.front().CommandLine;
  std::string file = cmds.front().Filename;
  for (size_t i = 1; i < cl.size(); ++i) {
    const std::string& a = cl[i];
    if (a == "-c" || a == "--") continue;
    if (a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ") {
      ++i;
      continue;
    }
    if (a == "-MD" || a == "-MMD" || a == "-M" || a == "-MM") continue;
    if (a == file || a == path || llvm::sys::path::filename(a) == llvm::sys::path::filename(path)) continue;
    // Relative include paths are relative to the command's directory.
    if ((a.rfind("-I", 0) == 0 && a.size() > 2 && a[2] != '/')) {
      llvm::SmallString<256> abs(cmds.front().Directory);
      llvm::sys::path::append(abs, a.substr(2));
      out.push_back("-I" + abs.str().str());
      continue;
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace ownership

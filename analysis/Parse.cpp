// Builds ASTs with Clang's tooling library; collects error diagnostics as text.
#include "analysis/Parse.h"

#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/TextDiagnosticBuffer.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <algorithm>

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

bool isHeaderPath(const std::string& path) {
  llvm::StringRef ext = llvm::sys::path::extension(path);
  return ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx" || ext == ".h++" || ext == ".ipp";
}

namespace {

// A database command as compiler flags: without the compiler, -c, -o, dependency-file flags and the
// file; relative include paths made absolute against the command's directory.
std::vector<std::string> cleanCommand(const clang::tooling::CompileCommand& cmd, const std::string& path) {
  std::vector<std::string> out;
  const std::vector<std::string>& cl = cmd.CommandLine;
  const std::string& file = cmd.Filename;
  auto absolute = [&](llvm::StringRef dir) {
    if (llvm::sys::path::is_absolute(dir)) return dir.str();
    llvm::SmallString<256> abs(cmd.Directory);
    llvm::sys::path::append(abs, dir);
    return abs.str().str();
  };
  for (size_t i = 1; i < cl.size(); ++i) {
    const std::string& a = cl[i];
    if (a == "-c" || a == "--") continue;
    if (a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ") {
      ++i;
      continue;
    }
    if (a == "-MD" || a == "-MMD" || a == "-M" || a == "-MM") continue;
    if (a == file || a == path || llvm::sys::path::filename(a) == llvm::sys::path::filename(file)) continue;
    // Relative include paths are relative to the command's directory.
    for (llvm::StringRef opt : {"-I", "-isystem", "-iquote", "-idirafter"}) {
      if (a == opt && i + 1 < cl.size()) {
        out.push_back(a);
        out.push_back(absolute(cl[++i]));
        goto next;
      }
    }
    if (a.rfind("-I", 0) == 0 && a.size() > 2) {
      out.push_back("-I" + absolute(llvm::StringRef(a).substr(2)));
      continue;
    }
    out.push_back(a);
  next:;
  }
  return out;
}

std::string realPath(llvm::StringRef p) {
  llvm::SmallString<256> out;
  if (llvm::sys::fs::real_path(p, out)) return p.str();
  return out.str().str();
}

// The include directories a command searches, its own directory first (quoted includes).
std::vector<std::string> includeDirs(const clang::tooling::CompileCommand& cmd, const std::vector<std::string>& flags) {
  std::vector<std::string> dirs;
  llvm::SmallString<256> own(cmd.Filename);
  if (!llvm::sys::path::is_absolute(own)) {
    own = cmd.Directory;
    llvm::sys::path::append(own, cmd.Filename);
  }
  dirs.push_back(llvm::sys::path::parent_path(own).str());
  for (size_t i = 0; i < flags.size(); ++i) {
    llvm::StringRef f = flags[i];
    if ((f == "-I" || f == "-isystem" || f == "-iquote" || f == "-idirafter") && i + 1 < flags.size())
      dirs.push_back(flags[++i]);
    else if (f.starts_with("-I") && f.size() > 2)
      dirs.push_back(f.substr(2).str());
  }
  return dirs;
}

// Whether the source of `cmd` includes `header` directly (by an #include that resolves to it through
// the source's directory or its include directories).
bool includes(const clang::tooling::CompileCommand& cmd, const std::vector<std::string>& flags,
              const std::string& headerReal) {
  llvm::SmallString<256> src(cmd.Filename);
  if (!llvm::sys::path::is_absolute(src)) {
    src = cmd.Directory;
    llvm::sys::path::append(src, cmd.Filename);
  }
  auto buf = llvm::MemoryBuffer::getFile(src);
  if (!buf) return false;
  llvm::StringRef text = (*buf)->getBuffer();
  llvm::StringRef base = llvm::sys::path::filename(headerReal);
  std::vector<std::string> dirs;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    llvm::StringRef l = line.trim();
    if (!l.consume_front("#")) continue;
    l = l.ltrim();
    if (!l.consume_front("include")) continue;
    l = l.ltrim();
    if (l.size() < 3 || (l[0] != '"' && l[0] != '<')) continue;
    char close = l[0] == '"' ? '"' : '>';
    size_t e = l.find(close, 1);
    if (e == llvm::StringRef::npos) continue;
    llvm::StringRef name = l.substr(1, e - 1);
    if (llvm::sys::path::filename(name) != base) continue;
    if (dirs.empty()) dirs = includeDirs(cmd, flags);
    for (const std::string& d : dirs) {
      llvm::SmallString<256> cand(d);
      llvm::sys::path::append(cand, name);
      if (llvm::sys::fs::exists(cand) && realPath(cand) == headerReal) return true;
    }
  }
  return false;
}

size_t commonPrefix(llvm::StringRef a, llvm::StringRef b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

std::vector<std::string> flagsFromCompilationDatabase(const std::string& buildDir, const std::string& path,
                                                      bool& found, std::string& error, std::string* how) {
  found = false;
  std::vector<std::string> out;
  auto db = clang::tooling::JSONCompilationDatabase::loadFromDirectory(buildDir, error);
  if (!db) return out;
  std::vector<clang::tooling::CompileCommand> cmds = db->getCompileCommands(path);
  // The database interpolates entries for files it lacks (Heuristic says so); for a header an
  // includer's flags are the better guess.
  if (!cmds.empty() && !cmds.front().Heuristic.empty() && isHeaderPath(path)) cmds.clear();
  if (!cmds.empty()) {
    found = true;
    if (how) *how = "its entry";
    return cleanCommand(cmds.front(), path);
  }
  if (!isHeaderPath(path)) return out;
  // Spec 2d, a header without an entry of its own: as clangd, borrow a source's flags. First a
  // source that includes it; else one in the same directory (the same stem first); else the source
  // whose path shares the longest prefix with the header's.
  std::string headerReal = realPath(path);
  std::vector<clang::tooling::CompileCommand> all = db->getAllCompileCommands();
  auto sourcePath = [](const clang::tooling::CompileCommand& c) {
    llvm::SmallString<256> p(c.Filename);
    if (!llvm::sys::path::is_absolute(p)) {
      p = c.Directory;
      llvm::sys::path::append(p, c.Filename);
    }
    llvm::sys::path::remove_dots(p, true);
    return p.str().str();
  };
  const clang::tooling::CompileCommand* pick = nullptr;
  std::string reason;
  // Nearest sources first, so that the includer found is the most likely owner of the header.
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < all.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return commonPrefix(sourcePath(all[a]), headerReal) > commonPrefix(sourcePath(all[b]), headerReal);
  });
  for (size_t i : order) {
    std::vector<std::string> flags = cleanCommand(all[i], all[i].Filename);
    if (includes(all[i], flags, headerReal)) {
      pick = &all[i];
      reason = "the entry of " + sourcePath(all[i]) + ", which includes it";
      break;
    }
  }
  if (!pick) {
    llvm::StringRef dir = llvm::sys::path::parent_path(headerReal);
    llvm::StringRef stem = llvm::sys::path::stem(headerReal);
    for (const auto& c : all) {
      std::string sp = sourcePath(c);
      if (llvm::sys::path::parent_path(sp) != dir) continue;
      if (!pick || (llvm::sys::path::stem(sp) == stem && llvm::sys::path::stem(sourcePath(*pick)) != stem)) pick = &c;
    }
    if (pick) reason = "the entry of " + sourcePath(*pick) + ", in the same directory";
  }
  if (!pick && !order.empty()) {
    pick = &all[order.front()];
    reason = "the entry of " + sourcePath(*pick) + ", the nearest source";
  }
  if (!pick) return out;
  found = true;
  if (how) *how = reason;
  out = cleanCommand(*pick, pick->Filename);
  bool hasLang = false;
  for (const std::string& f : out)
    if (f == "-x" || llvm::StringRef(f).starts_with("-x")) hasLang = true;
  if (!hasLang) out.insert(out.begin(), {"-x", "c++-header"});
  return out;
}

}  // namespace ownership

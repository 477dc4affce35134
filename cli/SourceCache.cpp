// Reads source files for snippets, once each; an unreadable file is remembered as such.
#include "cli/SourceCache.h"

#include <llvm/Support/MemoryBuffer.h>

namespace ownership::cli {

const SourceLines* SourceCache::get(const std::string& path) {
  auto it = files_.find(path);
  if (it != files_.end()) return it->second.get();
  std::unique_ptr<SourceLines>& slot = files_[path];
  // MemoryBuffer fails on a directory or a missing file, and reads an empty file as empty.
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (buf) slot = std::make_unique<SourceLines>((*buf)->getBuffer().str());
  return slot.get();
}

void SourceCache::add(const std::string& path, std::string text) {
  files_[path] = std::make_unique<SourceLines>(std::move(text));
}

void SourceCache::preload(const std::vector<FileOutcome>& outcomes) {
  for (const FileOutcome& o : outcomes)
    for (const Diag& d : o.diags) {
      get(d.range.file);
      for (const Note& n : d.notes) get(n.range.file);
    }
}

}  // namespace ownership::cli

// Reads unified diffs and keeps the findings on the lines they add (`git diff -U0 | ownership-check --diff=-`).
#include "cli/DiffFilter.h"

#include "cli/Fingerprint.h"

#include <cstdlib>
#include <sstream>

namespace ownership::cli {

bool parseUnifiedDiff(const std::string& text, AddedLines& out, std::string& error) {
  std::istringstream in(text);
  std::string line, file;
  bool sawHeader = false;
  unsigned next = 0;    // the new file's line number of the next hunk line
  unsigned remain = 0;  // new-side lines left in the hunk
  bool inHunk = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("+++ ", 0) == 0 && !(inHunk && remain > 0)) {
      sawHeader = true;
      inHunk = false;
      std::string p = line.substr(4);
      size_t tab = p.find('\t');
      if (tab != std::string::npos) p.resize(tab);
      if (p == "/dev/null") {
        file.clear();
        continue;
      }
      if (p.rfind("b/", 0) == 0) p = p.substr(2);
      file = p;
      out[file];  // a file with only deletions still appears (and keeps nothing)
      continue;
    }
    if (line.rfind("@@ ", 0) == 0) {
      // @@ -a[,b] +c[,d] @@
      size_t plus = line.find(" +");
      if (plus == std::string::npos) continue;
      unsigned c = 0, d = 1;
      const char* s = line.c_str() + plus + 2;
      char* end = nullptr;
      c = static_cast<unsigned>(std::strtoul(s, &end, 10));
      if (end && *end == ',') d = static_cast<unsigned>(std::strtoul(end + 1, &end, 10));
      next = c;
      remain = d;
      inHunk = true;
      continue;
    }
    if (!inHunk || file.empty()) continue;
    if (!line.empty() && line[0] == '+') {
      out[file].insert(next++);
      if (remain) --remain;
    } else if (!line.empty() && line[0] == '-') {
      // removed: no new line
    } else if (line.rfind("\\", 0) == 0) {
      // "\ No newline at end of file"
    } else {
      ++next;  // context
      if (remain) --remain;
    }
  }
  if (!sawHeader && !text.empty()) {
    error = "the --diff input is not a unified diff (no '+++' file header)";
    return false;
  }
  return true;
}

static const std::set<unsigned>* linesFor(const AddedLines& added, const std::string& path) {
  for (const auto& [p, lines] : added) {
    if (path == p) return &lines;
    if (path.size() > p.size() && path.compare(path.size() - p.size(), p.size(), p) == 0 &&
        path[path.size() - p.size() - 1] == '/')
      return &lines;
  }
  return nullptr;
}

void keepAddedLines(std::vector<FileOutcome>& outcomes, const AddedLines& added) {
  keepDiags(outcomes, [&](const Diag& d, const std::string&) {
    const std::set<unsigned>* lines = linesFor(added, d.range.file);
    return lines && lines->count(d.range.begin.line) != 0;
  });
}

}  // namespace ownership::cli

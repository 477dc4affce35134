// Exports and applies the checker's quick-fixes from the command line.
#include "cli/FixExport.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ownership::cli {

const Fix* chosenFix(const Diag& d) {
  for (const Fix& f : d.fixes)
    if (f.preferred) return &f;
  return d.fixes.empty() ? nullptr : &d.fixes.front();
}

namespace {

// A YAML double-quoted scalar (JSON's escapes are valid in it).
std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

const char* level(Severity s) {
  switch (s) {
    case Severity::Error: return "Error";
    case Severity::Warning: return "Warning";
    case Severity::Hint: return "Remark";
  }
  return "Warning";
}

}  // namespace

bool exportFixes(const std::vector<FileOutcome>& outcomes, const std::string& path, std::string& error) {
  std::ostringstream out;
  for (const FileOutcome& o : outcomes) {
    if (!o.ok) continue;
    out << "---\nMainSourceFile: " << quoted(o.path) << "\nDiagnostics:\n";
    bool any = false;
    for (const Diag& d : o.diags) {
      any = true;
      out << "  - DiagnosticName: " << quoted("ownership-" + std::string(codeName(d.code))) << "\n"
          << "    DiagnosticMessage:\n"
          << "      Message: " << quoted(d.message) << "\n"
          << "      FilePath: " << quoted(d.range.file) << "\n"
          << "      FileOffset: " << d.range.begin.offset << "\n"
          << "      Replacements:";
      const Fix* f = chosenFix(d);
      if (!f || f->edits.empty()) {
        out << " []\n";
      } else {
        out << "\n";
        for (const TextEdit& e : f->edits)
          out << "        - FilePath: " << quoted(e.range.file) << "\n"
              << "          Offset: " << e.range.begin.offset << "\n"
              << "          Length: " << (e.range.end.offset - e.range.begin.offset) << "\n"
              << "          ReplacementText: " << quoted(e.newText) << "\n";
      }
      out << "    Level: " << level(d.severity) << "\n";
    }
    if (!any) out << "  []\n";
    out << "...\n";
  }
  std::ofstream f(path, std::ios::binary);
  if (!f) {
    error = "cannot write '" + path + "'";
    return false;
  }
  f << out.str();
  return static_cast<bool>(f);
}

unsigned applyFixes(const std::vector<FileOutcome>& outcomes, std::vector<std::string>& errors) {
  // Per file: the fixes to apply, each all-or-nothing.
  std::map<std::string, std::vector<const Fix*>> byFile;
  for (const FileOutcome& o : outcomes)
    for (const Diag& d : o.diags)
      if (const Fix* f = chosenFix(d); f && !f->edits.empty()) byFile[f->edits.front().range.file].push_back(f);
  unsigned applied = 0;
  for (auto& [file, fixes] : byFile) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      errors.push_back("cannot read '" + file + "' to fix it");
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::vector<std::pair<unsigned, unsigned>> taken;  // [begin, end) already edited
    std::vector<const TextEdit*> edits;
    for (const Fix* f : fixes) {
      bool ok = true;
      for (const TextEdit& e : f->edits) {
        if (e.range.file != file || e.range.end.offset < e.range.begin.offset || e.range.end.offset > text.size())
          ok = false;
        for (auto [b, en] : taken)
          if (e.range.begin.offset < en && b < e.range.end.offset) ok = false;
        for (auto [b, en] : taken)  // two insertions at one point: their order is unknowable
          if (b == en && e.range.begin.offset == e.range.end.offset && b == e.range.begin.offset) ok = false;
      }
      if (!ok) continue;
      for (const TextEdit& e : f->edits) {
        taken.emplace_back(e.range.begin.offset, e.range.end.offset);
        edits.push_back(&e);
      }
      ++applied;
    }
    std::sort(edits.begin(), edits.end(),
              [](const TextEdit* a, const TextEdit* b) { return a->range.begin.offset > b->range.begin.offset; });
    for (const TextEdit* e : edits)
      text.replace(e->range.begin.offset, e->range.end.offset - e->range.begin.offset, e->newText);
    std::ofstream out(file, std::ios::binary);
    if (!out || !(out << text)) errors.push_back("cannot write '" + file + "'");
  }
  return applied;
}

}  // namespace ownership::cli

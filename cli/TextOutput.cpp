// Writes diagnostics as clang-style text with rustc-style labelled notes.
#include "cli/TextOutput.h"

namespace ownership::cli {

static const char* label(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Hint: return "note";
  }
  return "error";
}

void writeText(std::ostream& os, const std::vector<FileOutcome>& outcomes) {
  unsigned errors = 0, warnings = 0;
  for (const FileOutcome& o : outcomes) {
    for (const Diag& d : o.diags) {
      os << d.range.file << ":" << d.range.begin.line << ":" << d.range.begin.column << ": " << label(d.severity)
         << ": " << d.message << " [" << codeName(d.code) << "]\n";
      for (const Note& n : d.notes)
        os << n.range.file << ":" << n.range.begin.line << ":" << n.range.begin.column << ": note: " << n.message
           << "\n";
      for (const Fix& f : d.fixes) os << "  help: " << f.title << "\n";
      if (d.severity == Severity::Error) ++errors;
      if (d.severity == Severity::Warning) ++warnings;
    }
  }
  if (errors || warnings)
    os << errors << " error" << (errors == 1 ? "" : "s") << " and " << warnings << " warning"
       << (warnings == 1 ? "" : "s") << " generated.\n";
}

}  // namespace ownership::cli

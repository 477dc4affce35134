// Writes diagnostics as clang-style lines, each with a rustc-style snippet under it.
#include "cli/TextOutput.h"

#include <string_view>

#include "cli/Snippet.h"

namespace ownership::cli {

namespace {

// The colours of clang and rustc: bold red errors, bold yellow warnings, bold cyan notes and
// help, bold locations and messages (the snippet's gutter is bold blue, cli/Snippet.cpp).
constexpr const char* kBold = "\033[1m";
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kYellow = "\033[1;33m";
constexpr const char* kCyan = "\033[1;36m";
constexpr const char* kReset = "\033[0m";

const char* label(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Hint: return "note";
  }
  return "error";
}

const char* colorOf(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Hint: return kCyan;
  }
  return kRed;
}

class Writer {
 public:
  Writer(std::ostream& os, const TextStyle& style, SourceCache& sources) : os_(os), style_(style), sources_(sources) {}

  void diag(const Diag& d) {
    header(d.range, label(d.severity), colorOf(d.severity), d.message + " [" + std::string(codeName(d.code)) + "]", true);
    // The primary range and the notes in the same file share one snippet, labelled as rustc
    // does; a note in another file gets its own snippet under its line.
    std::vector<bool> shown(d.notes.size(), false);
    if (style_.snippets) {
      std::vector<SnippetMark> marks{mark(d.range, true, "")};
      for (size_t i = 0; i < d.notes.size(); ++i) {
        const Note& n = d.notes[i];
        if (n.range.file != d.range.file) continue;
        shown[i] = true;
        if (marks.front().label.empty() && sameSpan(n.range, d.range))
          marks.front().label = n.message;  // rustc's primary label: one underline, not two
        else
          marks.push_back(mark(n.range, false, n.message));
      }
      snippet(d.range.file, std::move(marks), colorOf(d.severity));
    }
    for (size_t i = 0; i < d.notes.size(); ++i) {
      const Note& n = d.notes[i];
      header(n.range, "note", kCyan, n.message, false);
      if (style_.snippets && !shown[i]) snippet(n.range.file, {mark(n.range, false, "")}, kCyan);
    }
    for (const Fix& f : d.fixes) os_ << "  " << paint("help:", kCyan) << " " << f.title << "\n";
    if (style_.snippets) os_ << "\n";  // diagnostics with snippets read better apart, as rustc's
  }

 private:
  std::string paint(const std::string& s, const char* color) const {
    return style_.color ? color + s + kReset : s;
  }

  void header(const Range& r, const char* what, const char* color, const std::string& message, bool boldMessage) {
    os_ << paint(r.file + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column) + ":", kBold) << " "
        << paint(std::string(what) + ":", color) << " " << (boldMessage ? paint(message, kBold) : message) << "\n";
  }

  static bool sameSpan(const Range& a, const Range& b) {
    return a.begin.line == b.begin.line && a.begin.column == b.begin.column && a.end.line == b.end.line &&
           a.end.column == b.end.column;
  }

  static SnippetMark mark(const Range& r, bool primary, const std::string& label) {
    return {r.begin.line, r.begin.column, r.end.line, r.end.column, primary, label};
  }

  void snippet(const std::string& file, std::vector<SnippetMark> marks, const char* primaryColor) {
    const SourceLines* src = sources_.get(file);
    if (!src) return;
    SnippetStyle s;
    s.color = style_.color;
    s.primaryColor = primaryColor;
    for (const std::string& l : renderSnippet(*src, std::move(marks), s)) os_ << l << "\n";
  }

  std::ostream& os_;
  const TextStyle& style_;
  SourceCache& sources_;
};

}  // namespace

bool colorWanted(ColorMode mode, bool stdoutIsTerminal, const char* noColor, const char* term) {
  if (mode != ColorMode::Auto) return mode == ColorMode::Always;
  if (noColor && *noColor) return false;
  if (term && std::string_view(term) == "dumb") return false;
  return stdoutIsTerminal;
}

void writeText(std::ostream& os, const std::vector<FileOutcome>& outcomes, const TextStyle& style,
               SourceCache& sources) {
  Writer w(os, style, sources);
  unsigned errors = 0, warnings = 0;
  for (const FileOutcome& o : outcomes) {
    for (const Diag& d : o.diags) {
      w.diag(d);
      if (d.severity == Severity::Error) ++errors;
      if (d.severity == Severity::Warning) ++warnings;
    }
  }
  if (errors || warnings)
    os << errors << " error" << (errors == 1 ? "" : "s") << " and " << warnings << " warning"
       << (warnings == 1 ? "" : "s") << " generated.\n";
}

}  // namespace ownership::cli

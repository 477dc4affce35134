// Source snippets under diagnostics: numbered source lines with rustc-style underlines.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ownership::cli {

// A file's text split into lines as Clang counts them (\n, \r, \r\n and \n\r each end one line),
// so that the analysis' line numbers name the same lines here.
class SourceLines {
 public:
  explicit SourceLines(std::string text);
  unsigned count() const { return static_cast<unsigned>(starts_.size()); }
  // Line `n` (1-based) without its terminator; empty when out of range.
  std::string_view line(unsigned n) const;

 private:
  std::string text_;
  std::vector<size_t> starts_, ends_;
};

// One range to underline. Lines are 1-based, columns 1-based in bytes, the end exclusive (the
// analysis' Range). A range ending on a later line is underlined to the end of its first line.
struct SnippetMark {
  unsigned line = 0, column = 0;
  unsigned endLine = 0, endColumn = 0;
  bool primary = false;  // ^^^ (the diagnostic's range) rather than --- (a note's)
  std::string label;     // written after the underline; may be empty
};

struct SnippetStyle {
  bool color = false;
  const char* primaryColor = "\033[1;31m";  // the severity's colour (bold red for an error)
  unsigned maxWidth = 120;                  // display columns of source shown per line
  unsigned tabStop = 4;
};

// The lines of one snippet (no trailing newlines): an empty gutter line, then each line that
// holds a mark, in order, each followed by one underline row per mark on it (by column). A gap
// of one line between shown lines is filled with that line, a longer one is shown as ` ...`.
// Marks whose line is not in `src` are left out; none left: no lines at all. Every line starts
// with a space, so a snippet line is never taken for a `file:line:col:` line.
std::vector<std::string> renderSnippet(const SourceLines& src, std::vector<SnippetMark> marks,
                                       const SnippetStyle& style);

}  // namespace ownership::cli

// Renders source snippets: tabs expanded, UTF-8 measured in display columns, long lines cut.
#include "cli/Snippet.h"

#include <algorithm>

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/ConvertUTF.h>
#include <llvm/Support/Unicode.h>

namespace ownership::cli {

SourceLines::SourceLines(std::string text) : text_(std::move(text)) {
  size_t start = 0;
  for (size_t i = 0; i < text_.size(); ++i) {
    char c = text_[i];
    if (c != '\n' && c != '\r') continue;
    starts_.push_back(start);
    ends_.push_back(i);
    // Clang takes "\r\n" and "\n\r" as one line end.
    if (i + 1 < text_.size() && (text_[i + 1] == '\n' || text_[i + 1] == '\r') && text_[i + 1] != c) ++i;
    start = i + 1;
  }
  starts_.push_back(start);
  ends_.push_back(text_.size());
}

std::string_view SourceLines::line(unsigned n) const {
  if (n == 0 || n > count()) return {};
  return std::string_view(text_).substr(starts_[n - 1], ends_[n - 1] - starts_[n - 1]);
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kSpaces = "                ";
constexpr const char* kGutterColor = "\033[1;34m";   // bold blue, as rustc
constexpr const char* kReset = "\033[0m";

// One character of a source line as shown: its bytes, where it starts and how wide it is.
struct Glyph {
  size_t byte;
  unsigned col, width;
  std::string_view text;
};

// A source line laid out in display columns. Tabs go to the next tab stop; characters a terminal
// would not show as themselves (control characters, invalid UTF-8, non-printable code points) are
// U+FFFD, one column wide; format characters (Cf: bidi overrides, zero-width joiners, a BOM) are
// dropped, so neither they nor an escape sequence in the source can disturb the terminal.
struct Layout {
  std::vector<Glyph> glyphs;
  size_t bytes = 0;
  unsigned width = 0;

  Layout(std::string_view s, unsigned tabStop) : bytes(s.size()) {
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '\t') {
        unsigned w = tabStop - width % tabStop;
        glyphs.push_back({i, width, w, kSpaces.substr(0, w)});
        width += w;
        ++i;
        continue;
      }
      if (c < 0x80) {
        bool printable = c >= 0x20 && c != 0x7f;
        glyphs.push_back({i, width, 1, printable ? s.substr(i, 1) : kReplacement});
        ++width;
        ++i;
        continue;
      }
      const auto* p = reinterpret_cast<const llvm::UTF8*>(s.data() + i);
      const auto* end = reinterpret_cast<const llvm::UTF8*>(s.data() + s.size());
      llvm::UTF32 cp = 0;
      if (llvm::convertUTF8Sequence(&p, end, &cp, llvm::strictConversion) != llvm::conversionOK) {
        glyphs.push_back({i, width, 1, kReplacement});  // one invalid byte
        ++width;
        ++i;
        continue;
      }
      size_t n = static_cast<size_t>(reinterpret_cast<const char*>(p) - (s.data() + i));
      std::string_view bytesOf = s.substr(i, n);
      int cpi = static_cast<int>(cp);
      if (llvm::sys::unicode::isFormatting(cpi)) {
        glyphs.push_back({i, width, 0, {}});
      } else {
        int w = llvm::sys::unicode::columnWidthUTF8(llvm::StringRef(bytesOf.data(), bytesOf.size()));
        if (w < 0)
          glyphs.push_back({i, width, 1, kReplacement});
        else
          glyphs.push_back({i, width, static_cast<unsigned>(w), bytesOf});
        width += w < 0 ? 1 : static_cast<unsigned>(w);
      }
      i += n;
    }
  }

  // The glyph holding byte b (b < bytes).
  const Glyph& at(size_t b) const {
    auto it = std::upper_bound(glyphs.begin(), glyphs.end(), b, [](size_t x, const Glyph& g) { return x < g.byte; });
    return *(it - 1);
  }
  unsigned colStart(size_t b) const { return b >= bytes ? width : at(b).col; }
  unsigned colEnd(size_t b) const { return b >= bytes ? width : at(b).col + at(b).width; }
};

// Display columns [begin, end) a mark underlines on its first line; never empty.
struct Span {
  unsigned begin, end;
  const SnippetMark* mark;
};

Span spanOf(const Layout& l, const SnippetMark& m, unsigned line) {
  size_t b0 = std::min<size_t>(m.column > 0 ? m.column - 1 : 0, l.bytes);
  size_t b1 = m.endLine == line ? std::min<size_t>(m.endColumn > 0 ? m.endColumn - 1 : 0, l.bytes) : l.bytes;
  unsigned c0 = l.colStart(b0);
  unsigned c1 = b1 > b0 ? l.colEnd(b1 - 1) : c0;
  if (c1 <= c0) c1 = c0 + 1;  // an empty range, or one at the end of the line: one caret
  return {c0, c1, &m};
}

std::string paint(std::string_view s, const char* color, bool on) {
  if (!on || s.empty()) return std::string(s);
  return std::string(color) + std::string(s) + kReset;
}

class Renderer {
 public:
  Renderer(const SnippetStyle& style, unsigned gutterWidth) : style_(style), gw_(gutterWidth) {}

  std::string gutter(unsigned line) const {
    std::string num = line ? std::to_string(line) : "";
    return " " + paint(std::string(gw_ - num.size(), ' ') + num + " |", kGutterColor, style_.color);
  }

  std::string ellipsis() const { return " " + paint("...", kGutterColor, style_.color); }

  // The source line and its underline rows.
  void line(std::vector<std::string>& out, unsigned n, std::string_view text, const std::vector<const SnippetMark*>& marks) {
    Layout l(text, std::clamp(style_.tabStop, 1u, static_cast<unsigned>(kSpaces.size())));
    std::vector<Span> spans;
    for (const SnippetMark* m : marks) spans.push_back(spanOf(l, *m, n));
    // By column, the primary first among equals, then in the order given (marks are in order).
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
      if (a.begin != b.begin) return a.begin < b.begin;
      if (a.mark->primary != b.mark->primary) return a.mark->primary;
      return a.mark < b.mark;
    });
    // The window of display columns shown: all of it, or maxWidth columns around the first mark
    // (the primary's, when it is on this line) with a quarter of the window before it.
    unsigned maxW = std::max(style_.maxWidth, 8u);
    unsigned left = 0, right = l.width;
    if (l.width > maxW) {
      unsigned anchor = spans.empty() ? 0 : spans.front().begin;
      for (const Span& s : spans)
        if (s.mark->primary) anchor = s.begin;
      unsigned margin = maxW / 4;
      left = anchor + margin < maxW ? 0 : anchor - margin;
      right = std::min(l.width, left + maxW);
      left = right - maxW;
    }
    std::string shown;
    unsigned visLeft = right, visRight = left;
    bool prevShown = left == 0;  // a zero-width glyph goes with the character before it
    for (const Glyph& g : l.glyphs) {
      bool show = g.width == 0 ? prevShown : g.col >= left && g.col + g.width <= right;
      prevShown = show;
      if (!show) continue;
      visLeft = std::min(visLeft, g.col);
      visRight = std::max(visRight, g.col + g.width);
      shown += g.text;
    }
    if (visLeft > visRight) visLeft = visRight = left;
    bool cutLeft = visLeft > 0, cutRight = visRight < l.width;
    unsigned offset = cutLeft ? 3 : 0;  // the "..." before the text
    std::string src = (cutLeft ? "..." : "") + shown + (cutRight ? "..." : "");
    out.push_back(gutter(n) + (src.empty() ? "" : " " + src));
    for (const Span& s : spans) {
      unsigned b, e;
      if (s.end <= visLeft && cutLeft) {
        b = 0, e = 1;  // left of the window: point at the leading "..."
      } else if (s.begin >= visRight && cutRight) {
        b = offset + (visRight - visLeft), e = b + 1;  // right of it: at the trailing "..."
      } else {
        unsigned cb = std::max(s.begin, visLeft), ce = cutRight ? std::min(s.end, visRight) : s.end;
        if (ce <= cb) ce = cb + 1;
        b = offset + (cb - visLeft), e = offset + (ce - visLeft);
      }
      std::string mark(e - b, s.mark->primary ? '^' : '-');
      if (!s.mark->label.empty()) mark += " " + s.mark->label;
      out.push_back(gutter(0) + " " + std::string(b, ' ') +
                    paint(mark, s.mark->primary ? style_.primaryColor : kGutterColor, style_.color));
    }
  }

 private:
  const SnippetStyle& style_;
  unsigned gw_;
};

}  // namespace

std::vector<std::string> renderSnippet(const SourceLines& src, std::vector<SnippetMark> marks,
                                       const SnippetStyle& style) {
  std::erase_if(marks, [&](const SnippetMark& m) { return m.line == 0 || m.line > src.count(); });
  if (marks.empty()) return {};
  std::vector<unsigned> lines;
  for (const SnippetMark& m : marks) lines.push_back(m.line);
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  // A gap of one line is filled with that line: as short as "...", and easier to read.
  unsigned last = lines.back();
  for (size_t i = 0; i + 1 < lines.size(); ++i)
    if (lines[i + 1] == lines[i] + 2) last = std::max(last, lines[i] + 1);
  Renderer r(style, static_cast<unsigned>(std::to_string(last).size()));
  std::vector<std::string> out{r.gutter(0)};
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i] == lines[i - 1] + 2) r.line(out, lines[i] - 1, src.line(lines[i] - 1), {});
    else if (i > 0 && lines[i] > lines[i - 1] + 2) out.push_back(r.ellipsis());
    std::vector<const SnippetMark*> on;
    for (const SnippetMark& m : marks)
      if (m.line == lines[i]) on.push_back(&m);
    r.line(out, lines[i], src.line(lines[i]), on);
  }
  return out;
}

}  // namespace ownership::cli

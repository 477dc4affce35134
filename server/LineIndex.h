// Byte offsets <-> LSP positions in the negotiated encoding (UTF-16 or UTF-8), and
// applying LSP range edits to a document's text. The one place that counts code units.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ownership::server {

enum class PositionEncoding { Utf16, Utf8 };

struct LinePosition {
  int line = 0;       // 0-based
  int character = 0;  // 0-based code units
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // Position of a byte offset (clamped to the text's end; inside a UTF-8 sequence
  // it counts as the start of that character).
  LinePosition position(std::size_t offset, PositionEncoding enc) const;
  // Byte offset of a position. A character past the line's end means the line's end
  // (LSP rule); a line past the last means the end of the text. `exact` is cleared
  // when clamping happened.
  std::size_t offset(LinePosition pos, PositionEncoding enc, bool* exact = nullptr) const;
  std::size_t lineCount() const { return starts_.size(); }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;  // byte offset of each line's first character
  std::size_t lineEnd(std::size_t line) const;  // offset of the line's '\n' (or text end)
};

// Number of code units of `s` in the encoding.
std::size_t codeUnits(std::string_view s, PositionEncoding enc);

}  // namespace ownership::server

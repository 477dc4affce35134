// Line tables and UTF-8/UTF-16 column arithmetic.
#include "server/LineIndex.h"

#include <algorithm>

namespace ownership::server {

namespace {
// Length of the UTF-8 sequence starting with byte b (1 for invalid lead bytes).
std::size_t seqLength(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b >> 5) == 0x6) return 2;
  if ((b >> 4) == 0xE) return 3;
  if ((b >> 3) == 0x1E) return 4;
  return 1;
}
}  // namespace

std::size_t codeUnits(std::string_view s, PositionEncoding enc) {
  if (enc == PositionEncoding::Utf8) return s.size();
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = std::min(seqLength(static_cast<unsigned char>(s[i])), s.size() - i);
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

std::size_t LineIndex::lineEnd(std::size_t line) const {
  std::size_t end = line + 1 < starts_.size() ? starts_[line + 1] - 1 : text_.size();
  if (end > starts_[line] && text_[end - 1] == '\r' && end < text_.size()) --end;  // CRLF: \r is not a column
  return end;
}

LinePosition LineIndex::position(std::size_t offset, PositionEncoding enc) const {
  offset = std::min(offset, text_.size());
  std::size_t line = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
  std::size_t start = starts_[line];
  return {static_cast<int>(line), static_cast<int>(codeUnits(text_.substr(start, offset - start), enc))};
}

std::size_t LineIndex::offset(LinePosition pos, PositionEncoding enc, bool* exact) const {
  if (exact) *exact = true;
  if (pos.line < 0 || pos.character < 0) {
    if (exact) *exact = false;
    return 0;
  }
  if (static_cast<std::size_t>(pos.line) >= starts_.size()) {
    if (exact) *exact = false;
    return text_.size();
  }
  std::size_t start = starts_[pos.line], end = lineEnd(pos.line);
  std::size_t units = 0, i = start;
  while (i < end && units < static_cast<std::size_t>(pos.character)) {
    std::size_t n = std::min(seqLength(static_cast<unsigned char>(text_[i])), end - i);
    std::size_t u = enc == PositionEncoding::Utf8 ? n : (n == 4 ? 2 : 1);
    if (units + u > static_cast<std::size_t>(pos.character)) break;  // inside a surrogate pair / sequence
    units += u;
    i += n;
  }
  if (units < static_cast<std::size_t>(pos.character) && exact) *exact = false;
  return i;
}

}  // namespace ownership::server

// Content-Length framing: a tolerant incremental header parser.
#include "protocol/Framing.h"

#include <cctype>
#include <charconv>

namespace ownership::protocol {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
// Offset of the first "Content-Length" (any case) in buf[from, to), or npos.
std::size_t findContentLength(const std::string& buf, std::size_t from, std::size_t to) {
  constexpr std::string_view name = "content-length";
  for (std::size_t i = from; i + name.size() <= to; ++i) {
    std::size_t k = 0;
    while (k < name.size() && std::tolower(static_cast<unsigned char>(buf[i + k])) == name[k]) ++k;
    if (k == name.size()) return i;
  }
  return std::string::npos;
}
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
}  // namespace

void FrameReader::feed(std::string_view bytes) {
  if (skipping_) {
    std::size_t n = std::min(skipping_, bytes.size());
    skipping_ -= n;
    bytes.remove_prefix(n);
  }
  buf_.append(bytes);
}

void FrameReader::compact() {
  if (pos_ > 0 && (pos_ > (1u << 16) || pos_ * 2 > buf_.size())) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
}

std::optional<FrameReader::Frame> FrameReader::next() {
  // Tolerate stray blank lines between messages (some clients send an extra "\r\n").
  while (pos_ < buf_.size() && (buf_[pos_] == '\r' || buf_[pos_] == '\n')) ++pos_;
  std::size_t end = buf_.find("\r\n\r\n", pos_);
  std::size_t sepLen = 4;
  std::size_t endLf = buf_.find("\n\n", pos_);
  if (endLf != std::string::npos && (end == std::string::npos || endLf < end)) {
    end = endLf;
    sepLen = 2;
  }
  if (end == std::string::npos) {
    if (buffered() > 64 * 1024) {  // no header block ends within 64 KiB: garbage
      pos_ = buf_.size();
      compact();
      return Frame{"", "header block longer than 64 KiB without an empty line; discarded"};
    }
    return std::nullopt;
  }
  std::string_view headers(buf_.data() + pos_, end - pos_);
  std::optional<std::size_t> length;
  bool sawLength = false;  // a Content-Length line, valid or not
  std::string error;
  while (!headers.empty()) {
    std::size_t nl = headers.find('\n');
    std::string_view line = trim(headers.substr(0, nl));
    headers = nl == std::string_view::npos ? std::string_view() : headers.substr(nl + 1);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      error = "malformed header line `" + std::string(line.substr(0, 80)) + "`";
      continue;
    }
    std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Length")) {
      sawLength = true;
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size())
        error = "Content-Length `" + std::string(value.substr(0, 40)) + "` is not a number";
      else
        length = n;
    }
    // Content-Type and unknown headers are ignored.
  }
  std::size_t bodyStart = end + sepLen;
  if (!length) {
    // Resynchronise: a Content-Length shorter than its body leaves the body's tail in front of
    // the next header, on the same line (JSON bodies have no newline), so that header is never
    // at a line start. Resume at it rather than lose the message it announces, and with it,
    // one after another, every later message.
    std::size_t resume = sawLength ? std::string::npos : findContentLength(buf_, pos_ + 1, end);
    pos_ = resume != std::string::npos ? resume : bodyStart;
    compact();
    return Frame{"", error.empty() ? "message without a Content-Length header" : error};
  }
  if (*length > kMaxMessageBytes) {
    std::size_t have = buf_.size() - bodyStart;
    std::size_t drop = std::min(have, *length);
    skipping_ = *length - drop;
    pos_ = bodyStart + drop;
    compact();
    return Frame{"", "message of " + std::to_string(*length) + " bytes exceeds the limit of " +
                         std::to_string(kMaxMessageBytes) + " bytes; discarded"};
  }
  if (buf_.size() - bodyStart < *length) return std::nullopt;
  Frame f{buf_.substr(bodyStart, *length), ""};
  pos_ = bodyStart + *length;
  compact();
  return f;
}

std::string frameMessage(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace ownership::protocol

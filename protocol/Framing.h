// Content-Length framing of JSON-RPC messages (the LSP base protocol), independent of I/O.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ownership::protocol {

// The largest message body accepted; a longer one is skipped and reported, so one
// oversized message cannot exhaust memory.
inline constexpr std::size_t kMaxMessageBytes = 256u << 20;

// Incremental decoder: feed it bytes as they arrive, take complete bodies out.
// A malformed header block is reported as an error and skipped, and decoding resumes
// at the next header block, so one bad frame does not end the session.
class FrameReader {
 public:
  struct Frame {
    std::string body;   // the JSON text, when error is empty
    std::string error;  // why the frame was rejected
  };
  void feed(std::string_view bytes);
  std::optional<Frame> next();
  std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t skipping_ = 0;  // bytes of an oversized body still to discard
  void compact();
};

// Frames one body: "Content-Length: N\r\n\r\n" + body.
std::string frameMessage(std::string_view body);

}  // namespace ownership::protocol

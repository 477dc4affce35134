// The wire in front of the server: framed JSON-RPC bodies in, bodies out.
// StreamTransport (stdio or a loopback socket, on asio) is the real one;
// MemoryTransport feeds tests without pipes.
#pragma once
#include <functional>
#include <string>

namespace ownership::server {

class Transport {
 public:
  virtual ~Transport() = default;
  // Reads until the input ends or stop() was called; calls onMessage with each body
  // and onError with a description of each rejected frame. Runs on the caller's thread.
  virtual void run(const std::function<void(std::string)>& onMessage,
                   const std::function<void(const std::string&)>& onError) = 0;
  // Sends one body, framed. Thread-safe; messages are never interleaved.
  virtual void send(const std::string& body) = 0;
  // Makes run() return after the message being handled.
  virtual void stop() = 0;
};

}  // namespace ownership::server

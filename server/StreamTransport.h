// Content-Length framed JSON-RPC over a byte stream, on asio: stdin/stdout, or one
// client connection accepted on a loopback address (--listen).
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "server/Transport.h"

namespace ownership::server {

class StreamTransport : public Transport {
 public:
  // Reads from stdin and writes to stdout.
  static std::unique_ptr<StreamTransport> stdio();
  // Listens on host:port, which must be a loopback address, and accepts one client.
  // On failure returns null and sets `error`.
  static std::unique_ptr<StreamTransport> listen(const std::string& hostPort, std::string& error);

  ~StreamTransport() override;
  void run(const std::function<void(std::string)>& onMessage,
           const std::function<void(const std::string&)>& onError) override;
  void send(const std::string& body) override;
  void stop() override { stopped_ = true; }

  struct Impl;

 private:
  explicit StreamTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::mutex writeMutex_;
  std::atomic<bool> stopped_{false};
};

// True when `host` names a loopback address (127.0.0.0/8, ::1, "localhost").
bool isLoopbackHost(const std::string& host);

}  // namespace ownership::server

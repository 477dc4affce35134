// An in-memory transport for tests: the test pushes bodies in and reads what the
// server sent; no framing, no pipes.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/Transport.h"

namespace ownership::server {

class MemoryTransport : public Transport {
 public:
  // Test side.
  void push(std::string body);   // a message from the "client"
  void pushFrameError(std::string why);
  void close();                  // end of input
  // Waits for the next message the server sent; nullopt on timeout.
  std::optional<std::string> pop(std::chrono::milliseconds timeout);
  std::vector<std::string> sent() const;  // everything sent so far

  // Server side.
  void run(const std::function<void(std::string)>& onMessage,
           const std::function<void(const std::string&)>& onError) override;
  void send(const std::string& body) override;
  void stop() override;

 private:
  mutable std::mutex m_;
  std::condition_variable cvIn_, cvOut_;
  std::deque<std::pair<bool, std::string>> in_;  // (isError, text)
  std::deque<std::string> out_;
  std::vector<std::string> all_;
  bool closed_ = false, stopped_ = false;
};

}  // namespace ownership::server

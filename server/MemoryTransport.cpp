// In-memory transport: two queues guarded by one mutex.
#include "server/MemoryTransport.h"

namespace ownership::server {

void MemoryTransport::push(std::string body) {
  std::lock_guard<std::mutex> l(m_);
  in_.emplace_back(false, std::move(body));
  cvIn_.notify_all();
}
void MemoryTransport::pushFrameError(std::string why) {
  std::lock_guard<std::mutex> l(m_);
  in_.emplace_back(true, std::move(why));
  cvIn_.notify_all();
}
void MemoryTransport::close() {
  std::lock_guard<std::mutex> l(m_);
  closed_ = true;
  cvIn_.notify_all();
}
std::optional<std::string> MemoryTransport::pop(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> l(m_);
  if (!cvOut_.wait_for(l, timeout, [&] { return !out_.empty(); })) return std::nullopt;
  std::string s = std::move(out_.front());
  out_.pop_front();
  return s;
}
std::vector<std::string> MemoryTransport::sent() const {
  std::lock_guard<std::mutex> l(m_);
  return all_;
}
void MemoryTransport::run(const std::function<void(std::string)>& onMessage,
                          const std::function<void(const std::string&)>& onError) {
  while (true) {
    std::pair<bool, std::string> item;
    {
      std::unique_lock<std::mutex> l(m_);
      cvIn_.wait(l, [&] { return !in_.empty() || closed_ || stopped_; });
      if (stopped_ || in_.empty()) return;
      item = std::move(in_.front());
      in_.pop_front();
    }
    if (item.first) onError(item.second);
    else onMessage(std::move(item.second));
  }
}
void MemoryTransport::send(const std::string& body) {
  std::lock_guard<std::mutex> l(m_);
  out_.push_back(body);
  all_.push_back(body);
  cvOut_.notify_all();
}
void MemoryTransport::stop() {
  std::lock_guard<std::mutex> l(m_);
  stopped_ = true;
  cvIn_.notify_all();
}

}  // namespace ownership::server

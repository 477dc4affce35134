// A typed dispatch table for JSON-RPC: bind a method to a handler taking a decoded
// params struct; a params decode failure answers InvalidParams by itself. Replies go
// out exactly once, from any thread; $/cancelRequest marks a pending reply cancelled.
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/JsonRpc.h"
#include "server/Logger.h"

namespace ownership::server {

class Dispatcher;

// The one reply of a request. Copyable handle; the first result/error wins, later
// ones are dropped with a log line. A request whose handle dies unanswered is
// answered with InternalError, so a client never waits forever.
class Reply {
 public:
  void result(nlohmann::json r) const;
  void error(protocol::ErrorCode code, const std::string& message) const;
  bool cancelled() const;
  // Answers RequestCancelled and returns true when the client cancelled this request.
  bool answerIfCancelled() const;
  const std::string& method() const;

  struct State;
  explicit Reply(std::shared_ptr<State> s) : state_(std::move(s)) {}

 private:
  std::shared_ptr<State> state_;
};

class Dispatcher {
 public:
  using Send = std::function<void(const nlohmann::json&)>;
  explicit Dispatcher(Send send) : send_(std::move(send)) {}

  template <class P>
  void request(const std::string& method, std::function<void(P, Reply)> handler) {
    requests_[method] = [method, handler = std::move(handler)](const nlohmann::json& params, Reply reply) {
      P p{};
      try {
        p = params.get<P>();
      } catch (const nlohmann::json::exception& e) {
        reply.error(protocol::ErrorCode::InvalidParams, "invalid params for " + method + ": " + e.what());
        return;
      }
      handler(std::move(p), std::move(reply));
    };
  }
  template <class P>
  void notification(const std::string& method, std::function<void(P)> handler) {
    notifications_[method] = [method, handler = std::move(handler)](const nlohmann::json& params) {
      P p{};
      try {
        p = params.get<P>();
      } catch (const nlohmann::json::exception& e) {
        logError("ignoring " + method + " with invalid params: " + e.what());
        return;
      }
      handler(std::move(p));
    };
  }

  // Decodes and routes one message body (called on the message thread).
  void dispatch(const std::string& body);
  // A frame the transport could not even split out.
  void frameError(const std::string& why);
  void cancel(const nlohmann::json& id);
  bool hasMethod(const std::string& m) const { return requests_.count(m) || notifications_.count(m); }

  // Hook called before routing: returns false when the message was answered/consumed
  // (used for the lifecycle rules: before initialize, after shutdown).
  std::function<bool(const protocol::Message&)> gate;

 private:
  Send send_;
  std::map<std::string, std::function<void(const nlohmann::json&, Reply)>> requests_;
  std::map<std::string, std::function<void(const nlohmann::json&)>> notifications_;
  std::mutex pendingMutex_;
  std::map<std::string, std::weak_ptr<Reply::State>> pending_;  // id.dump() -> reply
  friend struct Reply::State;
};

}  // namespace ownership::server

// Dispatch: decoding, routing, exactly-once replies and cancellation.
#include "server/Dispatcher.h"

namespace ownership::server {

using nlohmann::json;
using protocol::ErrorCode;

struct Reply::State {
  Dispatcher* owner = nullptr;
  Dispatcher::Send send;
  json id;
  std::string method;
  std::atomic<bool> done{false};
  std::atomic<bool> cancelled{false};

  void finish(json message) {
    bool expected = false;
    if (!done.compare_exchange_strong(expected, true)) {
      logError("dropping a second reply to " + method + " " + id.dump());
      return;
    }
    {
      std::lock_guard<std::mutex> l(owner->pendingMutex_);
      owner->pending_.erase(id.dump());
    }
    send(message);
  }
  ~State() {
    if (!done) {
      logError(method + " " + id.dump() + " was never answered; answering InternalError");
      done = true;
      {
        std::lock_guard<std::mutex> l(owner->pendingMutex_);
        owner->pending_.erase(id.dump());
      }
      send(protocol::makeError(id, ErrorCode::InternalError, "the server dropped this request"));
    }
  }
};

void Reply::result(json r) const { state_->finish(protocol::makeResponse(state_->id, std::move(r))); }
void Reply::error(ErrorCode code, const std::string& message) const {
  state_->finish(protocol::makeError(state_->id, code, message));
}
bool Reply::cancelled() const { return state_->cancelled; }
bool Reply::answerIfCancelled() const {
  if (!state_->cancelled) return false;
  error(ErrorCode::RequestCancelled, "request cancelled");
  return true;
}
const std::string& Reply::method() const { return state_->method; }

void Dispatcher::frameError(const std::string& why) {
  logError("bad frame: " + why);
  // JSON-RPC: a message that cannot be parsed gets an error with a null id.
  send_(protocol::makeError(nullptr, ErrorCode::ParseError, why));
}

void Dispatcher::cancel(const json& id) {
  std::shared_ptr<Reply::State> s;
  {
    std::lock_guard<std::mutex> l(pendingMutex_);
    auto it = pending_.find(id.dump());
    if (it != pending_.end()) s = it->second.lock();
  }
  if (s) s->cancelled = true;
}

void Dispatcher::dispatch(const std::string& body) {
  ErrorCode code{};
  std::string why;
  std::optional<protocol::Message> msg = protocol::decodeMessage(body, code, why);
  if (!msg) {
    logError("bad message: " + why);
    // Answer with the id when one can be recovered, else null.
    std::optional<json> id = protocol::recoverRequestId(body);
    send_(protocol::makeError(id ? *id : json(nullptr), code, why));
    return;
  }
  if (msg->isResponse()) {
    logVerbose("response from client to " + msg->id->dump() + " (ignored)");
    return;
  }
  if (gate && !gate(*msg)) return;
  if (msg->isNotification()) {
    if (msg->method == "$/cancelRequest") {
      if (msg->params.is_object() && msg->params.contains("id")) cancel(msg->params["id"]);
      return;
    }
    auto it = notifications_.find(msg->method);
    if (it == notifications_.end()) {
      // $/ notifications may be ignored silently (LSP); others get a log line.
      if (msg->method.rfind("$/", 0) != 0) logInfo("ignoring unknown notification " + msg->method);
      return;
    }
    it->second(msg->params);
    return;
  }
  auto state = std::make_shared<Reply::State>();
  state->owner = this;
  state->send = send_;
  state->id = *msg->id;
  state->method = msg->method;
  Reply reply(state);
  auto it = requests_.find(msg->method);
  if (it == requests_.end()) {
    reply.error(ErrorCode::MethodNotFound, "method not found: " + msg->method);
    return;
  }
  {
    std::lock_guard<std::mutex> l(pendingMutex_);
    pending_[state->id.dump()] = state;
  }
  logVerbose("<-- " + msg->method + " " + state->id.dump());
  it->second(msg->params, std::move(reply));
}

}  // namespace ownership::server

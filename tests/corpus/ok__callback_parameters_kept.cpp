// ok: a callback parameter (std::function, by reference, by value or by rvalue) copied or moved into a member or a global: what it captured is the caller's choice, not a borrow this function can see (spec 2b)
#include <functional>
#include <string>
#include <utility>

class State;
using Callback = std::function<void(const State&)>;

std::function<void()> g_on_exit;

void set_exit_handler(const std::function<void()>& handler) {
  g_on_exit = handler;
}

class Job {
 public:
  Job* Setup(const Callback& setup) {
    setup_ = setup;
    return this;
  }
  Job* Setup(Callback&& setup) {
    setup_ = std::forward<Callback>(setup);
    return this;
  }
  Job* Teardown(Callback teardown) {
    teardown_ = std::move(teardown);
    return this;
  }

 private:
  Callback setup_;
  Callback teardown_;
};

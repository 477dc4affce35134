// borrow-escapes: a global keeps a lambda that captures a callback parameter by reference; keeping a copy of the callback would be fine, keeping a reference to the parameter is not (spec 2a.11)
#include <functional>

std::function<void()> g_on_exit;

void set_exit_handler(const std::function<void()>& handler) {
  g_on_exit = [&handler] { handler(); };  // expect: borrow-escapes
}

void set_exit_handler_copy(const std::function<void()>& handler) {
  g_on_exit = [handler] { handler(); };
}

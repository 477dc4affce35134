// borrow-escapes: a constructor's member initializer stores in a std::function member a lambda capturing a reference parameter by reference
#include <functional>

class Button {
 public:
  explicit Button(int& clicks) : on_click_([&clicks] { ++clicks; }) {}  // expect: borrow-escapes
  void click() { on_click_(); }

 private:
  std::function<void()> on_click_;
};

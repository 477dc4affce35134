// borrow-escapes: a member function stores, in a std::function member of `this`, a lambda that captures a reference parameter by reference
#include <functional>
#include <string>

class Uploader {
 public:
  void on_finish(std::string& status_line) {
    done_ = [&status_line](int code) { status_line = "done " + std::to_string(code); };  // expect: borrow-escapes  // fix: borrow-escapes
  }
  void finish(int code) {
    if (done_) {
      done_(code);
    }
  }

 private:
  std::function<void(int)> done_;
};

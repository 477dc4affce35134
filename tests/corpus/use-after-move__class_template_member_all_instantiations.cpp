// use-after-move: a class template's member moves its buffer out and then returns it; both instantiations (std::string and std::vector<int>) are wrong: one diagnostic at the member's text, with its fix since it is right for every instantiation (spec 2d)
#include <string>
#include <utility>
#include <vector>

template <class Buffer>
class Accumulator {
 public:
  void add(const Buffer& b) { pending_ = b; }
  Buffer flush() {
    Buffer out = std::move(pending_);
    sent_ += 1;
    return pending_;  // expect: use-after-move  // fix: use-after-move
  }

 private:
  Buffer pending_;
  int sent_ = 0;
};

std::size_t run() {
  Accumulator<std::string> text;
  text.add("abc");
  Accumulator<std::vector<int>> numbers;
  numbers.add({1, 2, 3});
  return text.flush().size() + numbers.flush().size();
}

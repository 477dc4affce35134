// use-after-move: a member function moves a unique_ptr field out on one branch and moves it again after the join ("may have been moved")
#include <memory>
#include <utility>
#include <vector>

struct Frame {
  int id;
};

class Renderer {
 public:
  void submit(bool drop_late) {
    if (drop_late) {
      discarded_.push_back(std::move(pending_));
    }
    presented_.push_back(std::move(pending_));  // expect: use-after-move
  }

 private:
  std::unique_ptr<Frame> pending_;
  std::vector<std::unique_ptr<Frame>> discarded_;
  std::vector<std::unique_ptr<Frame>> presented_;
};

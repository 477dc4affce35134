// ok: a member function moves a unique_ptr field out and immediately assigns a fresh object to it
// expect-none
#include <memory>
#include <utility>

struct Page {
  int number = 0;
};

class Printer {
 public:
  std::unique_ptr<Page> take_page() {
    std::unique_ptr<Page> done = std::move(current_);
    current_ = std::make_unique<Page>();
    current_->number = done->number + 1;
    return done;
  }

 private:
  std::unique_ptr<Page> current_ = std::make_unique<Page>();
};

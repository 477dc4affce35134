// release-of-borrow: a function that only borrows its widget passes it to a parameter that takes ownership (spec 2a.7)
#include <string>

struct Widget {
  std::string label;
};

class Container {
 public:
  void adopt([[owner]] Widget* w);
};

void mirror_into(Container& c, [[borrow]] Widget* w) {
  if (w->label.empty()) {
    return;
  }
  c.adopt(w);  // expect: release-of-borrow
}

// ok: a container of owning raw pointers is cleaned up by copying each pointer out and deleting it; the copied pointer value is not a borrow of the container
// expect-none
#include <list>
#include <vector>

struct Widget {
  int id = 0;
};

class Panel {
 public:
  ~Panel() {
    for (Widget* w : children_) {
      delete w;
    }
  }
  Panel() = default;
  Panel(const Panel&) = delete;
  Panel& operator=(const Panel&) = delete;

  void add(int id) { children_.push_back(new Widget{id}); }

  void drop_last() {
    Widget* last = children_.back();
    children_.pop_back();
    delete last;
  }

 private:
  std::vector<Widget*> children_;
};

void drain(std::list<Widget*>& queue) {
  while (!queue.empty()) {
    Widget* front = queue.front();
    queue.pop_front();
    delete front;
  }
}

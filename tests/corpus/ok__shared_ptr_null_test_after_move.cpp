// ok: testing moved-from shared_ptrs against null is not a use (spec 2a.15)
// expect-none
#include <memory>
#include <utility>

struct Listener {
  int id = 0;
};

void subscribe(std::shared_ptr<Listener> l);

bool register_listener(std::shared_ptr<Listener> l) {
  subscribe(std::move(l));
  if (!l) {
    return true;
  }
  return false;
}

bool register_twice(std::shared_ptr<Listener> a, std::shared_ptr<Listener> b) {
  subscribe(std::move(a));
  subscribe(std::move(b));
  return a == nullptr && b.get() == nullptr;
}

// ok: testing a moved-from unique_ptr against null is not a use (spec 2a.15)
// expect-none
#include <memory>
#include <utility>

struct Session {
  int id;
};

void keep(std::unique_ptr<Session> s);

bool hand_over(std::unique_ptr<Session> s) {
  keep(std::move(s));
  if (s) {
    return false;
  }
  return s == nullptr && s.get() == nullptr;
}

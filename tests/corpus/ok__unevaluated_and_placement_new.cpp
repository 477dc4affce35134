// Unevaluated operands neither use nor move, and placement new makes no owner (spec 2b.8).
// expect-none
#include <memory>
#include <new>
#include <string>
#include <utility>

bool nothrow_movable(std::string& x) {
  bool ok = noexcept(std::string(std::move(x)));
  return ok && !x.empty();
}

std::size_t sizes(std::string s) {
  std::string t = std::move(s);
  std::size_t n = sizeof(s) + sizeof(decltype(std::move(s)));
  return n + t.size();
}

struct Slot {
  alignas(std::string) unsigned char buf[sizeof(std::string)];
};

void construct(Slot& slot) {
  std::string* p = new (slot.buf) std::string("hi");
  p->append("!");
}

bool check(std::string& s) { return nothrow_movable(s); }

// return-local-borrow: a factory returns a counting lambda that captures its local counter by reference; the fix captures by copy and makes the lambda mutable, so the closure owns the counter
#include <functional>

std::function<int()> make_ticket_counter(int start) {
  int next = start;
  return [&]() { return next++; };  // expect: return-local-borrow  // fix: return-local-borrow
}

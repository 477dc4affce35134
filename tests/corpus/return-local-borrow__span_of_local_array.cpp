// return-local-borrow: a span over a local array is returned (implicit conversion)
#include <span>

std::span<int> scratch_buffer() {
  int buf[16] = {};
  return buf;  // expect: return-local-borrow  // fix: return-local-borrow
}

// return-local-borrow: handlers built in a function capture its local threshold by reference and are returned; the fix captures it by copy
#include <functional>
#include <vector>

std::vector<std::function<bool(int)>> make_filters(int base) {
  std::vector<std::function<bool(int)>> filters;
  int threshold = base * 2;
  filters.push_back([&threshold](int v) { return v > threshold; });
  filters.push_back([base](int v) { return v % base == 0; });
  return filters;  // expect: return-local-borrow  // fix: return-local-borrow
}

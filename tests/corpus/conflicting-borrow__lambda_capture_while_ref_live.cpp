// conflicting-borrow: a lambda captures a counter by reference (an exclusive borrow) while a mutable reference to the same counter is still used afterwards (rustc E0499)
#include <vector>

int tally(const std::vector<int>& values) {
  int total = 0;
  int& running = total;
  auto add = [&total](int v) { total += v; };  // expect: conflicting-borrow
  for (int v : values) {
    add(v);
  }
  running += 1;
  return total;
}

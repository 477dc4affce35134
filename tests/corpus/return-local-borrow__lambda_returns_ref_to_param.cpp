// return-local-borrow: a lambda with an explicit reference return type returns its own by-value parameter
#include <vector>

int sum_clamped(const std::vector<int>& values, int cap) {
  auto clamp = [cap](int v) -> const int& {
    if (v > cap) {
      v = cap;
    }
    return v;  // expect: return-local-borrow  // fix: return-local-borrow
  };
  int total = 0;
  for (int v : values) {
    total += clamp(v);
  }
  return total;
}

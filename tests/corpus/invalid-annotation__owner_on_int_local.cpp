// invalid-annotation: [[owner]] on a local int, which holds no resource that could be owned
#include <vector>

int count_positive(const std::vector<int>& xs) {
  [[owner]] int count = 0;  // expect: invalid-annotation  // fix: invalid-annotation
  for (int x : xs) {
    if (x > 0) {
      ++count;
    }
  }
  return count;
}

// return-local-borrow: the address of a local running maximum is returned and the caller only reads through it; the fix returns the value and drops the caller's `*`
#include <vector>

const int* peak(const std::vector<int>& samples) {
  int best = 0;
  for (int s : samples) {
    best = s > best ? s : best;
  }
  return &best;  // expect: return-local-borrow  // fix: return-local-borrow
}

int peak_plus(const std::vector<int>& samples, int margin) {
  return *peak(samples) + margin;
}

// conflicting-borrow: one vector is passed both as the mutable destination and as the shared source of a single call (rustc E0502)
#include <vector>

void merge_sorted(std::vector<int>& dst, const std::vector<int>& src);

void double_up(std::vector<int>& scores, const std::vector<int>& extra) {
  merge_sorted(scores, extra);
  merge_sorted(scores, scores);  // expect: conflicting-borrow  // fix: conflicting-borrow
}

// ok: the element reference is last used before push_back, so the borrow is no longer live at the mutation (non-lexical lifetimes)
// expect-none
#include <vector>

int bump_and_grow(std::vector<int>& counts) {
  if (counts.empty()) {
    return 0;
  }
  int& first = counts[0];
  first += 1;
  int snapshot = first;
  counts.push_back(snapshot);
  return static_cast<int>(counts.size());
}

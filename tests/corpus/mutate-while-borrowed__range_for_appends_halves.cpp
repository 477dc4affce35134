// mutate-while-borrowed: a range-for over a vector appends to it (the hidden iterators are invalidated); the fix iterates by index over the elements there were, taking each one afresh
#include <vector>

void add_halves(std::vector<int>& sizes) {
  for (int size : sizes) {
    if (size > 64) {
      sizes.push_back(size / 2);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
    }
  }
}

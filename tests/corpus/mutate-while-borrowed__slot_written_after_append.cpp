// mutate-while-borrowed: a reference to the first slot is written after an append that may reallocate; the reference is taken after the append instead (the first slot is still the first slot)
#include <vector>

void reset_first(std::vector<int>& slots, int extra) {
  int& first = slots[0];
  slots.push_back(extra);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  first = 0;
}

// mutate-while-borrowed: vector::erase invalidates every iterator at or after the erased element, a saved end() included (spec 2a.5)
#include <vector>

bool shrink(std::vector<int>& v) {
  auto last = v.end();
  v.erase(v.begin());  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return last == v.begin();
}

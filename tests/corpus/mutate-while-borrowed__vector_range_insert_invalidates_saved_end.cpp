// mutate-while-borrowed: a range insert into a vector may reallocate; an end() saved before it is used after (spec 2a.5)
#include <vector>

int sum_old(std::vector<int>& v, const std::vector<int>& w) {
  int n = 0;
  auto e = v.end();
  v.insert(v.end(), w.begin(), w.end());  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  for (auto it = v.begin(); it != e; ++it) n += *it;
  return n;
}

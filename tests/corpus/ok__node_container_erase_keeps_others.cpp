// Erasing one element of a node container by iterator invalidates only that element's borrows (spec 2a.5): a saved `next` stays valid.
// expect-none
#include <iterator>
#include <list>
#include <map>
#include <set>

void drop_odd(std::list<int>& l) {
  for (auto it = l.begin(); it != l.end();) {
    auto next = std::next(it);
    if (*it % 2) l.erase(it);
    it = next;
  }
}

void drop_small(std::map<int, int>& m) {
  auto it = m.begin();
  while (it != m.end()) {
    auto cur = it++;
    if (cur->second < 10) m.erase(cur);
  }
}

int keep_first(std::set<int>& s) {
  auto first = s.begin();
  auto second = std::next(first);
  s.erase(second);
  return *first;
}

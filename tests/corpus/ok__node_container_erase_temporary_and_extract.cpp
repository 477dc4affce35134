// Node containers: erase through a temporary (`m.erase(it++)`), extract(it), erase of a copy (`cur = it++`) and erase of another element keep the other borrows valid (spec 2a.5).
// expect-none
#include <iterator>
#include <list>
#include <map>
#include <set>
#include <unordered_set>

void drop(std::map<int, int>& m) {
  for (auto it = m.begin(); it != m.end();) {
    if (it->second < 0)
      m.erase(it++);
    else
      ++it;
  }
}

std::set<int>::node_type take_second(std::set<int>& s) {
  auto first = s.begin();
  auto second = std::next(first);
  auto node = s.extract(second);
  (void)*first;
  return node;
}

void prune(std::unordered_set<int>& s) {
  auto it = s.begin();
  while (it != s.end()) {
    auto cur = it++;
    if (*cur % 2) s.erase(cur);
  }
}

int keep_head(std::list<int>& l) {
  int& head = l.front();
  auto it = std::next(l.begin());
  l.erase(it);
  return head;
}

// mutate-while-borrowed: erasing from a node container by key or by range invalidates every element borrow, unlike erase(it) (spec 2a.5)
#include <iterator>
#include <list>
#include <set>

int by_key(std::set<int>& s) {
  auto first = s.begin();
  s.erase(5);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return *first;
}

int by_range(std::list<int>& l) {
  auto first = l.begin();
  auto second = std::next(first);
  l.erase(second, l.end());  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return *first;
}

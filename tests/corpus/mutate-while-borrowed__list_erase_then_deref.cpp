// mutate-while-borrowed: erase(it) of a std::list invalidates `it` itself; reading through it afterwards is a use of the erased element (spec 2a.5)
#include <list>

int erase_then_read(std::list<int>& l) {
  auto it = l.begin();
  l.erase(it);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return *it;
}

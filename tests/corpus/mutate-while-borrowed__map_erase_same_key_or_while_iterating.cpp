// mutate-while-borrowed: erasing a map element by the key a live borrow was taken with, or by key inside a range-for over the map, invalidates that borrow (spec 2a.5)
#include <map>
#include <string>

int erase_found(std::map<std::string, int>& m, const std::string& key) {
  auto it = m.find(key);
  m.erase(key);  // expect: mutate-while-borrowed
  return it->second;
}

void drop_zeros(std::map<int, int>& m) {
  for (auto& [k, v] : m) {
    if (v == 0) m.erase(k);  // expect: mutate-while-borrowed
  }
}

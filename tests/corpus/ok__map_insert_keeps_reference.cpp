// ok: a reference to a std::map value stays valid across insertions (emplace, operator[]); only erase/clear/swap/assignment invalidate node containers (spec 2a.5)
// expect-none
#include <map>
#include <string>

std::size_t add_aliases(std::map<int, std::string>& names) {
  names[1] = "root";
  const std::string& root = names.at(1);
  names.emplace(2, "admin");
  names[3] = "guest";
  names.insert({4, "nobody"});
  return root.size() + names.size();
}

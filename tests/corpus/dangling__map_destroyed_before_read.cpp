// dangling: a pointer to a value inside a local std::map is kept after the block that owns the map ends (container destroyed)
#include <map>
#include <string>

struct Entry {
  std::string owner;
  int quota;
};

std::map<int, Entry> load_table();

int quota_of(int user) {
  const Entry* found = nullptr;
  {
    std::map<int, Entry> table = load_table();
    found = &table.at(user);  // expect: dangling  // fix: dangling
  }
  return found->quota;
}

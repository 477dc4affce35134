// move-while-borrowed: a string is moved into a record while a string_view of it is still used to compute the key (rustc E0505)
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct Record {
  std::string text;
};

std::size_t hash_prefix(std::string_view v);

std::size_t store(std::vector<Record>& out, std::string text) {
  std::string_view prefix = std::string_view(text).substr(0, 4);
  out.push_back(Record{std::move(text)});  // expect: move-while-borrowed  // fix: move-while-borrowed
  return hash_prefix(prefix);
}

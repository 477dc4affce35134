// mutate-while-borrowed: a string is assigned a new value while a string_view of it is still used afterwards (spec 2a.3)
#include <cstddef>
#include <string>
#include <string_view>

std::string next_line();

std::size_t header_and_body_length() {
  std::string line = next_line();
  std::string_view header = line;
  line = next_line();  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return header.size() + line.size();
}

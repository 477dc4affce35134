// return-local-borrow: a string_view into a by-value std::string parameter is returned; the parameter dies when the function returns
#include <cstddef>
#include <string>
#include <string_view>

std::string_view strip_leading_spaces(std::string line) {
  std::size_t start = line.find_first_not_of(' ');
  if (start == std::string::npos) {
    return {};
  }
  return std::string_view(line).substr(start);  // expect: return-local-borrow  // fix: return-local-borrow
}

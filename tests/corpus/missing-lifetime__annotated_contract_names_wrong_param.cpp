// missing-lifetime: the function promises to borrow only from `text`, but one path returns a view of `delims` (warning at the function's name)
#include <cstddef>
#include <string_view>

[[borrow(text)]] std::string_view first_token(std::string_view text, std::string_view delims) {  // expect: missing-lifetime
  std::size_t end = text.find_first_of(delims);
  if (end == 0) {
    return delims.substr(0, 1);
  }
  return text.substr(0, end);
}

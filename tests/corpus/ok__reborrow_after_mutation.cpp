// ok: a view of the string is taken again after the string was reassigned; the first view is not used after the assignment
// expect-none
#include <cstddef>
#include <string>
#include <string_view>

std::string read_token();
std::size_t weight(std::string_view v);

std::size_t two_tokens() {
  std::string tok = read_token();
  std::string_view view = tok;
  std::size_t a = weight(view);
  tok = read_token();
  view = tok;
  return a + weight(view);
}

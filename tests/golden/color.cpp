// golden-args: --color=always
// Golden: colours (bold locations and messages, red error, yellow warning, cyan notes, blue gutter).
#include <memory>
#include <string>
#include <utility>

int coloured() {
  auto a = std::make_unique<int>(1);
  auto b = std::move(a);
  std::string s = "x";
  std::string t = std::move(s);
  return *a + *b + static_cast<int>(s.size() + t.size());
}

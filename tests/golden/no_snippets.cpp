// golden-args: --no-snippets
// Golden: --no-snippets prints the clang-style lines only, as before snippets existed.
#include <memory>
#include <string>
#include <utility>

int plain() {
  auto a = std::make_unique<int>(1);
  auto b = std::move(a);
  std::string s = "x";
  std::string t = std::move(s);
  return *a + *b + static_cast<int>(s.size() + t.size());
}

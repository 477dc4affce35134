// Golden: CRLF line ends (no \r reaches the output; .gitattributes keeps them).
#include <memory>
#include <utility>

int crlf() {
  auto a = std::make_unique<int>(1);
  auto b = std::move(a);
  return *a + *b;
}

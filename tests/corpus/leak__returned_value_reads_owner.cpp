// leak: the owner is read by the returned expression, so a release cannot simply go before the `return`; the fix keeps the result in a local, releases, then returns it
#include <cstddef>
#include <cstdlib>
#include <cstring>

[[owner]] char* render(int code) {
  [[owner]] char* out = static_cast<char*>(std::malloc(16));
  std::strcpy(out, code == 0 ? "ok" : "error");
  return out;
}

std::size_t status_width(int code) {
  [[owner]] char* text = render(code);  // expect: leak  // fix: leak
  return std::strlen(text) + 2;
}

// leak: the result of an [[owner]] factory whose visible body allocates with malloc is discarded; the fix frees it at the call (std::free, as the factory allocates)
#include <cstdlib>
#include <cstring>

[[owner]] char* copy_text(const char* s) {
  [[owner]] char* out = static_cast<char*>(std::malloc(std::strlen(s) + 1));
  std::strcpy(out, s);
  return out;
}

void warm_up() {
  copy_text("warm");  // expect: leak  // fix: leak
}

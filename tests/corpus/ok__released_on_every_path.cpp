// ok: an [[owner]] buffer is freed on each exit: the early error return, the switch cases and the fall-through path
// expect-none
#include <cstdlib>

int parse_kind(const char* text);

int classify(const char* text, std::size_t n) {
  [[owner]] char* copy = static_cast<char*>(std::malloc(n + 1));
  if (n == 0) {
    std::free(copy);
    return -1;
  }
  int result = 0;
  switch (parse_kind(text)) {
    case 0:
      std::free(copy);
      return 0;
    case 1:
      result = 10;
      break;
    default:
      result = 20;
      break;
  }
  std::free(copy);
  return result;
}

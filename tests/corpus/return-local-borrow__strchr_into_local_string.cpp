// return-local-borrow: strchr returns a pointer into its argument, here a local string's buffer that dies at the return (spec 2b.4, C library model)
#include <cstring>
#include <string>

const char* first_comma(const char* text) {
  std::string copy = text;
  return std::strchr(copy.c_str(), ',');  // expect: return-local-borrow
}

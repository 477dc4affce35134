// release-of-borrow: the character buffer of a std::string is obtained through data() (a borrow) and passed to free
#include <cstdlib>
#include <string>

void consume(std::string& text) {
  char* raw = text.data();
  raw[0] = '#';
  std::free(raw);  // expect: release-of-borrow  // fix: release-of-borrow
}

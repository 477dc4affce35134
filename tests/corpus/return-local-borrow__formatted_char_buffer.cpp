// return-local-borrow: a label formatted into a local char buffer is returned as a pointer into it; the fix returns a std::string built from the buffer
#include <cstdio>
#include <string>

const char* format_label(int id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "item-%d", id);
  return buf;  // expect: return-local-borrow  // fix: return-local-borrow
}

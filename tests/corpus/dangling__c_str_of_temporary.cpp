// dangling: c_str() of the temporary returned by std::to_string is kept in a pointer and used after the temporary died (rustc E0716)
#include <cstdio>
#include <string>

void print_id(long id) {
  const char* text = std::to_string(id).c_str();  // expect: dangling  // fix: dangling
  std::puts(text);
}

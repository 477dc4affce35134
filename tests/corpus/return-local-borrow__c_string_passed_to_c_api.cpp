// return-local-borrow: c_str() of a local string is returned and a caller passes the result to a C API taking `const char*`; a std::string return would not compile there, so no fix is offered
#include <cstdio>
#include <string>

const char* temp_name(int n) {
  std::string s = "/tmp/f" + std::to_string(n);
  return s.c_str();  // expect: return-local-borrow
}

void print_name(int n) { std::puts(temp_name(n)); }

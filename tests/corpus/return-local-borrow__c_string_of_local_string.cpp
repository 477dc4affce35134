// return-local-borrow: c_str() of a local string is returned as a C string; the fix returns the std::string itself, which the one caller stores in a std::string anyway
#include <string>

const char* describe(int code) {
  std::string text = "code " + std::to_string(code);
  return text.c_str();  // expect: return-local-borrow  // fix: return-local-borrow
}

std::string banner(int code) {
  std::string line = describe(code);
  return "[" + line + "]";
}

// ok: functions with [[borrow("...")]] contracts return borrows only of the named parameters, and callers use the results while those arguments live
// expect-none
#include <cstring>
#include <string>

[[borrow("haystack")]] const char* find_any(const char* haystack, const char* set) {
  const char* cur = haystack;
  while (*cur != '\0' && std::strchr(set, *cur) == nullptr) {
    ++cur;
  }
  return cur;
}

[[borrow("a", "b")]] const std::string& max_str(const std::string& a, const std::string& b) {
  return a < b ? b : a;
}

std::size_t demo(const std::string& line) {
  std::string left = "left";
  const std::string& bigger = max_str(left, line);
  const char* rest = find_any(line.c_str(), std::string(",;").c_str());
  return bigger.size() + std::strlen(rest);
}

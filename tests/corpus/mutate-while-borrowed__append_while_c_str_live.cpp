// mutate-while-borrowed: c_str() of a string is kept while the string is appended to, and the old pointer is printed afterwards
#include <cstdio>
#include <string>

void log_both(const std::string& base, const std::string& suffix) {
  std::string name = base;
  const char* before = name.c_str();
  name += suffix;  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  std::printf("%s -> %s\n", before, name.c_str());
}

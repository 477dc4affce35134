// mutate-while-borrowed: a pointer from data() is printed after the string grew; the fix borrows a copy of the string made before the append
#include <cstdio>
#include <string>

void log_rename(std::string& path, const std::string& suffix) {
  const char* old_path = path.data();
  path += suffix;  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  std::printf("%s -> %s\n", old_path, path.c_str());
}

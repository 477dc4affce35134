// dangling: a function with a visible body and [[clang::lifetimebound]] on its first parameter: a temporary passed for that parameter dies at the end of the statement while the result is still used (spec 2c).
#include <cstddef>
#include <string>

const std::string& or_default(const std::string& value [[clang::lifetimebound]], const std::string& fallback) {
  if (fallback.empty()) {
    return value;
  }
  return value;
}

std::string read_env(const char* name);

std::size_t home_length() {
  std::string fallback = "/root";
  const std::string& home = or_default(read_env("HOME"), fallback);  // expect: dangling  // fix: dangling
  return home.size();
}

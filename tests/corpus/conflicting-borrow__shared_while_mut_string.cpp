// conflicting-borrow: a shared reference to a string is taken while a mutable reference to it is still going to append (rustc E0502)
#include <cstddef>
#include <string>

std::size_t decorated_length(const char* base) {
  std::string name = base;
  std::string& editable = name;
  const std::string& original = name;  // expect: conflicting-borrow  // fix: conflicting-borrow
  editable += "_v2";
  return original.size();
}

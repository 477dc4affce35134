// A [[clang::lifetimebound]] argument that is a temporary dies at the end of the statement: the result dangles (spec 2c).
#include <string>

const std::string& first_of(const std::string& a [[clang::lifetimebound]], const std::string& b);

std::size_t use_temp_first() {
  std::string keep = "k";
  const std::string& r = first_of(std::string("temporary"), keep);  // expect: dangling  // fix: dangling
  return r.size();
}

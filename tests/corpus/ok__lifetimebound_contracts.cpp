// [[clang::lifetimebound]] is a contract (spec 2c): the result borrows only the marked argument, so no missing-lifetime hint, and a temporary for the other parameter is fine.
// expect-none
#include <string>

const std::string& first_of(const std::string& a [[clang::lifetimebound]], const std::string& b);

std::size_t use_first() {
  std::string keep = "k";
  const std::string& r = first_of(keep, std::string("temporary"));
  return r.size();
}

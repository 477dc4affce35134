// missing-lifetime: a free function with two reference parameters returns a reference; elision cannot tell which one it borrows (hint at the first declaration, the prototype)
#include <string>

const std::string& longer(const std::string& a, const std::string& b);  // expect: missing-lifetime  // fix: missing-lifetime

bool prefer_first(const std::string& a, const std::string& b) {
  return &longer(a, b) == &a;
}

const std::string& longer(const std::string& a, const std::string& b) {
  return a.size() >= b.size() ? a : b;
}

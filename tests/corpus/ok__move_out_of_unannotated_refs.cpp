// ok: std::move out of an unannotated T& parameter, out of v[i] and out of a range-for element is allowed C++ idiom (spec 2a.7)
// expect-none
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Conn {
  int fd;
};

std::unique_ptr<Conn> steal(std::unique_ptr<Conn>& slot) {
  return std::move(slot);
}

std::vector<std::string> drain(std::vector<std::string>& src) {
  std::vector<std::string> out;
  if (!src.empty()) {
    out.push_back(std::move(src[0]));
  }
  for (std::string& s : src) {
    out.push_back(std::move(s));
  }
  src.clear();
  return out;
}

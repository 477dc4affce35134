// missing-lifetime: a member function's elided contract borrows from `this`, but its body can return the fallback parameter instead (warning at the first declaration)
#include <map>
#include <string>

class Settings {
 public:
  const std::string& get(const std::string& key, const std::string& fallback) const;  // expect: missing-lifetime

 private:
  std::map<std::string, std::string> values_;
};

const std::string& Settings::get(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) {
    return fallback;
  }
  return it->second;
}

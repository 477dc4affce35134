// missing-lifetime: in a code base that writes [[clang::lifetimebound]], a member function whose contract names only a parameter but whose body also returns a borrow of the object gets `[[clang::lifetimebound]]` after its parameter list and qualifiers (the implicit object, spec 2c); one with an elided contract that returns a parameter gets it on that parameter and on the object.
#include <map>
#include <string>

class Settings {
 public:
  const std::string& GetOr(const std::string& key, const std::string& fallback [[clang::lifetimebound]]) const;  // expect: missing-lifetime  // fix: missing-lifetime
  const std::string& Get(const std::string& key, const std::string& fallback) const noexcept;  // expect: missing-lifetime  // fix: missing-lifetime

 private:
  std::map<std::string, std::string> values_;
};

const std::string& Settings::GetOr(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) {
    return fallback;
  }
  return it->second;
}

const std::string& Settings::Get(const std::string& key, const std::string& fallback) const noexcept {
  auto it = values_.find(key);
  if (it == values_.end()) {
    return fallback;
  }
  return it->second;
}

// dangling: [[clang::lifetime_capture_by(this)]] (spec 2c): the set keeps a borrow of each inserted key, so a temporary key dies at the end of the statement while the set still holds it and is used later (as Clang's -Wdangling-capture).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

class NameSet {
 public:
  void Insert(std::string_view name [[clang::lifetime_capture_by(this)]]) { names_.push_back(name); }
  bool Contains(std::string_view name) const {
    for (std::string_view n : names_) {
      if (n == name) {
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<std::string_view> names_;
};

std::string MakeName(int id);

bool has_seven() {
  NameSet seen;
  seen.Insert(MakeName(7));  // expect: dangling  // fix: dangling
  return seen.Contains("7");
}

bool has_local() {
  NameSet seen;
  {
    std::string name = MakeName(8);
    seen.Insert(name);  // expect: dangling  // fix: dangling
  }
  return seen.Contains("8");
}

// On a constructor parameter, capture_by(this) makes the new object a borrow of the argument.
class Parser {
 public:
  explicit Parser(std::string_view input [[clang::lifetime_capture_by(this)]]);
  std::size_t remaining() const;
};

std::string LoadConfig();

std::size_t config_tokens() {
  Parser p(LoadConfig());  // expect: dangling  // fix: dangling
  return p.remaining();
}

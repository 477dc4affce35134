// [[clang::lifetimebound]] (spec 2c) in Abseil style, declaration only and with a visible body: the result borrows only the marked argument, so no missing-lifetime hint, and a temporary passed for the other parameter is fine; lifetimebound on the implicit object and on a constructor parameter make borrows of the object and of the argument that are used while alive.
// expect-none
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace flags {

// Declaration only: the body is in another translation unit.
const std::string& pick(const std::string& a [[clang::lifetimebound]], const std::string& b);

// With a body that returns only the marked parameter.
const std::string& first_non_empty(const std::string& preferred [[clang::lifetimebound]], const std::string& why) {
  if (why.empty()) {
    return preferred;
  }
  return preferred;
}

class FlagSet {
 public:
  const std::string& name() const [[clang::lifetimebound]];
  const std::string& get(const std::string& key) const [[clang::lifetimebound]] {
    auto it = values_.find(key);
    return it == values_.end() ? name_ : it->second;
  }

 private:
  std::string name_;
  std::map<std::string, std::string> values_;
};

class Tokenizer {
 public:
  explicit Tokenizer(const std::string& text [[clang::lifetimebound]]);
  std::string_view next();

 private:
  std::string_view rest_;
};

}  // namespace flags

std::size_t use_pick(const std::string& label) {
  std::string keep = "k";
  const std::string& r = flags::pick(keep, std::string("temporary"));
  const std::string& s = flags::first_non_empty(label, std::string("why"));
  return r.size() + s.size();
}

std::size_t use_flags(const flags::FlagSet& set) {
  const std::string& n = set.name();
  const std::string& v = set.get(std::string("verbose"));
  return n.size() + v.size();
}

std::size_t count_tokens(const std::string& text) {
  flags::Tokenizer tok(text);
  std::size_t n = 0;
  while (!tok.next().empty()) {
    ++n;
  }
  return n;
}

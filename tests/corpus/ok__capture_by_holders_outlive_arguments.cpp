// [[clang::lifetime_capture_by(...)]] (spec 2c) used correctly: arguments that outlive their holder, string literals and globals for `global`, a holder not used after the argument died, storing the captured parameter inside the callee (not borrow-escapes), and `main`'s locals for `global` (their end is the program's).
// expect-none
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

class NameSet {
 public:
  void Insert(std::string_view name [[clang::lifetime_capture_by(this)]]) { names_.push_back(name); }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string_view> names_;
};

std::vector<std::string_view> g_names;
const std::string* g_last = nullptr;

void RegisterName(std::string_view name [[clang::lifetime_capture_by(global)]]) { g_names.push_back(name); }
void Remember(const std::string& s [[clang::lifetime_capture_by(global)]]) { g_last = &s; }
void Stash(const std::string& s [[clang::lifetime_capture_by(unknown)]]) { g_last = &s; }

void AppendTo(std::string_view s [[clang::lifetime_capture_by(out)]], std::vector<std::string_view>& out) {
  out.push_back(s);
}

// A wrapper that is itself annotated passes the capture on.
void RegisterBoth(std::string_view a [[clang::lifetime_capture_by(global)]],
                  std::string_view b [[clang::lifetime_capture_by(global)]]) {
  RegisterName(a);
  RegisterName(b);
}

class Index {
 public:
  void Add(std::string_view key [[clang::lifetime_capture_by(this)]]) { keys_.push_back(key); }

 private:
  std::vector<std::string_view> keys_;
};

const std::string kDefault = "default";

std::size_t collect(const std::vector<std::string>& words) {
  NameSet set;
  for (const std::string& w : words) {
    set.Insert(w);
  }
  set.Insert("literal");
  std::vector<std::string_view> out;
  AppendTo(words.front(), out);
  return set.size() + out.size();
}

std::size_t holder_not_used_after() {
  NameSet set;
  set.Insert(std::string("temporary"));
  return 0;
}

void register_static_names() {
  RegisterName("requests");
  Remember(kDefault);
}

int main() {
  std::string config = "prod";
  RegisterName(config);
  Stash(config);
  return 0;
}

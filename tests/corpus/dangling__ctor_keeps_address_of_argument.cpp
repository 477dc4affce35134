// A constructor that keeps the address of its argument makes the object a borrow of that argument (spec 2b.3, 2a.11), even when its member is a plain pointer.
#include <string>

class NameRef {
 public:
  explicit NameRef(const std::string& s) : name_(&s) {}
  std::size_t size() const { return name_->size(); }

 private:
  const std::string* name_;
};

class NameCopy {
 public:
  explicit NameCopy(const std::string& s) : len_(s.size()) {}
  std::size_t size() const { return len_; }

 private:
  std::size_t len_;
  const char* unused_ = nullptr;
};

std::size_t use() {
  NameRef r(std::string("temporary"));  // expect: dangling  // fix: dangling
  NameCopy c(std::string("temporary"));
  return r.size() + c.size();
}

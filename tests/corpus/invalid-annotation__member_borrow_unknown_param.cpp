// invalid-annotation: [[borrow("other")]] on a member function that has no parameter named `other`
#include <string>
#include <string_view>

class Person {
 public:
  [[borrow("other")]] std::string_view name() const { return name_; }  // expect: invalid-annotation  // fix: invalid-annotation

 private:
  std::string name_;
};

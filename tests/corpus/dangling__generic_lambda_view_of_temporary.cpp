// dangling: a generic lambda returns a view of its argument; called with a temporary std::string the view outlives the string, called with a string literal it does not (spec 2d: checked at each instantiation)
#include <string>
#include <string_view>

std::size_t measure() {
  auto view_of = [](const auto& s) -> std::string_view { return s; };
  std::string_view ok = view_of("literal");
  std::string_view bad = view_of(std::string("temporary"));  // expect: dangling  // fix: dangling
  return ok.size() + bad.size();
}

// missing-lifetime: a file that already writes [[clang::lifetimebound]] gets the fix in that spelling (spec 2c, §4): `[[clang::lifetimebound]]` after each parameter the result may borrow from, not `[[borrow(...)]]`.
#include <string>
#include <string_view>

namespace strings {

std::string_view StripPrefix(std::string_view text [[clang::lifetimebound]], std::string_view prefix);

const std::string& Longer(const std::string& a, const std::string& b);  // expect: missing-lifetime  // fix: missing-lifetime

const std::string& Longer(const std::string& a, const std::string& b) { return a.size() >= b.size() ? a : b; }

}  // namespace strings

std::size_t longer_size(const std::string& x, const std::string& y) { return strings::Longer(x, y).size(); }

// invalid-annotation: the namespaced [[ownership::borrow("dst")]] names a parameter this function does not have
#include <cstddef>
#include <string_view>

[[ownership::borrow("dst")]] std::string_view tail(std::string_view src, std::size_t n);  // expect: invalid-annotation  // fix: invalid-annotation

// Borrows of a parameter's storage (not values copied out of it) stored beyond the call still escape (spec 2b.1: only values are copies).
#include <string>
#include <string_view>

static const char* g_name = nullptr;
static std::string_view g_last;

void keep(const std::string& s) {
  g_last = s;  // expect: borrow-escapes
}

void remember(const std::string& s) {
  g_name = s.c_str();  // expect: borrow-escapes
}

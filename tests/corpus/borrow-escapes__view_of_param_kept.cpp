// Borrows of a parameter's storage (not values copied out of it) stored beyond the call still escape.
#include <string>
#include <string_view>

static const char* g_name = nullptr;

struct Cache {
  std::string_view last_;
  void keep(const std::string& s) {
    last_ = s;  // expect: borrow-escapes
  }
};

void remember(const std::string& s) {
  g_name = s.c_str();  // expect: borrow-escapes
}

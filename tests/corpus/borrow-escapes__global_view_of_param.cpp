// borrow-escapes: a global string_view is pointed at a string parameter during login and read by later calls
#include <string>
#include <string_view>

std::string_view g_current_user;

void login(const std::string& user, bool remember) {
  if (remember) {
    g_current_user = user;  // expect: borrow-escapes  // fix: borrow-escapes
  }
}

bool is_logged_in() {
  return !g_current_user.empty();
}

// return-local-borrow: a string_view returns either a literal (fine) or a view of a local string (dangles); the fix returns std::string, which both returns and the deducing caller accept
#include <string>
#include <string_view>

std::string_view display_name(const std::string& first, bool anonymous) {
  if (anonymous) {
    return "anonymous";
  }
  std::string full = "Dr. " + first;
  return full;  // expect: return-local-borrow  // fix: return-local-borrow
}

std::size_t name_length(const std::string& first) {
  auto name = display_name(first, false);
  return name.size();
}

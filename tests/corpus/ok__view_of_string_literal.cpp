// ok: string_views into string literals have static storage; returning them and keeping them past a scope is fine (spec 2a.12)
// expect-none
#include <string_view>

std::string_view level_name(int level) {
  if (level > 2) {
    return "error";
  }
  return level == 2 ? "warning" : "info";
}

std::string_view pick(bool quiet) {
  std::string_view chosen;
  {
    std::string_view local = quiet ? "silent" : "loud";
    chosen = local;
  }
  return chosen;
}

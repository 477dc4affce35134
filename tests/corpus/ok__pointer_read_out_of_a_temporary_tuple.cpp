// ok: a pointer read out of a reference a free function returns (`std::get<0>(std::make_tuple(&m, ...))`, `std::min(a, b)`) is a copy of the pointer, carrying what it points to, not a borrow of the temporary it was read from (spec 2b.1); std::use_facet's facet outlives the temporary locale copy it was asked of
#include <algorithm>
#include <locale>
#include <tuple>

struct Describer {
  virtual ~Describer() = default;
};

struct Matcher : Describer {
  int id = 0;
};

const Describer* describer_of(const Matcher& m) {
  return std::get<0>(std::make_tuple(&m, m.id));
}

const char* earlier(const char* a) {
  const char* other = "zzz";
  const char* first = std::min(a, other);
  return first;
}

char thousands_separator(const std::locale* stored) {
  const auto& facet = std::use_facet<std::numpunct<char>>(stored ? *stored : std::locale());
  return facet.thousands_sep();
}

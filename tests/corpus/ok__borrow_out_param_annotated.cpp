// ok: the out parameter is annotated [[borrow(text)]], so storing views of `text` into it is allowed, and the caller keeps `text` alive while the views are read (spec 2a.11)
// expect-none
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

void split_fields(const std::string& text, [[borrow(text)]] std::vector<std::string_view>& out) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',') {
      out.push_back(std::string_view(text).substr(start, i - start));
      start = i + 1;
    }
  }
}

std::size_t field_count() {
  std::string row = "id,name,email";
  std::vector<std::string_view> fields;
  split_fields(row, fields);
  return fields.size() + fields[0].size();
}

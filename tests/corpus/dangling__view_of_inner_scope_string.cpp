// dangling: a string_view is pointed at a string built inside an inner block and read after the block ended (rustc E0597)
#include <string>
#include <string_view>

std::string build_path(int id);
void open_file(std::string_view path);

void open_for(int id) {
  std::string_view path;
  {
    std::string full = build_path(id);
    path = full;  // expect: dangling  // fix: dangling
  }
  open_file(path);
}

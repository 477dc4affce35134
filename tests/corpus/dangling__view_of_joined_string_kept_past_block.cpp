// dangling: a view is aimed at a string joined inside a block from a local made in the same block; the joined string's declaration moves out of the block and its initialisation stays in place as an assignment
#include <cstddef>
#include <string>
#include <string_view>

std::string read_field(int row, int col);

std::size_t row_key_length(int row) {
  std::string_view key;
  {
    std::string first = read_field(row, 0);
    std::string joined = first + "/" + read_field(row, 1);
    key = joined;  // expect: dangling  // fix: dangling
  }
  return key.size();
}

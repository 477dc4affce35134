// dangling: a string_view member of a local struct is pointed at a string local to an inner block, and read after the block
#include <string>
#include <string_view>

struct Token {
  std::string_view text;
  int line = 0;
};

std::string read_line(int n);

std::size_t last_token_length(int n) {
  Token tok;
  {
    std::string line = read_line(n);
    tok.text = line;  // expect: dangling  // fix: dangling
    tok.line = n;
  }
  return tok.text.size();
}

// dangling: [[clang::lifetimebound]] on the implicit object makes the result a borrow of the object (`[[borrow("this")]]`), and on a constructor parameter makes the new object a borrow of the argument (spec 2c, 2a.11); a temporary object or argument then dies while the borrow is still used.
#include <cstddef>
#include <string>
#include <string_view>

class Config {
 public:
  explicit Config(std::string path) : path_(std::move(path)) {}
  const std::string& path() const [[clang::lifetimebound]];

 private:
  std::string path_;
};

Config load_config();

class LineReader {
 public:
  explicit LineReader(const std::string& text [[clang::lifetimebound]]);
  std::string_view next_line();
};

class Splitter {
 public:
  explicit Splitter(const std::string& text [[clang::lifetimebound]]) : text_(text) {}
  std::size_t size() const { return text_.size(); }

 private:
  std::string_view text_;
};

std::size_t path_length() {
  const std::string& p = load_config().path();  // expect: dangling  // fix: dangling
  return p.size();
}

std::size_t first_line_length() {
  LineReader reader(std::string("a\nb"));  // expect: dangling  // fix: dangling
  return reader.next_line().size();
}

std::size_t split_size() {
  Splitter s(std::string("x,y"));  // expect: dangling  // fix: dangling
  return s.size();
}

// dangling: a class marked [[gsl::Pointer]] is a view (spec §1): made from a temporary string, it dangles when used after the statement; made from a local that outlives it, it is fine.
#include <cstddef>
#include <string>

class [[gsl::Pointer(std::string)]] StringPiece {
 public:
  StringPiece(const std::string& s) : data_(s.data()), size_(s.size()) {}
  std::size_t size() const { return size_; }
  const char* data() const { return data_; }

 private:
  const char* data_;
  std::size_t size_;
};

std::string JoinPath(const std::string& a, const std::string& b);

std::size_t path_length(const std::string& dir) {
  StringPiece piece = JoinPath(dir, "file.txt");  // expect: dangling  // fix: dangling
  return piece.size();
}

std::size_t name_length(const std::string& dir) {
  std::string joined = JoinPath(dir, "name");
  StringPiece piece = joined;
  return piece.size();
}

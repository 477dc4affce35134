// A member function whose body returns a stored pointer value hands out that value, not a borrow of the object (spec 2b.9, contracts inferred from visible bodies).
// expect-none
#include <cstddef>

class Span {
 public:
  Span(const char* d, std::size_t n) : data_(d), size_(n) {}
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const char* data_;
  std::size_t size_;
};

struct Reader {
  Span next() const;
};

const char* next_data(const Reader* r) {
  Span s = r->next();
  return s.data();
}

struct Builder {
  void* root = nullptr;
  void* Root() const { return root; }
};

void* build() {
  Builder b;
  return b.Root();
}

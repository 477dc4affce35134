// leak: a member buffer is regrown by assigning a new array over the one it still owns; the fix releases the old array first (delete[], as it was allocated)
#include <cstddef>

class Scratch {
 public:
  Scratch() : bytes_(new char[64]), size_(64) {}
  ~Scratch() { delete[] bytes_; }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  void grow(std::size_t n) {
    bytes_ = new char[n];  // expect: leak  // fix: leak
    size_ = n;
  }

 private:
  [[owner]] char* bytes_;
  std::size_t size_;
};

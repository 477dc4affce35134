// A class that does not manage its own lifetime: overwriting the only owner still leaks.
struct Buffer {
  int size = 0;
  void grow() { ++size; }
};

int fill() {
  Buffer* b = new Buffer;
  b->grow();
  int n = b->size;
  b = nullptr;  // expect: leak  // fix: leak
  return n;
}

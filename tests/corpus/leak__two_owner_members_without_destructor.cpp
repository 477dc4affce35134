// leak: a class owns two allocations and has no destructor; the fix adds one releasing both (each as it was allocated) and deletes the copies the compiler would make, which would release them twice
struct Frame {
  explicit Frame(int n) : header(new int(n)), pixels(new unsigned char[n]) {}

  [[owner]] int* header;             // expect: leak  // fix: leak
  [[owner]] unsigned char* pixels;   // expect: leak  // fix: leak
};

int frame_size(int n) {
  Frame f(n);
  return *f.header;
}

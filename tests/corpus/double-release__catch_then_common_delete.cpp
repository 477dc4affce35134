// double-release: the catch handler deletes the owner and falls through to the common delete after the try/catch
struct Frame {
  int seq = 0;
};

void decode(Frame* f);

int process() {
  [[owner]] Frame* f = new Frame{};
  int status = 0;
  try {
    decode(f);
  } catch (...) {
    delete f;
    status = -1;
  }
  delete f;  // expect: double-release  // fix: double-release
  return status;
}

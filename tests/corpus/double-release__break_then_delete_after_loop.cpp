// double-release: the loop deletes the frame and breaks out when it is the last one, and the frame is deleted again after the loop
struct Frame {
  bool last = false;
  int seq = 0;
};

bool poll(Frame* f);

void consume_stream() {
  [[owner]] Frame* frame = new Frame{};
  while (poll(frame)) {
    if (frame->last) {
      delete frame;
      break;
    }
    ++frame->seq;
  }
  delete frame;  // expect: double-release  // fix: double-release
}

// use-after-release: every case of the switch deletes the message, but its length is read after the switch
struct Message {
  int kind;
  int length;
};

void archive_copy(const Message& m);

int dispatch(int kind) {
  [[owner]] Message* msg = new Message{kind, 16};
  switch (kind) {
    case 1:
      archive_copy(*msg);
      delete msg;
      break;
    default:
      delete msg;
      break;
  }
  return msg->length;  // expect: use-after-release
}

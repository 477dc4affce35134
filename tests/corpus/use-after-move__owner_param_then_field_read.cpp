// use-after-move: an [[owner]] raw pointer is passed to an [[owner]] parameter (ownership moves to the callee) and then read by the caller
struct Packet {
  int length = 0;
  unsigned char payload[64];
};

void transmit([[owner]] Packet* p);

int send_and_report() {
  [[owner]] Packet* pkt = new Packet{};
  pkt->length = 12;
  transmit(pkt);
  return pkt->length;  // expect: use-after-move  // fix: use-after-move
}

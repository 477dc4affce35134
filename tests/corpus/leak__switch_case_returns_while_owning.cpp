// leak: a `case` returns early while the parsed record is still owned; the fix releases it right after the label, before the `return`
struct Record {
  int kind = 0;
  int size = 0;
};

Record* parse_record(const char* bytes);

int record_size(const char* bytes, int mode) {
  [[owner]] Record* r = new Record{};  // expect: leak  // fix: leak
  switch (mode) {
    case 0:
      return -1;
    default:
      break;
  }
  int n = r->size;
  delete r;
  return n;
}

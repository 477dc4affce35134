// release-of-borrow: a pointer chosen between two stack arrays always borrows one of them; deleting it releases storage this function does not own (only a heap arm would give the benefit of the doubt)
void format(bool wide) {
  char narrow_buf[16];
  char wide_buf[64];
  char* out = wide ? wide_buf : narrow_buf;
  out[0] = '\0';
  delete[] out;  // expect: release-of-borrow
}

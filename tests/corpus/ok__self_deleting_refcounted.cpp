// An object that deletes itself (a reference count ending in `delete this`) manages its own lifetime: dropping the pointer after Unref() is not a leak (spec 2a.9, 2b.4).
// expect-none
struct Table {
  int refs = 0;
  void Ref() { ++refs; }
  void Unref() {
    if (--refs <= 0) delete this;
  }
  int size() const { return refs; }
};

int rebuild() {
  Table* t = new Table;
  t->Ref();
  int n = t->size();
  t->Unref();
  t = nullptr;
  return n;
}

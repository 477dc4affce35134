// A raw pointer returned by an unannotated function has unknown ownership (spec 2b.4): deleting it is not release-of-borrow, dropping it is not a leak.
// expect-none
#include <cstdlib>
#include <cstring>
#include <string>

struct Cursor {
  virtual ~Cursor() = default;
  virtual bool Next() = 0;
};

struct Store {
  Cursor* NewCursor() const;
  Cursor* Peek();
};

int count(const Store& s) {
  Cursor* c = s.NewCursor();
  int n = 0;
  while (c->Next()) ++n;
  delete c;
  return n;
}

void peek_only(Store* s) {
  Cursor* c = s->Peek();
  if (c) c->Next();
}

char* copy_name(const std::string& name) {
  std::string tmp = name + ".log";
  return strdup(tmp.c_str());
}

// A value class whose only pointer member owns its data (a Status, a Node handle) is not a borrow type (spec 2b.3): returning, copying and deleting around it is fine.
// expect-none
#include <cstring>
#include <string>

class Result {
 public:
  Result() = default;
  ~Result() { delete[] msg_; }
  Result(const Result& o) : msg_(o.msg_ ? dup(o.msg_) : nullptr) {}
  Result& operator=(const Result& o) {
    if (this != &o) {
      delete[] msg_;
      msg_ = o.msg_ ? dup(o.msg_) : nullptr;
    }
    return *this;
  }
  static Result Fail(const std::string& why) {
    Result r;
    r.msg_ = dup(why.c_str());
    return r;
  }
  bool ok() const { return msg_ == nullptr; }

 private:
  static char* dup(const char* s) {
    char* out = new char[std::strlen(s) + 1];
    std::strcpy(out, s);
    return out;
  }
  char* msg_ = nullptr;
};

struct Table {
  Result Flush();
  Result Open(const std::string& path);
};

Result flush_all(Table* t) {
  Result r = t->Flush();
  return r;
}

bool build(const std::string& path) {
  Table* t = new Table;
  Result r = t->Open(path);
  delete t;
  return r.ok();
}

Result open_named(const std::string& dir) { return Result::Fail(dir + "/CURRENT missing"); }

Result first_error(Table& a, Table& b) {
  Result r = a.Flush();
  if (!r.ok()) return r;
  return b.Flush();
}

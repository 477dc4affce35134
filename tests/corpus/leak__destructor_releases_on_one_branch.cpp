// leak: the destructor releases its connection only when it is open; the fix nulls the member after that release and releases it at the end of the destructor (a release of null does nothing)
struct Connection {
  bool open = false;
};

class Session {
 public:
  Session() : conn_(new Connection) {}
  ~Session() {
    if (conn_->open) delete conn_;
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

 private:
  [[owner]] Connection* conn_;  // expect: leak  // fix: leak
};

// release-of-borrow: a class deletes its [[borrow]] member in the destructor
struct Logger {
  int level = 0;
};

class Service {
 public:
  explicit Service(Logger* log) : log_(log) {}
  ~Service() {
    delete log_;  // expect: release-of-borrow
  }
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  int level() const { return log_->level; }

 private:
  [[borrow]] Logger* log_;
};

// invalid-annotation: [[owner]] on a function that returns a plain int id, not a pointer or resource
class IdPool {
 public:
  [[owner]] int acquire();  // expect: invalid-annotation  // fix: invalid-annotation
  void release(int id);
};

int use_one(IdPool& pool) {
  int id = pool.acquire();
  pool.release(id);
  return id;
}

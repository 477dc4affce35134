// ok: a swap template instantiated with pointers (`Swap(current, next)`): each reference parameter's pointer is copied into the other's referent, a copy of a pointer value the caller owns, not a borrow escaping (spec 2b.1)
template <typename T>
inline void Swap(T& a, T& b) {
  T tmp = a;
  a = b;
  b = tmp;
}

struct Stack {
  int depth = 0;
};

int step(Stack* current, Stack* next) {
  for (int i = 0; i < 3; ++i) {
    ++next->depth;
    Swap(current, next);
  }
  return current->depth;
}

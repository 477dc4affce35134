// Scalars and enums read through a reference or pointer are copies (spec 2b.1): storing them anywhere is not borrow-escapes.
// expect-none
#include <cstddef>
#include <cstdint>

enum class Kind { A, B };

struct Header {
  std::uint64_t seq = 0;
  Kind kind = Kind::A;
};

struct Reader {
  std::uint64_t seq_ = 0;
  Kind kind_ = Kind::A;
  std::size_t pos_ = 0;
  double scale_ = 1.0;
  void apply(const Header& h) {
    seq_ = h.seq;
    kind_ = h.kind;
  }
  void apply_ptr(const Header* h) { seq_ = h->seq; }
  void set_seq(const std::uint64_t& s) { seq_ = s; }
  void seek(const char* at, const char* base) { pos_ = static_cast<std::size_t>(at - base); }
  void rescale(const double* factors, int i) { scale_ = factors[i] * 2; }
};

static std::uint64_t g_last = 0;
void remember(const Header& h) { g_last = h.seq; }

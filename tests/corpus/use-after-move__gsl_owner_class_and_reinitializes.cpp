// use-after-move: a class marked [[gsl::Owner]] is an owner (spec §1): using it after a move is an error; a member marked [[clang::reinitializes]] gives a moved-from object a fresh value (2b.5), an unmarked one does not.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

class [[gsl::Owner(char)]] Buffer {
 public:
  Buffer() = default;
  Buffer(Buffer&&) = default;
  Buffer& operator=(Buffer&&) = default;
  void Append(char c) { bytes_.push_back(c); }
  std::size_t size() const { return bytes_.size(); }

 private:
  std::vector<char> bytes_;
};

class Batch {
 public:
  [[clang::reinitializes]] void Restart() { items_.clear(); }
  void Seal() { sealed_ = true; }
  void Add(std::string item) { items_.push_back(std::move(item)); }

 private:
  std::vector<std::string> items_;
  bool sealed_ = false;
};

void Consume(Buffer b);
void Submit(Batch b);

std::size_t send_twice() {
  Buffer buf;
  buf.Append('a');
  Consume(std::move(buf));
  return buf.size();  // expect: use-after-move
}

void submit_all(const std::vector<std::string>& items) {
  Batch batch;
  for (const std::string& item : items) {
    batch.Add(item);
    Submit(std::move(batch));
    batch.Restart();
  }
  Batch other;
  Submit(std::move(other));
  other.Seal();  // expect: use-after-move
  other.Add("late");
}

// use-after-move: a member function moves a std::string field into a sink and then reads the field
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

void publish(std::string text);

class Draft {
 public:
  std::size_t send() {
    publish(std::move(text_));
    return text_.size();  // expect: use-after-move  // fix: use-after-move
  }

  void send_all(std::vector<std::string>& outbox) {
    outbox.push_back(std::move(lines_));
    lines_.append("\n");  // expect: use-after-move  // fix: use-after-move
  }

 private:
  std::string text_;
  std::string lines_;
};

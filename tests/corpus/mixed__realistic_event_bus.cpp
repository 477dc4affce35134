// mixed (realistic): a small event bus; subscription, publishing and a snapshot fan-out are correct, but a moved-from handler list is read, a topic reference escapes into a static, and a handler list grows while it is being iterated
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct Event {
  std::string topic;
  int payload;
};

using Handler = std::function<void(const Event&)>;

Handler make_logger(int level);

class EventBus {
 public:
  void subscribe(const std::string& topic, Handler h) {
    handlers_[topic].push_back(std::move(h));
  }

  int publish(const Event& e) {
    auto it = handlers_.find(e.topic);
    if (it == handlers_.end()) {
      return 0;
    }
    int called = 0;
    for (const Handler& h : it->second) {
      h(e);
      ++called;
    }
    return called;
  }

  std::size_t detach(const std::string& topic, std::vector<Handler>& out) {
    std::vector<Handler> list = std::move(handlers_[topic]);
    out = std::move(list);
    return list.size();  // expect: use-after-move  // fix: use-after-move
  }

  void remember(const std::string& topic) {
    static std::string_view last_topic;
    last_topic = topic;  // expect: borrow-escapes
  }

 private:
  std::unordered_map<std::string, std::vector<Handler>> handlers_;
};

void fan_out(std::vector<Handler>& list, const Event& e) {
  for (const Handler& h : list) {
    h(e);
    if (e.payload > 100) {
      list.push_back(make_logger(2));  // expect: mutate-while-borrowed
    }
  }
}

void fan_out_safely(std::vector<Handler>& list, const Event& e) {
  std::vector<Handler> snapshot = list;
  for (const Handler& h : snapshot) {
    h(e);
    list.push_back(make_logger(1));
  }
}

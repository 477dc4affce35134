// use-after-move: a field of a local struct is moved out and then read again
#include <memory>
#include <string>
#include <utility>

struct Request {
  std::string body;
  std::unique_ptr<int> token;
  int id = 0;
};

Request next_request();
void send_body(std::string body);
void store_token(std::unique_ptr<int> t);

int handle() {
  Request r = next_request();
  store_token(std::move(r.token));
  return *r.token + r.id;  // expect: use-after-move
}

std::size_t handle_body() {
  Request r = next_request();
  send_body(std::move(r.body));
  return r.body.size();  // expect: use-after-move  // fix: use-after-move
}

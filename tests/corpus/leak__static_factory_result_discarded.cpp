// leak: the result of an [[owner]] static factory is discarded at the call; the second call keeps and releases it
#include <string>

class Connection {
 public:
  [[owner]] static Connection* open(const std::string& host);
  void close();
};

void probe(const std::string& host) {
  Connection::open(host);  // expect: leak  // fix: leak
  [[owner]] Connection* c = Connection::open(host);
  c->close();
  delete c;
}

// leak: a freshly allocated request is still owned when a validation error is thrown from an unbraced `if`; the fix releases it before the throw (braces added)
#include <stdexcept>
#include <string>

struct Request {
  std::string path;
  int retries = 0;
};

int retries_for(const std::string& path) {
  Request* req = new Request{path, 3};  // expect: leak  // fix: leak
  if (req->path.empty()) throw std::invalid_argument("empty path");
  int n = req->retries;
  delete req;
  return n;
}

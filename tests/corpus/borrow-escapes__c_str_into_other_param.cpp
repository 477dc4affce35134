// borrow-escapes: the c_str() of a reference parameter is stored into another parameter's vector, which outlives the call, without [[borrow(arg)]] on it
#include <string>
#include <vector>

void append_argv(const std::string& arg, std::vector<const char*>& argv) {
  if (arg.empty()) {
    return;
  }
  argv.push_back(arg.c_str());  // expect: borrow-escapes
}

// ok: a string moved into the output is given a new value with assign() before it is read again
// expect-none
#include <string>
#include <utility>
#include <vector>

bool read_record(std::string& into);

std::size_t collect_records(std::vector<std::string>& out) {
  std::string current;
  while (read_record(current)) {
    out.push_back(std::move(current));
    current.assign("");
  }
  return current.size() + out.size();
}

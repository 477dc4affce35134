// ok: a batch vector is moved out when full and reinitialised with clear(); range-for elements are moved from, which is allowed (spec 2a.7)
// expect-none
#include <string>
#include <utility>
#include <vector>

void send_batch(std::vector<std::string> batch);

void stream_all(std::vector<std::string>& items) {
  std::vector<std::string> batch;
  for (std::string& item : items) {
    batch.push_back(std::move(item));
    if (batch.size() == 4) {
      send_batch(std::move(batch));
      batch.clear();
    }
  }
  if (!batch.empty()) {
    send_batch(std::move(batch));
  }
}

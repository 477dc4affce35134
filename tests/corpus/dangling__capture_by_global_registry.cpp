// dangling: [[clang::lifetime_capture_by(global)]] keeps the argument in global storage (spec 2c, as Clang's -Wdangling-capture): a temporary passed for it dies at the end of the statement, and a local at the end of its scope, while the program goes on.
#include <string>
#include <string_view>
#include <vector>

namespace metrics {

std::vector<std::string_view>& Names() {
  static std::vector<std::string_view> names;
  return names;
}

void RegisterCounter(std::string_view name [[clang::lifetime_capture_by(global)]]) { Names().push_back(name); }

void RegisterHook(const std::string& name [[clang::lifetime_capture_by(unknown)]]);

}  // namespace metrics

std::string CounterName(int shard);

void register_shard(int shard) {
  metrics::RegisterCounter(CounterName(shard));  // expect: dangling  // fix: dangling
}

void register_local(int shard) {
  std::string name = CounterName(shard);
  metrics::RegisterHook(name);  // expect: dangling  // fix: dangling
}

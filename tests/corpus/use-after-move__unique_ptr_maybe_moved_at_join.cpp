// use-after-move: a unique_ptr is handed to a worker on one branch only and dereferenced after the branches join ("may have been moved", rustc E0382)
#include <memory>
#include <utility>

struct Config {
  int retries = 3;
  bool verbose = false;
};

void start_worker(std::unique_ptr<Config> cfg);

int launch(bool background) {
  auto cfg = std::make_unique<Config>();
  if (background) {
    start_worker(std::move(cfg));
  } else {
    cfg->verbose = true;
  }
  return cfg->retries;  // expect: use-after-move
}

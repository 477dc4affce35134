// stderr logger: one line per message, "I[12:34:56.789] text"; stdout is the protocol's.
#include "server/Logger.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace ownership::server {

namespace {
std::atomic<int> gLevel{static_cast<int>(LogLevel::Info)};
std::mutex gMutex;
}  // namespace

void setLogLevel(LogLevel level) { gLevel = static_cast<int>(level); }
LogLevel logLevel() { return static_cast<LogLevel>(gLevel.load()); }

bool parseLogLevel(std::string_view name, LogLevel& out) {
  if (name == "error") out = LogLevel::Error;
  else if (name == "info") out = LogLevel::Info;
  else if (name == "verbose") out = LogLevel::Verbose;
  else return false;
  return true;
}

void log(LogLevel level, const std::string& message) {
  if (static_cast<int>(level) > gLevel.load()) return;
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  const char tag = level == LogLevel::Error ? 'E' : level == LogLevel::Info ? 'I' : 'V';
  std::lock_guard<std::mutex> lock(gMutex);
  std::fprintf(stderr, "%c[%s] %s\n", tag, stamp, message.c_str());
  std::fflush(stderr);
}

}  // namespace ownership::server

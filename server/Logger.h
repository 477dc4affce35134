// Logging to stderr with a level chosen by --log=error|info|verbose; thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace ownership::server {

enum class LogLevel { Error = 0, Info = 1, Verbose = 2 };

void setLogLevel(LogLevel level);
LogLevel logLevel();
bool parseLogLevel(std::string_view name, LogLevel& out);
void log(LogLevel level, const std::string& message);

inline void logError(const std::string& m) { log(LogLevel::Error, m); }
inline void logInfo(const std::string& m) { log(LogLevel::Info, m); }
inline void logVerbose(const std::string& m) { log(LogLevel::Verbose, m); }

}  // namespace ownership::server

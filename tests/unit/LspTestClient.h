// An in-process LSP client for tests: runs an LspServer over a MemoryTransport on its
// own thread and offers request/notify/waitFor helpers with timeouts.
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "protocol/Uri.h"
#include "server/LspServer.h"
#include "server/MemoryTransport.h"

namespace ownership::testing {

using nlohmann::json;

class LspTestClient {
 public:
  explicit LspTestClient(server::LaunchOptions launch = {OWNERSHIP_SOURCE_DIR "/docs/diagnostics"})
      : server_(transport_, launch) {
    thread_ = std::thread([this] { exitCode_ = server_.run(); });
  }
  ~LspTestClient() {
    transport_.close();
    if (thread_.joinable()) thread_.join();
  }
  // Sends a raw body.
  void raw(const std::string& body) { transport_.push(body); }
  void notify(const std::string& method, json params) {
    raw(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump());
  }
  int send(const std::string& method, json params) {
    int id = nextId_++;
    raw(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}}.dump());
    return id;
  }
  // The response to `id` (the whole message), or null json on timeout.
  json response(const json& id, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    return waitFor([&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); }, timeout);
  }
  json request(const std::string& method, json params) { return response(send(method, std::move(params))); }
  // Next message (seen or new) matching `pred`; consumed. Null json on timeout.
  json waitFor(const std::function<bool(const json&)>& pred,
               std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    for (auto it = seen_.begin(); it != seen_.end(); ++it)
      if (pred(*it)) {
        json m = *it;
        seen_.erase(it);
        return m;
      }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      std::optional<std::string> s = transport_.pop(left);
      if (!s) break;
      json m = json::parse(*s);
      if (pred(m)) return m;
      seen_.push_back(std::move(m));
    }
    return json();
  }
  // The next publishDiagnostics for `uri` (with `version` when given).
  json diagnostics(const std::string& uri, std::optional<int> version = std::nullopt) {
    json m = waitFor([&](const json& m) {
      return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri &&
             (!version || (m["params"].contains("version") && m["params"]["version"] == *version));
    });
    return m.is_null() ? m : m["params"];
  }
  json initialize(json initOptions = json::object(), json capabilities = json::object()) {
    json r = request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities},
                                    {"initializationOptions", initOptions}});
    notify("initialized", json::object());
    return r;
  }
  void open(const std::string& uri, const std::string& text, int version = 1) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri}, {"languageId", "cpp"}, {"version", version}, {"text", text}}}});
  }
  int shutdownAndExit() {
    json r = request("shutdown", nullptr);
    EXPECT_TRUE(r.contains("result"));
    notify("exit", nullptr);
    if (thread_.joinable()) thread_.join();
    return exitCode_;
  }
  int exitCode() {
    if (thread_.joinable()) thread_.join();
    return exitCode_;
  }
  std::vector<json> pending() const { return {seen_.begin(), seen_.end()}; }

 private:
  server::MemoryTransport transport_;
  server::LspServer server_;
  std::thread thread_;
  int exitCode_ = -1;
  int nextId_ = 1;
  std::deque<json> seen_;
};

// A unique path in a fresh temp dir with a compile_flags.txt, so a test's flags are known.
inline std::string tempSource(const std::string& name, const std::string& flags = "-std=c++20") {
  static int n = 0;
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ownership-lsp-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "compile_flags.txt") << flags << "\n";
  return (dir / name).string();
}

inline std::string uriOf(const std::string& path) { return protocol::pathToUri(path); }

}  // namespace ownership::testing

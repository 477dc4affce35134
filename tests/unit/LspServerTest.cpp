// In-memory tests of every LSP method the server offers: lifecycle, documents,
// diagnostics (push and pull), hover, code actions, inlay hints, configuration,
// cancellation and the error answers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "LspTestClient.h"
#include "server/LineIndex.h"

using namespace ownership;
using namespace ownership::testing;

namespace {

const char* kMoveCode = R"(#include <memory>
#include <string>
#include <utility>
void consume(std::unique_ptr<int> p);
void f() {
  auto p = std::make_unique<int>(1);
  consume(std::move(p));
  *p = 2;
}
void g() {
  std::string s = "x";
  std::string t = std::move(s);
  s.size();
}
)";

// Applies an LSP WorkspaceEdit's edits for `uri` to `text` (UTF-16 positions).
std::string applyEdits(std::string text, const json& edits) {
  std::vector<std::tuple<size_t, size_t, std::string>> spans;
  server::LineIndex idx(text);
  for (const json& e : edits) {
    size_t b = idx.offset({e["range"]["start"]["line"], e["range"]["start"]["character"]}, server::PositionEncoding::Utf16);
    size_t en = idx.offset({e["range"]["end"]["line"], e["range"]["end"]["character"]}, server::PositionEncoding::Utf16);
    spans.emplace_back(b, en, e["newText"].get<std::string>());
  }
  std::sort(spans.begin(), spans.end(), [](auto& a, auto& b) { return std::get<0>(a) > std::get<0>(b); });
  for (auto& [b, e, t] : spans) text.replace(b, e - b, t);
  return text;
}

json codes(const json& diags) {
  json out = json::array();
  for (const json& d : diags) out.push_back(d["code"]);
  return out;
}

}  // namespace

TEST(LspServer, InitializeAnnouncesCapabilitiesAndEncoding) {
  LspTestClient c;
  json r = c.initialize();
  ASSERT_TRUE(r.contains("result")) << r.dump();
  const json& caps = r["result"]["capabilities"];
  EXPECT_EQ(caps["positionEncoding"], "utf-16");
  EXPECT_EQ(caps["textDocumentSync"]["change"], 2);
  EXPECT_TRUE(caps["hoverProvider"].get<bool>());
  EXPECT_TRUE(caps.contains("codeActionProvider"));
  EXPECT_TRUE(caps.contains("inlayHintProvider"));
  EXPECT_TRUE(caps.contains("diagnosticProvider"));
  EXPECT_EQ(r["result"]["serverInfo"]["name"], "ownership-lsp");
  // A second initialize is an invalid request.
  json again = c.request("initialize", {{"capabilities", json::object()}});
  EXPECT_EQ(again["error"]["code"], -32600);
  EXPECT_EQ(c.shutdownAndExit(), 0);
}

TEST(LspServer, NegotiatesUtf8WhenOffered) {
  LspTestClient c;
  json r = c.initialize(json::object(), {{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}});
  EXPECT_EQ(r["result"]["capabilities"]["positionEncoding"], "utf-8");
  std::string path = tempSource("enc.cpp");
  // "é" is 2 bytes in UTF-8 and 1 unit in UTF-16: columns after it differ.
  std::string text = std::string(kMoveCode) + "void h() { std::string s = \"\xC3\xA9\"; std::string t = std::move(s); s.size(); }\n";
  c.open(uriOf(path), text);
  json d = c.diagnostics(uriOf(path));
  ASSERT_FALSE(d.is_null());
  bool found = false;
  for (const json& x : d["diagnostics"])
    if (x["range"]["start"]["line"] == 14) {
      found = true;
      // `s.size()` starts at byte 63 of the line ("é" counts 2; 62 in UTF-16).
      EXPECT_EQ(x["range"]["start"]["character"], 63);
    }
  EXPECT_TRUE(found) << d.dump();
  c.shutdownAndExit();
}

TEST(LspServer, Utf16ColumnsCountCodeUnits) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("enc16.cpp");
  std::string text = std::string(kMoveCode) + "void h() { std::string s = \"\xC3\xA9\"; std::string t = std::move(s); s.size(); }\n";
  c.open(uriOf(path), text);
  json d = c.diagnostics(uriOf(path));
  bool found = false;
  for (const json& x : d["diagnostics"])
    if (x["range"]["start"]["line"] == 14) {
      found = true;
      EXPECT_EQ(x["range"]["start"]["character"], 62);
    }
  EXPECT_TRUE(found) << d.dump();
  c.shutdownAndExit();
}

TEST(LspServer, RequestsBeforeInitializeAreRefused) {
  LspTestClient c;
  json r = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///x.cpp"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(r["error"]["code"], -32002);
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///x.cpp"}, {"languageId", "cpp"}, {"version", 1}, {"text", ""}}}});
  c.initialize();
  // The early didOpen was dropped: the document is unknown.
  json h = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///x.cpp"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(h["error"]["code"], -32602);
  EXPECT_EQ(c.shutdownAndExit(), 0);
}

TEST(LspServer, ExitWithoutShutdownReturnsOne) {
  LspTestClient c;
  c.initialize();
  c.notify("exit", nullptr);
  EXPECT_EQ(c.exitCode(), 1);
}

TEST(LspServer, RequestsAfterShutdownAreInvalid) {
  LspTestClient c;
  c.initialize();
  json r = c.request("shutdown", nullptr);
  EXPECT_TRUE(r.contains("result"));
  json h = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///x.cpp"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(h["error"]["code"], -32600);
  c.notify("exit", nullptr);
  EXPECT_EQ(c.exitCode(), 0);
}

TEST(LspServer, MalformedMessagesGetErrorsAndServingContinues) {
  LspTestClient c;
  c.initialize();
  c.raw("{not json");
  json e1 = c.waitFor([](const json& m) { return m.contains("error") && m["error"]["code"] == -32700; });
  EXPECT_FALSE(e1.is_null());
  c.raw(R"({"jsonrpc":"2.0","id":77,"method":"no/such/method","params":{}})");
  EXPECT_EQ(c.response(77)["error"]["code"], -32601);
  c.raw(R"({"jsonrpc":"2.0","id":78,"method":"textDocument/hover","params":{"textDocument":5}})");
  EXPECT_EQ(c.response(78)["error"]["code"], -32602);
  c.raw(R"({"jsonrpc":"2.0","id":79,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.cpp"},"position":{"line":-1,"character":0}}})");
  EXPECT_EQ(c.response(79)["error"]["code"], -32602);
  c.raw(R"({"id":80,"method":"shutdown"})");  // no "jsonrpc"
  EXPECT_EQ(c.response(80)["error"]["code"], -32600);
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never-opened.cpp"}, {"version", 2}}}, {"contentChanges", json::array()}});
  c.notify("unknown/notification", json::object());
  EXPECT_EQ(c.shutdownAndExit(), 0);
}

TEST(LspServer, PublishesDiagnosticsWithEverything) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("move.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 3);
  json p = c.diagnostics(uri);
  ASSERT_FALSE(p.is_null());
  EXPECT_EQ(p["version"], 3);
  ASSERT_EQ(p["diagnostics"].size(), 2u) << p.dump(2);
  const json& d = p["diagnostics"][0];
  EXPECT_EQ(d["code"], "use-after-move");
  EXPECT_EQ(d["source"], "ownership");
  EXPECT_EQ(d["severity"], 1);
  EXPECT_EQ(d["range"]["start"]["line"], 7);
  EXPECT_EQ(d["range"]["start"]["character"], 3);
  EXPECT_EQ(d["message"], "use of moved value `p`");
  ASSERT_TRUE(d.contains("codeDescription"));
  EXPECT_NE(d["codeDescription"]["href"].get<std::string>().find("use-after-move.md"), std::string::npos);
  ASSERT_EQ(d["relatedInformation"].size(), 1u);
  EXPECT_EQ(d["relatedInformation"][0]["message"], "value moved here");
  EXPECT_EQ(d["relatedInformation"][0]["location"]["uri"], uri);
  EXPECT_EQ(d["relatedInformation"][0]["location"]["range"]["start"]["line"], 6);
  EXPECT_EQ(p["diagnostics"][1]["severity"], 2);  // moved-from std::string: a warning
  c.shutdownAndExit();
}

TEST(LspServer, IncrementalEditsUpdateAndClearDiagnostics) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("edit.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  ASSERT_EQ(c.diagnostics(uri, 1)["diagnostics"].size(), 2u);
  // Delete line 8 (`  *p = 2;`, 0-based 7) with a ranged edit.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                      {"contentChanges", {{{"range", {{"start", {{"line", 7}, {"character", 0}}}, {"end", {{"line", 8}, {"character", 0}}}}}, {"text", ""}}}}});
  json p2 = c.diagnostics(uri, 2);
  EXPECT_EQ(codes(p2["diagnostics"]), json({"use-after-move"}));
  EXPECT_EQ(p2["diagnostics"][0]["range"]["start"]["line"], 11);
  // A full-text change that fixes everything publishes an empty list.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 3}}},
                                      {"contentChanges", {{{"text", "int main() { return 0; }\n"}}}}});
  json p3 = c.diagnostics(uri, 3);
  ASSERT_FALSE(p3.is_null());
  EXPECT_TRUE(p3["diagnostics"].empty());
  // didClose clears.
  c.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  json p4 = c.diagnostics(uri);
  ASSERT_FALSE(p4.is_null());
  EXPECT_TRUE(p4["diagnostics"].empty());
  c.shutdownAndExit();
}

TEST(LspServer, ReadSeesExactlyTheEditsBeforeIt) {
  LspTestClient c;
  c.initialize({{"debounceMs", 200}});
  std::string path = tempSource("order.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  // Several quick edits then a pull: the pull answers for the last version, without
  // waiting out the debounce, and superseded versions are not published.
  for (int v = 2; v <= 6; ++v) {
    std::string text = std::string(kMoveCode) + "// edit " + std::to_string(v) + "\n";
    c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", v}}}, {"contentChanges", {{{"text", text}}}}});
  }
  auto t0 = std::chrono::steady_clock::now();
  json r = c.request("textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}});
  ASSERT_TRUE(r.contains("result")) << r.dump();
  EXPECT_EQ(r["result"]["kind"], "full");
  EXPECT_EQ(r["result"]["resultId"].get<std::string>().substr(0, 2), "6.");
  EXPECT_EQ(r["result"]["items"].size(), 2u);
  json again = c.request("textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}, {"previousResultId", r["result"]["resultId"]}});
  EXPECT_EQ(again["result"]["kind"], "unchanged");
  (void)t0;
  json last = c.diagnostics(uri, 6);
  ASSERT_FALSE(last.is_null());
  for (const json& m : c.pending())
    if (m.value("method", "") == "textDocument/publishDiagnostics") {
      int v = m["params"]["version"];
      EXPECT_TRUE(v == 1 || v == 6) << "superseded version " << v << " was published";
    }
  c.shutdownAndExit();
}

TEST(LspServer, HoverShowsOwnershipState) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("hover.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode);
  json h = c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 7}, {"character", 3}}}});
  ASSERT_TRUE(h.contains("result")) << h.dump();
  ASSERT_FALSE(h["result"].is_null());
  EXPECT_EQ(h["result"]["contents"]["kind"], "markdown");
  std::string md = h["result"]["contents"]["value"];
  EXPECT_NE(md.find("moved (line 7)"), std::string::npos) << md;
  EXPECT_EQ(h["result"]["range"]["start"]["line"], 7);
  // Nothing tracked at a keyword: null.
  json none = c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 4}, {"character", 1}}}});
  EXPECT_TRUE(none["result"].is_null());
  // A line past the end is invalid params.
  json bad = c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 500}, {"character", 0}}}});
  EXPECT_EQ(bad["error"]["code"], -32602);
  c.shutdownAndExit();
}

TEST(LspServer, CodeActionFixesRemoveTheirDiagnostic) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("fix.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  json p = c.diagnostics(uri, 1);
  ASSERT_EQ(p["diagnostics"].size(), 2u);
  json whole = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 14}, {"character", 0}}}};
  json r = c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", whole},
                                                {"context", {{"diagnostics", p["diagnostics"]}}}});
  ASSERT_TRUE(r.contains("result")) << r.dump();
  ASSERT_GE(r["result"].size(), 1u);
  // Each diagnostic has its fixes (the unique_ptr's: a new value after the move); take the string's.
  json a;
  for (const json& action : r["result"])
    if (action["title"] == "copy `s` instead of moving it") a = action;
  ASSERT_FALSE(a.is_null()) << r.dump();
  EXPECT_EQ(a["kind"], "quickfix");
  EXPECT_TRUE(a.value("isPreferred", false));
  ASSERT_EQ(a["diagnostics"].size(), 1u);
  EXPECT_EQ(a["diagnostics"][0]["code"], "use-after-move");
  // Apply the edit as a client would, send it, and the diagnostic is gone.
  std::string fixed = applyEdits(kMoveCode, a["edit"]["changes"][uri]);
  EXPECT_NE(fixed.find("std::string t = s;"), std::string::npos) << fixed;
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"text", fixed}}}}});
  json p2 = c.diagnostics(uri, 2);
  EXPECT_EQ(codes(p2["diagnostics"]), json({"use-after-move"}));
  EXPECT_EQ(p2["diagnostics"][0]["range"]["start"]["line"], 7);
  // `only` without quickfix: nothing.
  json none = c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", whole},
                                                   {"context", {{"diagnostics", json::array()}, {"only", {"refactor"}}}}});
  EXPECT_TRUE(none["result"].empty());
  c.shutdownAndExit();
}

// Spec §7: every diagnostic gets a "suppress on this line" action, never preferred, after the fixes;
// applying it silences that finding only.
TEST(LspServer, SuppressActionComesLastAndSilencesTheLine) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("suppress.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  json p = c.diagnostics(uri, 1);
  ASSERT_EQ(p["diagnostics"].size(), 2u);
  json line8 = {{"start", {{"line", 7}, {"character", 0}}}, {"end", {{"line", 7}, {"character", 5}}}};
  json r = c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", line8},
                                                {"context", {{"diagnostics", json::array({p["diagnostics"][0]})}}}});
  ASSERT_TRUE(r.contains("result")) << r.dump();
  ASSERT_GE(r["result"].size(), 1u);
  const json& a = r["result"].back();
  EXPECT_EQ(a["kind"], "quickfix");
  EXPECT_EQ(a["title"], "suppress `use-after-move` on this line");
  EXPECT_FALSE(a.value("isPreferred", false));
  std::string fixed = applyEdits(kMoveCode, a["edit"]["changes"][uri]);
  EXPECT_NE(fixed.find("*p = 2;  // NOLINT(ownership-use-after-move)"), std::string::npos) << fixed;
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"text", fixed}}}}});
  json p2 = c.diagnostics(uri, 2);
  ASSERT_EQ(p2["diagnostics"].size(), 1u) << p2.dump();
  EXPECT_EQ(p2["diagnostics"][0]["range"]["start"]["line"], 12);
  c.shutdownAndExit();
}

TEST(LspServer, InlayHintsShowMovesAndBorrowEnds) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("hints.cpp");
  std::string uri = uriOf(path);
  std::string text = R"(#include <memory>
#include <utility>
#include <vector>
void consume(std::unique_ptr<int> p);
int f() {
  std::vector<int> v{1, 2};
  const int& r = v[0];
  int x = r;
  v.push_back(3);
  auto p = std::make_unique<int>(1);
  consume(std::move(p));
  return x;
}
)";
  c.open(uri, text);
  json range = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 13}, {"character", 0}}}};
  json r = c.request("textDocument/inlayHint", {{"textDocument", {{"uri", uri}}}, {"range", range}});
  ASSERT_TRUE(r.contains("result")) << r.dump();
  std::vector<std::string> labels;
  for (const json& h : r["result"]) labels.push_back(h["label"]);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "p moved"), labels.end()) << r.dump();
  EXPECT_NE(std::find(labels.begin(), labels.end(), "r's borrow of v ends"), labels.end()) << r.dump();
  for (const json& h : r["result"])
    if (h["label"] == "p moved") EXPECT_EQ(h["position"]["line"], 10);
  // Switched off by configuration: none.
  c.notify("workspace/didChangeConfiguration", {{"settings", {{"ownership", {{"inlayHints", false}}}}}});
  json off = c.request("textDocument/inlayHint", {{"textDocument", {{"uri", uri}}}, {"range", range}});
  EXPECT_TRUE(off["result"].empty());
  c.shutdownAndExit();
}

TEST(LspServer, SeverityConfigurationIsApplied) {
  LspTestClient c;
  c.initialize({{"severity", {{"use-after-move", "information"}}}});
  std::string path = tempSource("sev.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  json p = c.diagnostics(uri, 1);
  ASSERT_EQ(p["diagnostics"].size(), 2u);
  EXPECT_EQ(p["diagnostics"][0]["severity"], 3);
  // Turned off: republished without it.
  c.notify("workspace/didChangeConfiguration", {{"settings", {{"ownership", {{"severity", {{"use-after-move", "off"}}}}}}}});
  json p2 = c.diagnostics(uri, 1);
  ASSERT_FALSE(p2.is_null());
  EXPECT_TRUE(p2["diagnostics"].empty()) << p2.dump();
  c.shutdownAndExit();
}

// Spec §7: the document's .ownership.yaml applies before the editor's severity settings; a change
// announced by didChangeWatchedFiles is re-read; a bad file is shown once and the defaults apply.
TEST(LspServer, ConfigurationFileIsReadAndReRead) {
  LspTestClient c;
  c.initialize({{"severity", {{"use-after-move", "hint"}}}},
               {{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}});
  json reg = c.waitFor([](const json& m) { return m.value("method", "") == "client/registerCapability"; });
  ASSERT_FALSE(reg.is_null());
  EXPECT_EQ(reg["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles");
  std::string path = tempSource("configured.cpp");
  std::string cfg = std::filesystem::path(path).parent_path() / ".ownership.yaml";
  std::ofstream(cfg) << "Checks: '*,-use-after-move'\n";
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  json p = c.diagnostics(uri, 1);
  ASSERT_FALSE(p.is_null());
  EXPECT_TRUE(p["diagnostics"].empty()) << p.dump();
  // Changed: both use-after-move findings come back; the editor's `hint` is applied after the file's `warning`.
  std::ofstream(cfg) << "Severity: { use-after-move: warning }\n";
  c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", uriOf(cfg)}, {"type", 2}}}}});
  json p2 = c.diagnostics(uri, 1);
  ASSERT_FALSE(p2.is_null());
  ASSERT_EQ(p2["diagnostics"].size(), 2u) << p2.dump();
  EXPECT_EQ(p2["diagnostics"][0]["severity"], 4);
  // Broken: shown once, the defaults apply.
  std::ofstream(cfg) << "Checks: '*'\nProfle: safety\n";
  c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", uriOf(cfg)}, {"type", 2}}}}});
  json shown = c.waitFor([](const json& m) { return m.value("method", "") == "window/showMessage"; });
  ASSERT_FALSE(shown.is_null());
  EXPECT_NE(shown["params"]["message"].get<std::string>().find(cfg + ":2:1: unknown key 'Profle'"), std::string::npos)
      << shown.dump();
  json p3 = c.diagnostics(uri, 1);
  ASSERT_FALSE(p3.is_null());
  EXPECT_EQ(p3["diagnostics"].size(), 2u) << p3.dump();
  c.shutdownAndExit();
}

TEST(LspServer, CompileCommandsAreFoundByWalkingUp) {
  LspTestClient c;
  c.initialize({{"fallbackFlags", {"-std=c++20"}}});
  namespace fs = std::filesystem;
  fs::path root = fs::path(tempSource("unused.cpp")).parent_path();
  fs::remove(root / "compile_flags.txt");
  fs::create_directories(root / "src" / "deep");
  std::string path = (root / "src" / "deep" / "m.cpp").string();
  std::ofstream(root / "compile_commands.json")
      << json::array({{{"directory", root.string()}, {"file", path}, {"command", "c++ -std=c++20 -DWITH_BUG=1 -c " + path}}}).dump();
  std::string text = std::string("#include <memory>\n#include <utility>\nvoid consume(std::unique_ptr<int>);\n") +
                     "void f() { auto p = std::make_unique<int>(1); consume(std::move(p));\n#if WITH_BUG\n *p = 1;\n#endif\n}\n";
  c.open(uriOf(path), text);
  json p = c.diagnostics(uriOf(path));
  EXPECT_EQ(codes(p["diagnostics"]), json({"use-after-move"})) << p.dump();
  c.shutdownAndExit();
}

// Spec 2d: an open header gets the flags of a source that includes it (here, a macro only that
// source defines turns the bug on) and shows its own diagnostics.
TEST(LspServer, OpenHeaderBorrowsAnIncludersFlags) {
  LspTestClient c;
  c.initialize({{"fallbackFlags", {"-std=c++20"}}});
  namespace fs = std::filesystem;
  fs::path root = fs::path(tempSource("unused2.cpp")).parent_path() / "hdrproj";
  fs::create_directories(root / "src");
  fs::create_directories(root / "include" / "lib");
  std::string src = (root / "src" / "user.cpp").string();
  std::string hdr = (root / "include" / "lib" / "queue.hpp").string();
  std::ofstream(src) << "#include \"lib/queue.hpp\"\nvoid use() { drain(); }\n";
  std::string header = std::string("#pragma once\n#include <string>\n#include <utility>\n") +
                       "inline void drain() {\n  std::string s = \"x\";\n  std::string t = std::move(s);\n" +
                       "#if WITH_BUG\n  s.size();\n#endif\n}\n";
  std::ofstream(hdr) << header;
  std::ofstream(root / "compile_commands.json")
      << json::array({{{"directory", (root / "src").string()},
                       {"file", src},
                       {"command", "c++ -std=c++20 -I../include -DWITH_BUG=1 -c " + src}}})
             .dump();
  c.open(uriOf(hdr), header);
  json p = c.diagnostics(uriOf(hdr));
  EXPECT_EQ(codes(p["diagnostics"]), json({"use-after-move"})) << p.dump();
  c.shutdownAndExit();
}

TEST(LspServer, HalfTypedCodeKeepsOtherFunctionsAndNeverFloods) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("broken.cpp");
  std::string uri = uriOf(path);
  std::string text = std::string(kMoveCode) + "void typing() {\n  auto q = std::make_unique<int>(\n  consume(std::move(q)\n";
  c.open(uri, text);
  json p = c.diagnostics(uri);
  ASSERT_FALSE(p.is_null());
  // f still reports; nothing at all is reported inside the broken function.
  EXPECT_EQ(codes(p["diagnostics"]), json({"use-after-move", "use-after-move"})) << p.dump();
  for (const json& d : p["diagnostics"]) EXPECT_LT(d["range"]["start"]["line"], 14);
  c.shutdownAndExit();
}

TEST(LspServer, UnparseableFileGetsNoStaleDiagnostics) {
  LspTestClient c;
  c.initialize();
  std::string path = tempSource("bad.cpp", "-std=c++20");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode, 1);
  ASSERT_EQ(c.diagnostics(uri, 1)["diagnostics"].size(), 2u);
  // Flags that make the compiler refuse the file outright.
  c.notify("workspace/didChangeConfiguration", {{"settings", {{"ownership", {{"fallbackFlags", {"-std=c++20"}}}}}}});
  std::ofstream(std::filesystem::path(path).parent_path() / "compile_flags.txt") << "-std=c++99x\n";
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"text", std::string(kMoveCode) + "\n"}}}}});
  json p = c.diagnostics(uri, 2);
  ASSERT_FALSE(p.is_null());
  EXPECT_TRUE(p["diagnostics"].empty()) << p.dump();
  c.shutdownAndExit();
}

TEST(LspServer, CancelledRequestsAnswerRequestCancelled) {
  LspTestClient c;
  c.initialize({{"debounceMs", 0}});
  std::string path = tempSource("cancel.cpp");
  std::string uri = uriOf(path);
  c.open(uri, kMoveCode);
  // The worker is busy building; the hover waits behind it and is cancelled meanwhile.
  int id = c.send("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 7}, {"character", 3}}}});
  c.notify("$/cancelRequest", {{"id", id}});
  json r = c.response(id);
  EXPECT_EQ(r["error"]["code"], -32800) << r.dump();
  c.shutdownAndExit();
}

TEST(LspServer, NonFileUrisAreIgnored) {
  LspTestClient c;
  c.initialize();
  c.open("untitled:Untitled-1", kMoveCode);
  json h = c.request("textDocument/hover", {{"textDocument", {{"uri", "untitled:Untitled-1"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_EQ(h["error"]["code"], -32602);
  c.shutdownAndExit();
}

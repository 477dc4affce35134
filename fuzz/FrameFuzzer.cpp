// libFuzzer target for the wire: bytes go through FrameReader in input-derived chunk sizes and every body is decoded as the server does.
//
// Two modes, chosen by the first byte:
//   - raw (any first byte but 0x01): the whole input is a byte stream from a client. Nothing may
//     crash, and every body is decoded with decodeMessage and every LSP params type.
//   - round trip (first byte 0x01): the rest is a list of bodies separated by NUL bytes; they are
//     framed with frameMessage and must come back out of FrameReader exactly, whatever the chunking.
// Decoding catches nlohmann::json::exception only, as the dispatcher does: any other exception
// escaping a from_json would take the server down, so here it must be a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/Framing.h"
#include "protocol/JsonRpc.h"
#include "protocol/Uri.h"
#include "protocol/lsp/Basic.h"
#include "protocol/lsp/Documents.h"
#include "protocol/lsp/Language.h"
#include "protocol/lsp/Lifecycle.h"

namespace {

using nlohmann::json;
namespace proto = ownership::protocol;
namespace lsp = ownership::protocol::lsp;

// A property violation: abort so libFuzzer (or the replay driver) records the input.
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "FrameFuzzer: %s\n", what);
  std::abort();
}

// Chunk sizes must depend only on the input so a crash reproduces from the file alone.
struct Rng {
  std::uint64_t s;
  explicit Rng(std::string_view data) : s(1469598103934665603ull) {
    for (unsigned char c : data) s = (s ^ c) * 1099511628211ull;
    if (s == 0) s = 1;
  }
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s);
  }
  // Mostly small chunks (split headers, split "\r\n\r\n"), sometimes large ones.
  std::size_t chunk() {
    std::uint32_t r = next();
    switch (r % 4) {
      case 0: return 1;
      case 1: return 1 + (r >> 8) % 8;
      case 2: return 1 + (r >> 8) % 128;
      default: return 1 + (r >> 8) % 8192;
    }
  }
};

template <class P>
void tryDecode(const json& params) {
  try {
    P p = params.get<P>();
    (void)p;
  } catch (const json::exception&) {
    // The dispatcher answers InvalidParams (requests) or logs (notifications): a normal outcome.
  }
}

// uriToPath accepts it -> the path is normalised and survives pathToUri/uriToPath unchanged.
void checkUri(const std::string& uri) {
  std::optional<std::string> path = proto::uriToPath(uri);
  if (!path) return;
  if (path->empty() || path->front() != '/') fail("uriToPath returned a relative path");
  std::optional<std::string> again = proto::uriToPath(proto::pathToUri(*path));
  if (!again || *again != *path) fail("uriToPath(pathToUri(p)) != p");
}

void decodeBody(const std::string& body) {
  proto::ErrorCode code{};
  std::string why;
  std::optional<proto::Message> m = proto::decodeMessage(body, code, why);
  if (!m) {
    if (why.empty()) fail("decodeMessage failed without saying why");
    // The dispatcher recovers an id for the error reply, as here.
    std::optional<json> id = proto::recoverRequestId(body);
    if (id && !id->is_string() && !id->is_number_integer()) fail("recovered an id that is neither a number nor a string");
    (void)proto::makeError(id ? *id : json(nullptr), code, why).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  if (m->method.empty() && !m->id) fail("decoded a message with neither method nor id");
  const json& p = m->params;
  tryDecode<lsp::InitializeParams>(p);
  tryDecode<lsp::DidChangeConfigurationParams>(p);
  tryDecode<lsp::OwnershipOptions>(p);
  tryDecode<lsp::DidOpenParams>(p);
  tryDecode<lsp::DidChangeParams>(p);
  tryDecode<lsp::DidCloseParams>(p);
  tryDecode<lsp::DidSaveParams>(p);
  tryDecode<lsp::TextDocumentPositionParams>(p);
  tryDecode<lsp::CodeActionParams>(p);
  tryDecode<lsp::InlayHintParams>(p);
  tryDecode<lsp::DocumentDiagnosticParams>(p);
  tryDecode<lsp::Diagnostic>(p);
  tryDecode<lsp::Range>(p);
  // Every URI a handler would look at.
  try {
    if (p.is_object() && p.contains("textDocument") && p["textDocument"].is_object()) {
      const json& td = p["textDocument"];
      if (td.contains("uri") && td["uri"].is_string()) checkUri(td["uri"].get<std::string>());
    }
    if (p.is_object() && p.contains("rootUri") && p["rootUri"].is_string()) checkUri(p["rootUri"].get<std::string>());
  } catch (const json::exception&) {
  }
  // Replies echo the id and client strings; they must serialise (invalid UTF-8 is replaced).
  if (m->id) (void)proto::makeResponse(*m->id, p).dump(-1, ' ', false, json::error_handler_t::replace);
}

void rawMode(std::string_view data) {
  Rng rng(data);
  proto::FrameReader reader;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t n = std::min(rng.chunk(), data.size() - pos);
    reader.feed(data.substr(pos, n));
    pos += n;
    while (std::optional<proto::FrameReader::Frame> f = reader.next()) {
      if (f->error.empty()) {
        if (f->body.size() > proto::kMaxMessageBytes) fail("a body over the size limit was returned");
        decodeBody(f->body);
      } else if (!f->body.empty()) {
        fail("a rejected frame carries a body");
      }
    }
  }
}

void roundTripMode(std::string_view data) {
  std::vector<std::string> bodies;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= data.size(); ++i)
    if (i == data.size() || data[i] == '\0') {
      bodies.emplace_back(data.substr(start, i - start));
      start = i + 1;
    }
  std::string stream;
  for (const std::string& b : bodies) stream += proto::frameMessage(b);
  Rng rng(data);
  proto::FrameReader reader;
  std::vector<std::string> got;
  std::size_t pos = 0;
  while (pos < stream.size()) {
    std::size_t n = std::min(rng.chunk(), stream.size() - pos);
    reader.feed(std::string_view(stream).substr(pos, n));
    pos += n;
    while (std::optional<proto::FrameReader::Frame> f = reader.next()) {
      if (!f->error.empty()) fail("a well-formed frame was rejected");
      got.push_back(std::move(f->body));
    }
  }
  if (got != bodies) fail("framed bodies did not come back unchanged");
  if (reader.buffered() != 0) fail("bytes left over after the last well-formed frame");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (!in.empty() && in[0] == '\x01') roundTripMode(in.substr(1));
  else rawMode(in);
  return 0;
}

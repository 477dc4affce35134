// asio streams for the transport. Reads are blocking on the message thread (the
// server does no other work there); writes are serialised by a mutex so worker
// threads can publish diagnostics at any time.
#include "server/StreamTransport.h"

#include <unistd.h>

#include <asio.hpp>

#include "protocol/Framing.h"
#include "server/Logger.h"

namespace ownership::server {

struct StreamTransport::Impl {
  asio::io_context io;
  // stdio: separate descriptors; socket: one stream for both directions.
  std::unique_ptr<asio::posix::stream_descriptor> in, out;
  std::unique_ptr<asio::ip::tcp::socket> socket;

  std::size_t readSome(char* buf, std::size_t n, asio::error_code& ec) {
    if (socket) return socket->read_some(asio::buffer(buf, n), ec);
    return in->read_some(asio::buffer(buf, n), ec);
  }
  void writeAll(const std::string& data, asio::error_code& ec) {
    if (socket) asio::write(*socket, asio::buffer(data), ec);
    else asio::write(*out, asio::buffer(data), ec);
  }
};

StreamTransport::StreamTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StreamTransport::~StreamTransport() = default;

std::unique_ptr<StreamTransport> StreamTransport::stdio() {
  auto impl = std::make_unique<Impl>();
  // Duplicates, so closing the asio descriptors never closes fds 0/1 under the runtime.
  impl->in = std::make_unique<asio::posix::stream_descriptor>(impl->io, ::dup(0));
  impl->out = std::make_unique<asio::posix::stream_descriptor>(impl->io, ::dup(1));
  return std::unique_ptr<StreamTransport>(new StreamTransport(std::move(impl)));
}

bool isLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  asio::error_code ec;
  asio::ip::address a = asio::ip::make_address(host, ec);
  return !ec && a.is_loopback();
}

std::unique_ptr<StreamTransport> StreamTransport::listen(const std::string& hostPort, std::string& error) {
  std::size_t colon = hostPort.rfind(':');
  if (colon == std::string::npos) {
    error = "--listen wants HOST:PORT, e.g. 127.0.0.1:7777";
    return nullptr;
  }
  std::string host = hostPort.substr(0, colon), port = hostPort.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!isLoopbackHost(host)) {
    error = "--listen refuses `" + host + "`: only loopback addresses (127.0.0.1, ::1, localhost) may be bound";
    return nullptr;
  }
  if (host == "localhost") host = "127.0.0.1";
  unsigned long portNum = 0;
  try {
    portNum = std::stoul(port);
  } catch (...) {
    portNum = 70000;
  }
  if (portNum > 65535) {
    error = "--listen: `" + port + "` is not a port number";
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  asio::error_code ec;
  asio::ip::tcp::endpoint ep(asio::ip::make_address(host, ec), static_cast<unsigned short>(portNum));
  asio::ip::tcp::acceptor acceptor(impl->io);
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(1, ec);
  if (ec) {
    error = "--listen " + hostPort + ": " + ec.message();
    return nullptr;
  }
  logInfo("listening on " + host + ":" + std::to_string(acceptor.local_endpoint().port()));
  impl->socket = std::make_unique<asio::ip::tcp::socket>(impl->io);
  acceptor.accept(*impl->socket, ec);
  if (ec) {
    error = "--listen: accept failed: " + ec.message();
    return nullptr;
  }
  return std::unique_ptr<StreamTransport>(new StreamTransport(std::move(impl)));
}

void StreamTransport::run(const std::function<void(std::string)>& onMessage,
                          const std::function<void(const std::string&)>& onError) {
  protocol::FrameReader reader;
  std::vector<char> buf(64 * 1024);
  while (!stopped_) {
    asio::error_code ec;
    std::size_t n = impl_->readSome(buf.data(), buf.size(), ec);
    if (ec) {
      if (ec != asio::error::eof) logError("input stream: " + ec.message());
      return;
    }
    reader.feed(std::string_view(buf.data(), n));
    while (!stopped_) {
      std::optional<protocol::FrameReader::Frame> f = reader.next();
      if (!f) break;
      if (!f->error.empty()) onError(f->error);
      else onMessage(std::move(f->body));
    }
  }
}

void StreamTransport::send(const std::string& body) {
  std::string framed = protocol::frameMessage(body);
  std::lock_guard<std::mutex> lock(writeMutex_);
  asio::error_code ec;
  impl_->writeAll(framed, ec);
  if (ec) logError("output stream: " + ec.message());
}

}  // namespace ownership::server

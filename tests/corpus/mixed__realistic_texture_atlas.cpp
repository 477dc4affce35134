// mixed (realistic): a texture atlas mixing unique_ptr and an [[owner]] member; loading, eviction and the destructor are correct, but a reload overwrites the still-owning member, a preview pointer outlives a thumbnail local to one branch, and a two-parameter helper returns a reference without a lifetime contract
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

struct Texture {
  std::string name;
  int width = 0;
  int height = 0;
};

[[owner]] Texture* decode(const std::string& path);

class Atlas {
 public:
  Atlas() : scratch_(new Texture{}) {}
  ~Atlas() { delete scratch_; }
  Atlas(const Atlas&) = delete;
  Atlas& operator=(const Atlas&) = delete;

  void load(const std::string& path) {
    std::unique_ptr<Texture> tex(decode(path));
    entries_[path] = std::move(tex);
  }

  void reload_scratch(const std::string& path) {
    scratch_ = decode(path);  // expect: leak
  }

  void replace_scratch(const std::string& path) {
    delete scratch_;
    scratch_ = decode(path);
  }

  void evict_narrow(int min_width) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second->width < min_width) {
        it = entries_.erase(it);
      } else {
        ++it;
      }
    }
  }

 private:
  [[owner]] Texture* scratch_;
  std::unordered_map<std::string, std::unique_ptr<Texture>> entries_;
};

int preview_width(const Texture& full, bool thumbnail) {
  const Texture* preview = &full;
  if (thumbnail) {
    Texture thumb{full.name + ".thumb", 32, 32};
    preview = &thumb;  // expect: dangling
  }
  return preview->width;
}

const Texture& larger(const Texture& a, const Texture& b) {  // expect: missing-lifetime  // fix: missing-lifetime
  return a.width * a.height >= b.width * b.height ? a : b;
}

int larger_area(const std::string& p, const std::string& q) {
  std::unique_ptr<Texture> a(decode(p));
  std::unique_ptr<Texture> b(decode(q));
  const Texture& big = larger(*a, *b);
  return big.width * big.height;
}

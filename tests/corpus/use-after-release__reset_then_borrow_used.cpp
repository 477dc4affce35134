// use-after-release: a reference into a unique_ptr's object is taken, the unique_ptr is reset() to drop the old object, and the reference is read afterwards (spec 2a.1, 2a.15)
#include <memory>
#include <string>

struct Document {
  std::string title;
};

std::size_t reload(std::unique_ptr<Document>& doc) {
  const std::string& old_title = doc->title;
  doc.reset();
  return old_title.size();  // expect: use-after-release  // fix: use-after-release
}

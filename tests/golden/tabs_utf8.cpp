// Golden: tabs before the range (expanded to stops of 4) and UTF-8 text before it on the line.
#include <memory>
#include <string>
#include <utility>

int tabs_and_utf8() {
	auto a = std::make_unique<int>(1);
	auto b = std::move(a);
	int n = static_cast<int>(std::string("héllo → 漢字").size());	return n + *a + *b;
}

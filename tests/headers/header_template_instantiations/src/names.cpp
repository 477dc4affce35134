#include "cache.h"

void remember(Cache<std::string>& c) { c.put(1, "one"); }

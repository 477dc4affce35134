// Ownership annotations for code checked by ownership-check / ownership-lsp.
// Under the checker (which defines __OWNERSHIP_CHECK__) the macros expand to the
// attributes; in a plain GCC/Clang build they expand to nothing, so no
// "unknown attribute" warnings appear.
//
//   OWNER int* make();                       // returns a fresh owner
//   void take(OWNER int* p);                 // takes ownership
//   BORROW_FROM("s") std::string_view f(const std::string& s, int n);
//   class OWNER Buffer { ... };
#ifndef OWNERSHIP_H
#define OWNERSHIP_H

#if defined(__OWNERSHIP_CHECK__)
#define OWNER [[ownership::owner]]
#define BORROW [[ownership::borrow]]
#define BORROW_FROM(...) [[ownership::borrow(__VA_ARGS__)]]
#else
#define OWNER
#define BORROW
#define BORROW_FROM(...)
#endif

#endif  // OWNERSHIP_H

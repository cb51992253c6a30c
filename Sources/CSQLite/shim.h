#include <sqlite3.h>
/// SQLITE_TRANSIENT is a macro of a function-pointer cast that Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
/// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global
/// mutex on every allocation (3-4% of an ingest profile); nothing here reads them.
/// Must run before the first connection opens; returns SQLITE_MISUSE after that.
static inline int csqlite_disable_memstatus(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

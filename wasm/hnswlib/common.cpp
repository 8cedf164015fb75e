// The module's shared exports: memory allocation for the host, the last-error slot, the ABI version.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "hnsw_alg.h"

const QvNullStream qv_null_stream{};

namespace {
char g_error[512];
int32_t g_error_code = QV_OK;
}  // namespace

int32_t qv_fail(int32_t code, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g_error, sizeof g_error, fmt, ap);
  va_end(ap);
  g_error_code = code;
  return code;
}

void qv_clear_error() {
  g_error[0] = 0;
  g_error_code = QV_OK;
}

template <>
void hnswlib::HierarchicalNSW<float>::saveIndex(const std::string&) {
  throw std::runtime_error("saveIndex is not available in this build; use qv_hnsw_serialize");
}

int32_t quiver::status_from_exception(const char* what, const char* where) {
  if (strncmp(what, "Not enough memory", 17) == 0 || strcmp(what, "std::bad_alloc") == 0) {
    return qv_fail(QV_E_NOMEM, "%s: out of memory (%s)", where, what);
  }
  return qv_fail(QV_E_INTERNAL, "%s: %s", where, what);
}

// Version of the export table below and in hnsw_api.cpp / hnsw_io.cpp / flat_api.cpp; the loader
// refuses a module whose version it does not know.
QV_EXPORT(qv_abi_version) int32_t qv_abi_version() { return 1; }

// Allocates `size` bytes for the host (inputs, outputs, scratch); 0 when memory cannot grow.
QV_EXPORT(qv_malloc) void* qv_malloc(uint32_t size) { return malloc(size == 0 ? 1 : size); }

// Frees what qv_malloc or a serialize function returned.
QV_EXPORT(qv_free) void qv_free(void* p) { free(p); }

// The message of the last failed call (empty after a successful one), NUL-terminated.
QV_EXPORT(qv_last_error) const char* qv_last_error() { return g_error; }

// The status code of the last failed call (0 after a successful one).
QV_EXPORT(qv_last_error_code) int32_t qv_last_error_code() { return g_error_code; }

// In-process allocation tracker that writes the Aftermath allocation event log (docs/alloc.md).
// Link it into any program (put it first on the link line: gcc 12's libbacktrace misses
// functions of the later compilation units otherwise): it replaces malloc/calloc/realloc/free and operator new/delete,
// records a stack per allocation (glibc backtrace(), symbolized once per distinct stack with
// gcc's libbacktrace), and writes one event per line.
//   AFTERMATH_ALLOC_LOG=events.jsonl  enables it; AFTERMATH_ALLOC_FORMAT=csv selects the compact variant.
// Stacks are interned: a `stack` record is written the first time a stack is seen, and
// allocation events refer to it by id, so each event stays about 80 bytes.
#include <backtrace.h>
#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);
}

namespace {

constexpr int kMaxFrames = 48;
// backtrace() sees recordAlloc first, then the tracked entry point (malloc, operator new...);
// the log keeps the entry point as frame #0, like LeakSanitizer does.
constexpr int kOwnFrames = 1;

thread_local bool t_inTracker = false;

struct Tracker {
  std::FILE* out = nullptr;
  bool csv = false;
  bool failed = false;
  std::chrono::steady_clock::time_point start;
  std::mutex lock;
  backtrace_state* symbols = nullptr;
  std::unordered_map<std::string, int> stackIds;
};

Tracker& tracker() {
  static Tracker* t = new Tracker();  // never destroyed: frees run until the very end of exit
  return *t;
}

long threadId() { return static_cast<long>(syscall(SYS_gettid)); }

std::string jsonEscape(const std::string& s) {
  std::string r;
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    r += c;
  }
  return r;
}

std::string demangle(const char* name) {
  int status = 0;
  char* d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string r = status == 0 && d ? d : name;
  std::free(d);
  return r;
}

int onFrame(void* data, uintptr_t pc, const char* file, int line, const char* fn) {
  auto* frames = static_cast<std::vector<std::string>*>(data);
  std::string text;
  if (fn && file) {
    if (std::strncmp(file, "./", 2) == 0) file += 2;
    text = demangle(fn) + " " + file + ":" + std::to_string(line);
  } else {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(pc), &info) && info.dli_fname) {
      const char* module = std::strrchr(info.dli_fname, '/');
      char offset[32];
      std::snprintf(offset, sizeof offset, "+0x%lx",
                    static_cast<unsigned long>(pc - reinterpret_cast<uintptr_t>(info.dli_fbase)));
      text = (info.dli_sname ? demangle(info.dli_sname) + " " : std::string()) + "(" +
             (module ? module + 1 : info.dli_fname) + offset + ")";
    } else {
      char addr[32];
      std::snprintf(addr, sizeof addr, "0x%lx", static_cast<unsigned long>(pc));
      text = addr;
    }
  }
  frames->push_back(text);
  return 0;
}

void onSymbolError(void*, const char*, int) {}

// Writes the stack record the first time a stack is seen; returns its id.
int internStack(Tracker& t, void** pcs, int n) {
  std::string key(reinterpret_cast<const char*>(pcs), sizeof(void*) * n);
  auto it = t.stackIds.find(key);
  if (it != t.stackIds.end()) return it->second;
  int id = static_cast<int>(t.stackIds.size()) + 1;
  t.stackIds.emplace(key, id);
  std::vector<std::string> frames;
  for (int i = 0; i < n; ++i) {
    // Return addresses point after the call; -1 lands in the calling line.
    uintptr_t pc = reinterpret_cast<uintptr_t>(pcs[i]) - 1;
    std::size_t before = frames.size();
    backtrace_pcinfo(t.symbols, pc, onFrame, onSymbolError, &frames);
    if (frames.size() == before || frames.back().rfind(" ?:", std::string::npos) != std::string::npos) {
      frames.resize(before);
      onFrame(&frames, pc, nullptr, 0, nullptr);
    }
  }
  if (t.csv) {
    std::fprintf(t.out, "S,%d,", id);
    for (std::size_t i = 0; i < frames.size(); ++i) std::fprintf(t.out, "%s%s", i ? "\t" : "", frames[i].c_str());
    std::fputc('\n', t.out);
  } else {
    std::fprintf(t.out, "{\"type\":\"stack\",\"id\":%d,\"frames\":[", id);
    for (std::size_t i = 0; i < frames.size(); ++i)
      std::fprintf(t.out, "%s\"%s\"", i ? "," : "", jsonEscape(frames[i]).c_str());
    std::fputs("]}\n", t.out);
  }
  return id;
}

bool open(Tracker& t) {
  if (t.out || t.failed) return t.out != nullptr;
  const char* path = std::getenv("AFTERMATH_ALLOC_LOG");
  const char* format = std::getenv("AFTERMATH_ALLOC_FORMAT");
  if (!path || !(t.out = std::fopen(path, "w"))) {
    t.failed = true;
    return false;
  }
  t.csv = format && std::strcmp(format, "csv") == 0;
  t.start = std::chrono::steady_clock::now();
  t.symbols = backtrace_create_state(nullptr, 1, onSymbolError, nullptr);
  const long long epochMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
  char exe[256] = {0};
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  const char* name = len > 0 ? std::strrchr(exe, '/') + 1 : "unknown";
  if (t.csv)
    std::fprintf(t.out, "#aftermath-alloc-events,version=1,tsUnit=us,startEpochMs=%lld,process=%s\n", epochMs, name);
  else
    std::fprintf(t.out,
                 "{\"type\":\"meta\",\"format\":\"aftermath-alloc-events\",\"version\":1,\"tsUnit\":\"us\","
                 "\"startEpochMs\":%lld,\"process\":\"%s\",\"pid\":%d}\n",
                 epochMs, jsonEscape(name).c_str(), static_cast<int>(getpid()));
  return true;
}

long long nowUs(const Tracker& t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t.start).count();
}

__attribute__((noinline)) void recordAlloc(void* ptr, std::size_t size) {
  if (!ptr || t_inTracker) return;
  t_inTracker = true;
  void* pcs[kMaxFrames];
  int n = backtrace(pcs, kMaxFrames);
  Tracker& t = tracker();
  {
    std::lock_guard<std::mutex> guard(t.lock);
    if (open(t) && n > kOwnFrames) {
      int stack = internStack(t, pcs + kOwnFrames, n - kOwnFrames);
      if (t.csv)
        std::fprintf(t.out, "A,%p,%zu,%lld,%ld,%d\n", ptr, size, nowUs(t), threadId(), stack);
      else
        std::fprintf(t.out, "{\"type\":\"alloc\",\"ptr\":\"%p\",\"size\":%zu,\"ts\":%lld,\"thread\":%ld,\"stack\":%d}\n",
                     ptr, size, nowUs(t), threadId(), stack);
    }
  }
  t_inTracker = false;
}

void recordFree(void* ptr) {
  if (!ptr || t_inTracker) return;
  t_inTracker = true;
  Tracker& t = tracker();
  {
    std::lock_guard<std::mutex> guard(t.lock);
    if (t.out) {
      if (t.csv)
        std::fprintf(t.out, "F,%p,%lld,%ld\n", ptr, nowUs(t), threadId());
      else
        std::fprintf(t.out, "{\"type\":\"free\",\"ptr\":\"%p\",\"ts\":%lld,\"thread\":%ld}\n", ptr, nowUs(t), threadId());
    }
  }
  t_inTracker = false;
}

// Flushes at exit; the FILE stays open so that frees during later destructors are still logged.
struct FlushAtExit {
  ~FlushAtExit() {
    if (tracker().out) std::fflush(tracker().out);
  }
} flushAtExit;

}  // namespace

extern "C" {
__attribute__((noinline)) void* malloc(std::size_t size) {
  void* p = __libc_malloc(size);
  recordAlloc(p, size);
  return p;
}
__attribute__((noinline)) void* calloc(std::size_t count, std::size_t size) {
  void* p = __libc_calloc(count, size);
  recordAlloc(p, count * size);
  return p;
}
__attribute__((noinline)) void* realloc(void* old, std::size_t size) {
  void* p = __libc_realloc(old, size);
  if (p) {
    recordFree(old);
    recordAlloc(p, size);
  }
  return p;
}
void free(void* p) {
  recordFree(p);
  __libc_free(p);
}
}

__attribute__((noinline)) void* operator new(std::size_t size) {
  void* p = __libc_malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  recordAlloc(p, size);
  return p;
}
__attribute__((noinline)) void* operator new[](std::size_t size) {
  void* p = __libc_malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  recordAlloc(p, size);
  return p;
}
void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, std::size_t) noexcept { free(p); }
void operator delete[](void* p, std::size_t) noexcept { free(p); }

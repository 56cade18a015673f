// The inventory system of a game server, reduced to what made it collapse: every operation first
// takes one global mutex (`g_inventoriesMutex`, "protects the map") and then the mutex of each
// inventory it touches. Independent players therefore serialize on the global lock, and with many
// worker threads nearly all time goes into futex waits on it.
//
//   ./inventory_server <threads> <duration-ms> [coarse|sharded]
//
// Built with -DTRACK_LOCKS it also counts its own lock statistics (acquisitions, contended
// acquisitions, wait and hold times, per calling function) and writes them at exit in the
// Aftermath lock-stats JSON format to the file named by AFTERMATH_LOCK_STATS — what a game server
// would export from its own counters.
//
// `sharded` is the fix: the map never changes after start-up, so the global lock is dropped and
// each operation takes only the per-inventory mutexes it needs (two, in id order, for a transfer,
// which keeps lock ordering deadlock-free). Both modes run the same functions, so the call stacks
// of a before/after pair line up. Prints operations per second on stdout.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

constexpr int kInventories = 65536;
constexpr int kItemKinds = 64;

struct Inventory {
  std::mutex mutex;
  int counts[kItemKinds] = {};
  long long gold = 0;
};

std::mutex g_inventoriesMutex;
std::unordered_map<int, Inventory*> g_inventories;
bool g_sharded = false;

#ifdef TRACK_LOCKS
enum Op { kTransfer, kAdd, kRemove, kOps };
const char* const kOpNames[kOps] = {"transferItem", "addItem", "removeItem"};

struct Counters {
  std::atomic<std::int64_t> acquisitions{0}, contended{0}, waitNs{0}, waitMaxNs{0}, holdNs{0}, holdMaxNs{0};
};
struct LockStats {
  Counters total;
  Counters byOp[kOps];
};
LockStats g_globalStats;     // g_inventoriesMutex
LockStats g_inventoryStats;  // every Inventory::mutex, as one lock class

std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
void raiseMax(std::atomic<std::int64_t>& max, std::int64_t v) {
  std::int64_t cur = max.load(std::memory_order_relaxed);
  while (v > cur && !max.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
  }
}
void add(Counters& c, bool contended, std::int64_t waitNs, std::int64_t holdNs) {
  c.acquisitions.fetch_add(1, std::memory_order_relaxed);
  if (contended) c.contended.fetch_add(1, std::memory_order_relaxed);
  c.waitNs.fetch_add(waitNs, std::memory_order_relaxed);
  raiseMax(c.waitMaxNs, waitNs);
  c.holdNs.fetch_add(holdNs, std::memory_order_relaxed);
  raiseMax(c.holdMaxNs, holdNs);
}

// Scoped lock that measures: a failed try_lock means the acquisition was contended, and the
// time until lock() returns is the wait.
class TrackedLock {
 public:
  TrackedLock(std::mutex& m, LockStats& stats, Op op, bool take = true) : m_(m), stats_(stats), op_(op), owns_(take) {
    if (!take) return;
    std::int64_t start = nowNs();
    contended_ = !m_.try_lock();
    if (contended_) m_.lock();
    lockedAt_ = nowNs();
    waitNs_ = contended_ ? lockedAt_ - start : 0;
  }
  ~TrackedLock() {
    if (!owns_) return;
    std::int64_t hold = nowNs() - lockedAt_;
    m_.unlock();
    add(stats_.total, contended_, waitNs_, hold);
    add(stats_.byOp[op_], contended_, waitNs_, hold);
  }
  TrackedLock(const TrackedLock&) = delete;
  TrackedLock& operator=(const TrackedLock&) = delete;

 private:
  std::mutex& m_;
  LockStats& stats_;
  Op op_;
  bool owns_;
  bool contended_ = false;
  std::int64_t lockedAt_ = 0, waitNs_ = 0;
};
#define GUARD(name, mtx, stats, op, take) TrackedLock name(mtx, stats, op, take)
#else
#define GUARD(name, mtx, stats, op, take)                  \
  std::unique_lock<std::mutex> name(mtx, std::defer_lock); \
  if (take) name.lock()
#endif

// A little work under the lock, standing in for validation and bookkeeping; `volatile` keeps
// the optimizer from removing it.
__attribute__((noinline)) void touchItems(Inventory& inv, int item, int rounds) {
  volatile int sink = 0;
  for (int i = 0; i < rounds; ++i) sink = sink + inv.counts[(item + i) % kItemKinds];
}

Inventory& find(int id) { return *g_inventories.at(id); }

__attribute__((noinline)) bool transferItem(int from, int to, int item) {
  if (from == to) return false;
  GUARD(global, g_inventoriesMutex, g_globalStats, kTransfer, !g_sharded);
  Inventory& a = find(from);
  Inventory& b = find(to);
  // Lock ordering by address: two transfers in opposite directions cannot deadlock.
  Inventory* first = &a < &b ? &a : &b;
  Inventory* second = &a < &b ? &b : &a;
  GUARD(l1, first->mutex, g_inventoryStats, kTransfer, true);
  GUARD(l2, second->mutex, g_inventoryStats, kTransfer, true);
  touchItems(a, item, 3000);
  if (a.counts[item] == 0) return false;
  --a.counts[item];
  ++b.counts[item];
  return true;
}

__attribute__((noinline)) void addItem(int id, int item) {
  GUARD(global, g_inventoriesMutex, g_globalStats, kAdd, !g_sharded);
  Inventory& inv = find(id);
  GUARD(l, inv.mutex, g_inventoryStats, kAdd, true);
  touchItems(inv, item, 2000);
  ++inv.counts[item];
}

__attribute__((noinline)) bool removeItem(int id, int item) {
  GUARD(global, g_inventoriesMutex, g_globalStats, kRemove, !g_sharded);
  Inventory& inv = find(id);
  GUARD(l, inv.mutex, g_inventoryStats, kRemove, true);
  touchItems(inv, item, 1500);
  if (inv.counts[item] == 0) return false;
  --inv.counts[item];
  return true;
}

std::atomic<bool> g_stop{false};

#ifdef TRACK_LOCKS
void writeCounters(std::FILE* f, const Counters& c) {
  std::fprintf(f, "\"acquisitions\": %lld, \"contended\": %lld, \"waitTotalNs\": %lld, \"waitMaxNs\": %lld, \"holdTotalNs\": %lld, \"holdMaxNs\": %lld",
               (long long)c.acquisitions.load(), (long long)c.contended.load(), (long long)c.waitNs.load(), (long long)c.waitMaxNs.load(),
               (long long)c.holdNs.load(), (long long)c.holdMaxNs.load());
}

void writeLock(std::FILE* f, const char* name, int instances, const char* nested, const LockStats& s) {
  std::fprintf(f, "    {\"name\": \"%s\", \"kind\": \"mutex\", \"instances\": %d, ", name, instances);
  writeCounters(f, s.total);
  if (nested) std::fprintf(f, ", \"acquiredWhileHolding\": [\"%s\"]", nested);
  std::fprintf(f, ",\n     \"callers\": [");
  bool first = true;
  for (int op = 0; op < kOps; ++op) {
    if (s.byOp[op].acquisitions.load() == 0) continue;
    std::fprintf(f, "%s\n       {\"function\": \"%s\", \"stack\": [\"%s\", \"worker\"], \"contended\": %lld, \"waitTotalNs\": %lld}", first ? "" : ",",
                 kOpNames[op], kOpNames[op], (long long)s.byOp[op].contended.load(), (long long)s.byOp[op].waitNs.load());
    first = false;
  }
  std::fprintf(f, "]}");
}

// The Aftermath lock-stats JSON format (docs/locks.md).
void writeLockStats(const char* path, int durationMs) {
  std::FILE* f = std::fopen(path, "w");
  if (!f) return;
  char when[32];
  std::time_t now = std::time(nullptr) - durationMs / 1000;
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::fprintf(f, "{\n  \"format\": \"aftermath-lock-stats\",\n  \"version\": 1,\n  \"program\": \"inventory_server %s\",\n  \"capturedAt\": \"%s\",\n  \"durationMs\": %d,\n  \"locks\": [\n",
               g_sharded ? "sharded" : "coarse", when, durationMs);
  bool any = false;
  if (!g_sharded) {
    writeLock(f, "g_inventoriesMutex", 1, "Inventory::mutex", g_globalStats);
    any = true;
  }
  if (any) std::fprintf(f, ",\n");
  writeLock(f, "Inventory::mutex", kInventories, nullptr, g_inventoryStats);
  std::fprintf(f, "\n  ]\n}\n");
  std::fclose(f);
}
#endif

__attribute__((noinline)) long long worker(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> player(0, kInventories - 1);
  std::uniform_int_distribution<int> kind(0, kItemKinds - 1);
  std::uniform_int_distribution<int> op(0, 99);
  long long ops = 0;
  while (!g_stop.load(std::memory_order_relaxed)) {
    // The mix seen in production: transfers (trades, mail) dominate, then loot, then crafting.
    int r = op(rng);
    if (r < 50) transferItem(player(rng), player(rng), kind(rng));
    else if (r < 80) addItem(player(rng), kind(rng));
    else removeItem(player(rng), kind(rng));
    ++ops;
  }
  return ops;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 16;
  int durationMs = argc > 2 ? std::atoi(argv[2]) : 1000;
  g_sharded = argc > 3 && std::strcmp(argv[3], "sharded") == 0;
  if (threads < 1 || durationMs < 1) {
    std::fprintf(stderr, "usage: %s <threads> <duration-ms> [coarse|sharded]\n", argv[0]);
    return 2;
  }
  for (int i = 0; i < kInventories; ++i) {
    g_inventories[i] = new Inventory;
    std::fill(std::begin(g_inventories[i]->counts), std::end(g_inventories[i]->counts), 5);
  }
  std::vector<std::thread> pool;
  std::vector<long long> ops(threads);
  for (int t = 0; t < threads; ++t) pool.emplace_back([t, &ops] { ops[t] = worker(1234u + t); });
  std::this_thread::sleep_for(std::chrono::milliseconds(durationMs));
  g_stop = true;
  long long total = 0;
  for (int t = 0; t < threads; ++t) {
    pool[t].join();
    total += ops[t];
  }
  std::printf("mode=%s threads=%d duration_ms=%d ops=%lld ops_per_s=%.0f\n", g_sharded ? "sharded" : "coarse", threads,
              durationMs, total, total * 1000.0 / durationMs);
#ifdef TRACK_LOCKS
  if (const char* path = std::getenv("AFTERMATH_LOCK_STATS")) writeLockStats(path, durationMs);
#endif
  for (auto& [id, inv] : g_inventories) delete inv;
  return 0;
}

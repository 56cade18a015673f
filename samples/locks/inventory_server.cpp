// The inventory system of a game server, reduced to what made it collapse: every operation first
// takes one global mutex (`g_inventoriesMutex`, "protects the map") and then the mutex of each
// inventory it touches. Independent players therefore serialize on the global lock, and with many
// worker threads nearly all time goes into futex waits on it.
//
//   ./inventory_server <threads> <duration-ms> [coarse|sharded]
//
// `sharded` is the fix: the map never changes after start-up, so the global lock is dropped and
// each operation takes only the per-inventory mutexes it needs (two, in id order, for a transfer,
// which keeps lock ordering deadlock-free). Both modes run the same functions, so the call stacks
// of a before/after pair line up. Prints operations per second on stdout.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

// A little work under the lock, standing in for validation and bookkeeping; `volatile` keeps
// the optimizer from removing it.
__attribute__((noinline)) void touchItems(Inventory& inv, int item, int rounds) {
  volatile int sink = 0;
  for (int i = 0; i < rounds; ++i) sink = sink + inv.counts[(item + i) % kItemKinds];
}

Inventory& find(int id) { return *g_inventories.at(id); }

__attribute__((noinline)) bool transferItem(int from, int to, int item) {
  if (from == to) return false;
  std::unique_lock<std::mutex> global(g_inventoriesMutex, std::defer_lock);
  if (!g_sharded) global.lock();
  Inventory& a = find(from);
  Inventory& b = find(to);
  // Lock ordering by address: two transfers in opposite directions cannot deadlock.
  Inventory* first = &a < &b ? &a : &b;
  Inventory* second = &a < &b ? &b : &a;
  std::lock_guard<std::mutex> l1(first->mutex);
  std::lock_guard<std::mutex> l2(second->mutex);
  touchItems(a, item, 3000);
  if (a.counts[item] == 0) return false;
  --a.counts[item];
  ++b.counts[item];
  return true;
}

__attribute__((noinline)) void addItem(int id, int item) {
  std::unique_lock<std::mutex> global(g_inventoriesMutex, std::defer_lock);
  if (!g_sharded) global.lock();
  Inventory& inv = find(id);
  std::lock_guard<std::mutex> l(inv.mutex);
  touchItems(inv, item, 2000);
  ++inv.counts[item];
}

__attribute__((noinline)) bool removeItem(int id, int item) {
  std::unique_lock<std::mutex> global(g_inventoriesMutex, std::defer_lock);
  if (!g_sharded) global.lock();
  Inventory& inv = find(id);
  std::lock_guard<std::mutex> l(inv.mutex);
  touchItems(inv, item, 1500);
  if (inv.counts[item] == 0) return false;
  --inv.counts[item];
  return true;
}

std::atomic<bool> g_stop{false};

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
  for (auto& [id, inv] : g_inventories) delete inv;
  return 0;
}

// Reproduces the incident: a game server whose memory grows until the container is killed.
// Build with -DFIXED for the repaired version (weak_ptr friends, weak_ptr capture, bounded cache);
// both variants keep the same line numbers so that runs can be compared site by site.
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct Inventory {
  std::vector<int> items;
};

struct Player {
  int id = 0;
  std::string name;
  std::shared_ptr<Inventory> inventory;
#ifdef FIXED
  std::vector<std::weak_ptr<Player>> friends;
#else
  std::vector<std::shared_ptr<Player>> friends;
#endif
  std::function<void()> onLevelUp;
  int level = 1;
};

class PlayerManager {
 public:
  std::shared_ptr<Player> addPlayer(int id, const std::string& name) {
    auto player = std::make_shared<Player>();
    player->id = id;
    player->name = name;
    player->inventory = std::make_shared<Inventory>();
    player->inventory->items.resize(32);
#ifdef FIXED
    std::weak_ptr<Player> self = player;
    player->onLevelUp = [self] { if (auto p = self.lock()) ++p->level; };
#else
    player->onLevelUp = [player] { ++player->level; };
#endif
    online_[id] = player;
    return player;
  }

  void befriend(const std::shared_ptr<Player>& a, const std::shared_ptr<Player>& b) {
    a->friends.push_back(b);
    b->friends.push_back(a);
  }

  // Logout drops the manager's reference; with owning cycles the players stay alive.
  void logoutAll() { online_.clear(); }

 private:
  std::unordered_map<int, std::shared_ptr<Player>> online_;
};

// Profiles are cached by player id; the leaky version never evicts.
class ProfileCache {
 public:
  const std::string& get(int playerId) {
#ifdef FIXED
    if (entries_.size() >= kMaxEntries && !entries_.count(playerId)) entries_.erase(entries_.begin());
#endif
    auto it = entries_.find(playerId);
    if (it == entries_.end()) it = entries_.emplace(playerId, loadProfile(playerId)).first;
    return it->second;
  }

 private:
  static std::string loadProfile(int playerId) {
    return std::string(200 + playerId % 8, 'p');
  }
  static constexpr std::size_t kMaxEntries = 16;
  std::unordered_map<int, std::string> entries_;
};

// A process-lifetime singleton, never destroyed: still reachable at exit.
ProfileCache& profiles() {
  static ProfileCache* cache = new ProfileCache();
  return *cache;
}

struct Config {
  char* motd;
  std::size_t length;
};

Config* loadConfig() {
  Config* config = new Config;
  config->motd = static_cast<char*>(std::malloc(512));
  config->length = 512;
  return config;
}

char* readPacket() {
  char* packet = new char[256];
  packet[0] = 0;
  return packet;
}

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 4;
  const int pauseMs = argc > 2 ? std::atoi(argv[2]) : 0;  // spreads the rounds over time for the event log
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // server logs are line-buffered
  PlayerManager manager;
  std::printf("server: starting, %d rounds\n", rounds);
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::shared_ptr<Player>> online;
    for (int i = 0; i < 8; ++i) online.push_back(manager.addPlayer(round * 8 + i, "player"));
    for (int i = 0; i < 8; ++i) manager.befriend(online[i], online[(i + 1) % 8]);
    std::size_t profileBytes = 0;
    for (auto& p : online) {
      p->onLevelUp();
      profileBytes += profiles().get(p->id).size();
    }
    manager.logoutAll();
    if (pauseMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
    std::printf("server: round %d done, %zu profile bytes read\n", round, profileBytes);
  }
  loadConfig();
  readPacket();
  std::printf("server: shutting down\n");
  return 0;
}

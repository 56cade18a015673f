// A C++ service that leaks native memory: each tick mallocs a 1 MiB buffer for a "match replay",
// writes it (so it is resident, not just reserved) and forgets the pointer.
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

int main(int argc, char** argv) {
  int seconds = argc > 1 ? std::atoi(argv[1]) : 40;
  for (int tick = 0; tick < seconds * 4; tick++) {
    char* replay = static_cast<char*>(std::malloc(1 << 20));
    std::memset(replay, tick & 0xff, 1 << 20);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return 0;
}

// A Go service for the pprof fixtures: a session cache that never evicts (the heap profile's
// in-use memory) and one store-wide sync.Mutex held across slow work by eight workers (the mutex
// and block profiles). Standard library only; it writes the profiles itself with runtime/pprof,
// as /debug/pprof/{heap,mutex,block} would serve them. See generate-profiles.sh.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

type Session struct {
	ID      int
	History []string
	Avatar  []byte
}

// sessions is never pruned: every login stays.
var sessions = map[int]*Session{}

func chatHistory(id int) []string {
	lines := make([]string, 0, 16)
	for i := 0; i < 16; i++ {
		lines = append(lines, fmt.Sprintf("player-%d: message %d", id, i))
	}
	return lines
}

func cacheSession(id int) {
	sessions[id] = &Session{ID: id, History: chatHistory(id), Avatar: make([]byte, 2048)}
}

type Store struct {
	mu    sync.Mutex
	items map[int]int
}

// saveItem holds the store-wide lock while it "writes through" to disk.
func (s *Store) saveItem(id int) {
	s.mu.Lock()
	s.items[id%100]++
	time.Sleep(200 * time.Microsecond)
	s.mu.Unlock()
}

func worker(s *Store, n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		s.saveItem(i)
	}
}

// write saves a profile as /debug/pprof/<profile> serves it: debug 0 is gzipped protobuf, debug 1
// the legacy text form (?debug=1), which engineers paste from a browser.
func write(profile, path string, debug int) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
		panic(err)
	}
}

func main() {
	runtime.MemProfileRate = 4096
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	for id := 0; id < 20000; id++ {
		cacheSession(id)
	}
	store := &Store{items: map[int]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go worker(store, 200, &wg)
	}
	wg.Wait()
	// The heap profile is as of the last GC.
	runtime.GC()
	dir := os.Args[1]
	for _, profile := range []string{"heap", "mutex", "block"} {
		write(profile, dir+"/"+profile+".pb.gz", 0)
		write(profile, dir+"/"+profile+".txt", 1)
	}
	runtime.KeepAlive(sessions)
}

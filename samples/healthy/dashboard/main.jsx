// A small, healthy React 19 + recharts dashboard: a reducer-held store of server metrics, a line
// chart and a bar chart of the last samples, a table of servers and tabs. Every tick replaces the
// window of samples (old ones dropped); switching tabs mounts and unmounts whole subtrees. Nothing
// leaks: its heap is full of Fiber trees, hook queues and chart state that are structure, not leaks.
import { StrictMode, useEffect, useReducer, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

const SERVERS = ['game-1', 'game-2', 'game-3', 'match-1', 'chat-1'];
const WINDOW = 60;

function initialState() {
  return { tick: 0, samples: [], servers: Object.fromEntries(SERVERS.map((s) => [s, { name: s, rss: 400, cpu: 20 }])) };
}

function reducer(state, action) {
  if (action.type !== 'tick') return state;
  const tick = state.tick + 1;
  const servers = Object.fromEntries(
    SERVERS.map((s, i) => {
      return [s, { name: s, rss: 400 + ((tick * (i + 3)) % 120), cpu: 20 + ((tick * (i + 7)) % 60) }];
    }),
  );
  const sample = { tick, ...Object.fromEntries(SERVERS.map((s) => [s, servers[s].rss])) };
  return { tick, servers, samples: [...state.samples, sample].slice(-WINDOW) };
}

function MemoryChart({ samples }) {
  return (
    <LineChart width={640} height={240} data={samples}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="tick" />
      <YAxis />
      <Tooltip />
      {SERVERS.map((s) => (
        <Line key={s} dataKey={s} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

function CpuChart({ servers }) {
  return (
    <BarChart width={640} height={240} data={Object.values(servers)}>
      <XAxis dataKey="name" />
      <YAxis />
      <Bar dataKey="cpu" isAnimationActive={false} />
    </BarChart>
  );
}

function ServerTable({ servers }) {
  return (
    <table>
      <tbody>
        {Object.values(servers).map((s) => (
          <tr key={s.name}>
            <td>{s.name}</td>
            <td>{s.rss} MiB</td>
            <td>{s.cpu} %</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function App() {
  const [state, dispatch] = useReducer(reducer, undefined, initialState);
  const [tab, setTab] = useState('memory');
  useEffect(() => {
    window.dashboard = { tick: () => dispatch({ type: 'tick' }), show: setTab };
    return () => delete window.dashboard;
  }, []);
  return (
    <main>
      <nav>
        {['memory', 'cpu', 'table'].map((t) => (
          <button key={t} id={`tab-${t}`} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </nav>
      <p id="tick">tick {state.tick}</p>
      {tab === 'memory' && <MemoryChart samples={state.samples} />}
      {tab === 'cpu' && <CpuChart servers={state.servers} />}
      {tab === 'table' && <ServerTable servers={state.servers} />}
    </main>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

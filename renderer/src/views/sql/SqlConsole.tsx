import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AftermathApi, JobId } from '../../../../analyzers/app/api/appApi';
import { MAX_QUERY_SQL_CHARS } from '../../../../analyzers/app/api/caseQuery';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { plural } from '../../format';
import { SCHEMA_SQL, SQL_EXAMPLES } from './sqlExamples';
import './sqlConsole.css';
import { type CaseQueryCell, type CaseQueryRows } from '../../../../analyzers/case/queryRows';

type Answer = { kind: 'busy' } | { kind: 'rows'; rows: CaseQueryRows } | { kind: 'error'; message: string };

interface NumberedRow {
  index: number;
  cells: CaseQueryCell[];
}

/** The query the console opens with, until the user types or picks another. */
export const INITIAL_SQL = SQL_EXAMPLES[0].sql;

interface Props {
  api: AftermathApi;
  jobId: JobId;
  /** The query being written, kept by the app: a re-analysis mounts the console again, and what was typed stays. */
  sql: string;
  onSql: (sql: string) => void;
}

/**
 * Read-only SQL over the case tables of this job (docs/case.md): the same tables a saved case file
 * holds, so a query that works here works in sqlite3 on the file. The host runs the query; this
 * view only sends text and shows cells as text.
 */
export function SqlConsole({ api, jobId, sql, onSql: setSql }: Props) {
  const [answer, setAnswer] = useState<Answer>();
  const latest = useRef(0);

  const run = async (text: string) => {
    // Answers can overtake each other; only the last query's answer is shown.
    const ticket = ++latest.current;
    setAnswer({ kind: 'busy' });
    let next: Answer;
    try {
      const result = await api.queryCase(jobId, text);
      next = result.status === 'ok' ? { kind: 'rows', rows: result } : { kind: 'error', message: result.message };
    } catch (e) {
      next = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (ticket === latest.current) setAnswer(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run(sql);
    }
  };

  return (
    <section className="sql-console" aria-label="SQL console">
      <div className="sql-main">
        <div className="actions sql-examples" role="group" aria-label="Example queries">
          {SQL_EXAMPLES.map((example) => (
            <button key={example.label} onClick={() => setSql(example.sql)}>
              {example.label}
            </button>
          ))}
        </div>
        <textarea
          className="sql-editor"
          aria-label="SQL query"
          rows={10}
          spellCheck={false}
          maxLength={MAX_QUERY_SQL_CHARS}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="actions">
          <button onClick={() => void run(sql)} disabled={answer?.kind === 'busy'}>
            Run
          </button>
          <span className="muted">Ctrl+Enter runs the query. Read-only: one SELECT, WITH, VALUES or EXPLAIN statement.</span>
        </div>
        <QueryAnswer answer={answer} />
      </div>
      <SchemaList api={api} jobId={jobId} onPick={(table) => setSql(`SELECT *\n  FROM ${table}\n LIMIT 100;`)} />
    </section>
  );
}

function QueryAnswer({ answer }: { answer: Answer | undefined }) {
  if (!answer) return null;
  if (answer.kind === 'busy') return <p role="status" className="muted">Running…</p>;
  if (answer.kind === 'error') return <p role="alert" className="error">{answer.message}</p>;
  return <ResultTable rows={answer.rows} />;
}

function ResultTable({ rows: answer }: { rows: CaseQueryRows }) {
  const columns = useMemo<Column<NumberedRow>[]>(
    () => [
      { key: '#', title: '#', value: (r) => r.index + 1, align: 'right', width: '4em' },
      ...answer.columns.map((title, i): Column<NumberedRow> => ({
        key: `c${i}`,
        title,
        value: (r) => r.cells[i] ?? '',
        render: (r) => (r.cells[i] === null ? <span className="muted">NULL</span> : String(r.cells[i])),
        width: 'minmax(6em, 1fr)',
        align: answer.rows.length > 0 && answer.rows.every((row) => typeof row[i] === 'number' || row[i] === null) ? 'right' : 'left',
      })),
    ],
    [answer],
  );
  const rows = useMemo(() => answer.rows.map((cells, index) => ({ index, cells })), [answer]);
  const count = plural(answer.rows.length, 'row');
  return (
    <>
      <p role="status" className="muted sql-count">
        {answer.truncated ? `Showing the first ${count}: more rows matched. Narrow the query or add a LIMIT.` : count}
        {answer.cutValues > 0 && ` ${plural(answer.cutValues, 'long value')} ${answer.cutValues === 1 ? 'was' : 'were'} shortened (use substr or json_extract to read them).`}
      </p>
      {answer.columns.length > 0 && (
        <VirtualTable rows={rows} columns={columns} initialSort={{ key: '#', descending: false }} rowKey={(r) => String(r.index)} label="Query result" height={420} />
      )}
    </>
  );
}

function SchemaList({ api, jobId, onPick }: { api: AftermathApi; jobId: JobId; onPick: (table: string) => void }) {
  const [schema, setSchema] = useState<{ tables: [string, string[]][] } | { error: string }>();
  useEffect(() => {
    let current = true;
    api.queryCase(jobId, SCHEMA_SQL).then(
      (answer) => {
        if (!current) return;
        if (answer.status === 'error') return setSchema({ error: answer.message });
        const tables = new Map<string, string[]>();
        for (const [table, column] of answer.rows) tables.set(String(table), [...(tables.get(String(table)) ?? []), String(column)]);
        setSchema({ tables: [...tables] });
      },
      (e: unknown) => current && setSchema({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [api, jobId]);

  return (
    <aside className="sql-schema" aria-label="Tables">
      <h3>Tables</h3>
      {!schema && <p className="muted">Loading…</p>}
      {schema && 'error' in schema && <p role="alert" className="error">The table list could not be read: {schema.error}</p>}
      {schema && 'tables' in schema && (
        <dl>
          {schema.tables.map(([table, columns]) => (
            <div key={table}>
              <dt>
                <button title={`SELECT * FROM ${table}`} onClick={() => onPick(table)}>
                  {table}
                </button>
              </dt>
              <dd className="muted">{columns.join(', ')}</dd>
            </div>
          ))}
        </dl>
      )}
    </aside>
  );
}

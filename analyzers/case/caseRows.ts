import type { Database, SqlValue } from 'sql.js';
import { InputError } from '../core/inputError';
import type { CaseTable } from './caseSchema';

/**
 * Runs `work` against the case database and turns whatever SQLite throws (malformed pages, a column
 * someone dropped with sqlite3) into an InputError that names the file and the table.
 */
export function guardSql<T>(file: string, section: string, what: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `${what}: ${e instanceof Error ? e.message : String(e)}`, { section });
  }
}

/** One row of a case table, with accessors that check each cell's type and say where it is wrong. */
export class CaseRow {
  constructor(
    private readonly file: string,
    private readonly table: CaseTable,
    private readonly position: number,
    private readonly cells: ReadonlyMap<string, SqlValue>,
  ) {}

  text(column: string): string {
    const value = this.cell(column);
    if (typeof value !== 'string') throw this.wrongType(column, 'text', value);
    return value;
  }

  optionalText(column: string): string | undefined {
    const value = this.cell(column);
    return value === null ? undefined : this.text(column);
  }

  number(column: string): number {
    const value = this.cell(column);
    if (typeof value !== 'number') throw this.wrongType(column, 'a number', value);
    return value;
  }

  optionalNumber(column: string): number | undefined {
    const value = this.cell(column);
    return value === null ? undefined : this.number(column);
  }

  /** A cell that may hold text or a number; SQLite stores a NaN as NULL, so NULL reads back as NaN. */
  textOrNumber(column: string): string | number {
    const value = this.cell(column);
    if (value === null) return NaN;
    if (typeof value !== 'string' && typeof value !== 'number') throw this.wrongType(column, 'text or a number', value);
    return value;
  }

  /** An error about this row, for values of the right type but the wrong meaning. */
  invalid(reason: string): InputError {
    return new InputError(this.file, `${this.table} row ${this.position + 1}: ${reason}`, { section: this.table });
  }

  private cell(column: string): SqlValue {
    const value = this.cells.get(column);
    if (value === undefined) throw this.invalid(`has no column ${column}`);
    return value;
  }

  private wrongType(column: string, expected: string, value: SqlValue): InputError {
    const held = value === null ? 'NULL' : value instanceof Uint8Array ? 'a blob' : typeof value === 'string' ? 'text' : 'a number';
    return this.invalid(`column ${column} should hold ${expected} but holds ${held}`);
  }
}

/** Every row of a table in the given order, through one prepared statement that is always freed. */
export function readRows(db: Database, file: string, table: CaseTable, columns: readonly string[], orderBy: string): CaseRow[] {
  return guardSql(file, table, `table ${table} cannot be read`, () => {
    const statement = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${orderBy}`);
    try {
      const rows: CaseRow[] = [];
      while (statement.step()) {
        const values = statement.get();
        rows.push(new CaseRow(file, table, rows.length, new Map(columns.map((c, i) => [c, values[i]]))));
      }
      return rows;
    } finally {
      statement.free();
    }
  });
}

/**
 * Groups child rows by the parent row they reference (`keyOf` reads the reference). A child whose
 * parent is missing means the file was edited inconsistently (SQLite enforces foreign keys only when
 * asked), which is an error rather than a row to drop silently.
 */
export function groupByParent<K>(children: readonly CaseRow[], keyOf: (row: CaseRow) => K, parentKeys: ReadonlySet<K>, parentTable: CaseTable): Map<K, CaseRow[]> {
  const groups = new Map<K, CaseRow[]>();
  for (const child of children) {
    const key = keyOf(child);
    if (!parentKeys.has(key)) throw child.invalid(`refers to ${String(key)}, which is no row of ${parentTable}`);
    const group = groups.get(key);
    if (group) group.push(child);
    else groups.set(key, [child]);
  }
  return groups;
}

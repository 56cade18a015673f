/** Starting points for the SQL console, one per question a post-mortem usually asks first. */
export const SQL_EXAMPLES: readonly { label: string; sql: string }[] = [
  {
    label: 'Findings by severity',
    sql: `-- worst first; severity_rank is 0 = info … 4 = critical
SELECT severity, title, analysis, category
  FROM findings
 ORDER BY severity_rank DESC, ord;`,
  },
  {
    label: 'Evidence of high findings',
    sql: `SELECT f.title, e.label, e.value, e.unit
  FROM evidence e JOIN findings f ON f.ord = e.finding_ord
 WHERE f.severity IN ('high', 'critical')
 ORDER BY f.ord, e.ord;`,
  },
  {
    label: 'Inputs',
    sql: `SELECT file, format_label, size_bytes, complete
  FROM inputs
 ORDER BY ord;`,
  },
  {
    label: 'Leak clusters from the heap view via json_extract',
    sql: `-- each capability's view is one JSON document in the views table
SELECT json_extract(c.value, '$.className') AS class_name,
       json_extract(c.value, '$.count') AS count,
       json_extract(c.value, '$.objectCount') AS objects,
       json_extract(c.value, '$.retainedBytes') AS retained_bytes,
       json_extract(c.value, '$.signature') AS retainer_path
  FROM views v, json_each(v.json, '$.leaks.clusters') c
 WHERE v.capability = 'heap'
 ORDER BY c.key;`,
  },
];

/** Every table and its columns, in declaration order; the console lists them next to the editor. */
export const SCHEMA_SQL = `SELECT m.name AS table_name, p.name AS column_name
  FROM sqlite_master m JOIN pragma_table_info(m.name) p
 WHERE m.type = 'table'
 ORDER BY m.name, p.cid`;

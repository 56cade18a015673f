import { useState, type ReactNode } from 'react';

interface PerFile {
  file: string;
  complete?: boolean;
}

/**
 * One of a capability's per-file results at a time, chosen in a select that appears only when
 * there is more than one file; incomplete inputs say so in the list.
 */
export function useFilePicker<T extends PerFile>(items: readonly T[], label: string, initial = 0): { current: T | undefined; index: number; picker: ReactNode } {
  const [selected, setSelected] = useState(initial);
  const index = Math.min(selected, items.length - 1);
  const current = items[index];
  const picker =
    items.length > 1 ? (
      <label>
        {label}{' '}
        <select value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
          {items.map((item, i) => (
            <option key={item.file} value={i}>
              {item.file}
              {item.complete === false ? ' (incomplete)' : ''}
            </option>
          ))}
        </select>
      </label>
    ) : null;
  return { current, index, picker };
}

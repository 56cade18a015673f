import type { ReactNode } from 'react';
import type { ExplorerObject } from '../../../../../analyzers/heap/viewExplorer';
import { formatBytes, formatCount, formatPercent } from '../../../format';

/** DevTools' Distance column: `–` when nothing retains the object; `†` marks system roots only. */
export function distanceText(o: Pick<ExplorerObject, 'distance' | 'systemRootsOnly'>): string {
  if (o.distance === null) return '–';
  return `${formatCount(o.distance)}${o.systemRootsOnly ? ' †' : ''}`;
}

/** The size columns every object row shows. */
export function ObjectNumbers({ object }: { object: ExplorerObject }) {
  return (
    <>
      <span className="xcol num" title={object.systemRootsOnly ? 'Distance from the GC roots. †: reached only through system roots (V8 internals), from none of the program’s own objects' : 'Distance from the GC roots'}>
        {distanceText(object)}
      </span>
      <span className="xcol num">{formatBytes(object.selfBytes)}</span>
      <span className="xcol num">{formatBytes(object.retainedBytes)}</span>
      <span className="xcol num">{formatPercent(object.retainedPercent)}</span>
    </>
  );
}

/** The number columns' header; `title` (a tree's heading) in the name column's place, where "Object" is otherwise. */
export function ObjectNumbersHead({ title }: { title?: ReactNode }) {
  return (
    <div className="xrow xhead">
      {title ?? (
        <span className="xcol xname" aria-hidden="true">
          Object
        </span>
      )}
      <span className="xcol num" aria-hidden="true">Distance</span>
      <span className="xcol num" aria-hidden="true">Shallow</span>
      <span className="xcol num" aria-hidden="true">Retained</span>
      <span className="xcol num" aria-hidden="true">Retained %</span>
    </div>
  );
}

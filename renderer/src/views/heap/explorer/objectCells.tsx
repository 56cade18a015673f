import type { ExplorerObject } from '../../../../../analyzers/heap/viewExplorer';
import { formatBytes, formatCount, formatPercent } from '../../../format';

/** DevTools' Distance column: `–` when nothing retains the object; `†` marks system roots only. */
export function distanceText(o: Pick<ExplorerObject, 'distance' | 'systemRootsOnly'>): string {
  if (o.distance === null) return '–';
  return `${formatCount(o.distance)}${o.systemRootsOnly ? ' †' : ''}`;
}

/** A percentage of the heap, in the one percent style of every output. */
export const percentText = formatPercent;

/** The size columns every object row shows. */
export function ObjectNumbers({ object }: { object: ExplorerObject }) {
  return (
    <>
      <span className="xcol num" title={object.systemRootsOnly ? 'Distance from the GC roots. †: reached only through system roots (V8 internals), from none of the program’s own objects' : 'Distance from the GC roots'}>
        {distanceText(object)}
      </span>
      <span className="xcol num">{formatBytes(object.selfBytes)}</span>
      <span className="xcol num">{formatBytes(object.retainedBytes)}</span>
      <span className="xcol num">{percentText(object.retainedPercent)}</span>
    </>
  );
}

export function ObjectNumbersHead() {
  return (
    <div className="xrow xhead" aria-hidden="true">
      <span className="xcol xname">Object</span>
      <span className="xcol num">Distance</span>
      <span className="xcol num">Shallow</span>
      <span className="xcol num">Retained</span>
      <span className="xcol num">Retained %</span>
    </div>
  );
}

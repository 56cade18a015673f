import { Fragment, type ReactNode } from 'react';
import { useShowInHeap } from './showInHeap';

/** `@1234` in a label or a path step: a V8 object id (nodeLabel writes them so). */
const OBJECT_ID = /(^|[\s(])@(\d+)(?=$|[\s),.:;])/g;

/**
 * Text with every `@id` a link to that object in the heap explorer ("show in heap"), when the
 * case has one; otherwise the text as it is.
 */
export function IdLinks({ text }: { text: string }) {
  const show = useShowInHeap();
  if (!show) return <>{text}</>;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(OBJECT_ID)) {
    const start = (m.index ?? 0) + m[1].length;
    parts.push(text.slice(last, start));
    parts.push(<IdLink key={start} id={Number(m[2])} />);
    last = start + 1 + m[2].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

/** One object, `@id` or what `children` name it, as a link to it in the heap explorer when the case has one. */
export function IdLink({ id, children = `@${id}` }: { id: number; children?: ReactNode }) {
  const show = useShowInHeap();
  if (!show) return <>{children}</>;
  return (
    <button type="button" className="id-link" onClick={() => show(id)} title={`Show @${id} in the heap explorer`}>
      {children}
    </button>
  );
}

/** Example objects: `@1, @2, @3`, each a link. */
export function IdList({ ids }: { ids: readonly number[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && ', '}
          <IdLink id={id} />
        </Fragment>
      ))}
    </>
  );
}

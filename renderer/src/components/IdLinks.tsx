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
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(OBJECT_ID)) {
    const start = (m.index ?? 0) + m[1].length;
    parts.push(text.slice(last, start));
    const id = Number(m[2]);
    parts.push(
      <button key={start} type="button" className="id-link" onClick={() => show(id)} title={`Show @${id} in the heap explorer`}>
        @{id}
      </button>,
    );
    last = start + 1 + m[2].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

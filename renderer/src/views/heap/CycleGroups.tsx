import { isNotableCycle, MIN_INSTANCES } from '../../../../analyzers/heap/viewCycles';
import type { CycleGroup, CycleReport } from '../../../../analyzers/case/saved/heapView';
import { formatCount, plural } from '../../format';
import { StepPath } from '../../components/StepPath';
import { CodeEvidence } from './CodeLocationText';
import { Folded } from './Folded';
import { useDrawnWhenIdle } from '../../components/useDrawnWhenIdle';

const KIND_TEXT: Record<CycleGroup['kind'], string> = {
  'closure-self-capture': 'closure captures its owner',
  'same-class-mutual': 'instances reference each other',
};

function growth(c: CycleGroup): string {
  if (!c.instancesPerSnapshot || c.instancesPerSnapshot.length < 2) return 'one snapshot';
  return `${c.instancesPerSnapshot.map(formatCount).join(' → ')}${c.grows ? ' (growing)' : ''}`;
}

function CycleList({ groups, drawn }: { groups: readonly CycleGroup[]; drawn: boolean }) {
  return (
    <ol className="heap-cycles">
      {groups.map((c) => (
        <li key={`${c.kind}|${c.className}|${c.via}`}>
          <Folded
            drawn={drawn}
            summary={
              <>
                <span className="badge">{KIND_TEXT[c.kind]}</span> <strong>{c.className}</strong> via <code>{c.via}</code> —{' '}
                {plural(c.instances, 'instance')}, {growth(c)}
              </>
            }
            body={() => (
              <>
                <dl className="evidence">
                  <div>
                    <dt>Largest component</dt>
                    <dd>{plural(c.largestComponent, 'object')}</dd>
                  </div>
                  <div>
                    <dt>Example</dt>
                    <dd>@{c.exampleId}</dd>
                  </div>
                  <CodeEvidence location={c.location} />
                </dl>
                <StepPath label="The cycle" steps={c.cyclePath} />
                <StepPath label="What keeps it alive (shortest path from the GC roots)" steps={c.rootPath} />
              </>
            )}
          />
        </li>
      ))}
    </ol>
  );
}

/** Whose cycles were searched, in words: the bounded search says so; a case saved before it searched everything. */
function searchedText(cycles: CycleReport): string {
  const s = cycles.searched;
  if (!s) return 'the whole graph';
  const classes = s.classes.length === 0 ? 'none' : s.classes.slice(0, 5).join(', ') + (s.classes.length > 5 ? ` and ${s.classes.length - 5} more` : '');
  return `${plural(s.objects, 'object')}: those of the classes that grow across the snapshots (${classes}) and what they reference within two steps`;
}

/** Suspicious reference cycles: the kind, the cycle's edges, the path that keeps it alive, growth. */
export function CycleGroups({ cycles }: { cycles: CycleReport }) {
  // Only patterns that are findings lead; the runtime's own one-off cycles stay folded.
  const notable = cycles.groups.filter(isNotableCycle);
  const small = cycles.groups.filter((c) => !isNotableCycle(c));
  const drawn = useDrawnWhenIdle();
  return (
    <section aria-label="Reference cycles">
      <h3>Reference cycles</h3>
      <p className="muted">
        {cycles.file}: searched {searchedText(cycles)}: {plural(cycles.componentCount, 'strongly connected component')} of two
        or more objects (largest: {formatCount(cycles.largestComponent)}). A cycle is collected by V8 unless something outside it
        holds it: each one shows what does.
      </p>
      {cycles.groups.length === 0 ? (
        <p>No suspicious cycle.</p>
      ) : (
        <>
          <CycleList groups={notable} drawn={drawn} />
          {small.length > 0 && (
            <Folded
              drawn={drawn}
              summaryClass="muted"
              summary={
                <>
                  {plural(small.length, 'more cycle pattern')} with fewer than {MIN_INSTANCES} instances and no growth (mostly the runtime&apos;s own objects)
                </>
              }
              body={() => <CycleList groups={small} drawn={drawn} />}
            />
          )}
        </>
      )}
    </section>
  );
}

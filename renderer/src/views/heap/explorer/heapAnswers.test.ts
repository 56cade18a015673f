import { beforeAll, describe, expect, it } from 'vitest';
import type { AftermathApi } from '../../../../../analyzers/app/api/appApi';
import { HeapExplorer } from '../../../../../analyzers/heap/explorer/heapExplorer';
import { loadSample, SAMPLE_NAMES } from '../../../../../analyzers/heap/tests/fixtures';
import type { HeapQuery } from '../../../../../analyzers/heap/viewExplorer';
import { stubApi } from '../../report/stubApi';
import { classesQuery, HeapAnswers, heapAnswersOf, instancesQuery, objectQuery } from './heapAnswers';

const LAST = 2;
let explorer: HeapExplorer;
let asked: HeapQuery[];
let api: AftermathApi;

beforeAll(async () => {
  explorer = new HeapExplorer(await Promise.all(SAMPLE_NAMES.map((n) => loadSample(n))));
});

/** The analysis process's explorer over the three sample snapshots, counting the questions that reach it. */
function answersOverSamples(): HeapAnswers {
  asked = [];
  api = { ...stubApi('browser', () => Promise.reject(new Error('no export here'))), exploreHeap: async (_job, query) => (asked.push(query), explorer.answer(query)) };
  return new HeapAnswers(api, 'job-1');
}

const firstPlayer = async () => {
  const page = await explorer.answer({ kind: 'instances', snapshot: LAST, className: 'Player', offset: 0, limit: 1 });
  if (page.kind !== 'instances') throw new Error(JSON.stringify(page));
  return page.page.rows[0];
};

describe('the explorer’s answers kept in the page', () => {
  it('sends a question once: asked again while on its way or after, it is the same answer', async () => {
    const answers = answersOverSamples();
    const q = objectQuery(LAST, (await firstPlayer()).id);
    expect(answers.peek(q)).toBeUndefined();
    answers.prefetch(q);
    const [a, b] = await Promise.all([answers.ask(q), answers.ask(q)]);
    expect(a).toBe(b);
    expect(a).toEqual(await explorer.answer(q));
    expect(answers.peek(q)).toBe(a);
    expect(asked).toEqual([q]);
  });

  it('keeps an @id filter’s match and "show in heap"’s object as the object’s own question', async () => {
    const { id } = await firstPlayer();
    const byFilter = answersOverSamples();
    const classes = await byFilter.ask({ kind: 'classes', snapshot: LAST, filter: `@${id}` });
    expect(classes.kind === 'classes' && classes.match?.object.id).toBe(id);
    expect(byFilter.peek(objectQuery(LAST, id))).toEqual(await explorer.answer(objectQuery(LAST, id)));

    const byId = answersOverSamples();
    const found = await byId.ask({ kind: 'object', id });
    expect(found.kind === 'object' && found.snapshot).toBe(LAST);
    expect(byId.peek(objectQuery(LAST, id))).toBe(found);
    expect(asked).toHaveLength(1);
  });

  it('does not keep an error: asked again, the question goes to the process again', async () => {
    const answers = answersOverSamples();
    const q: HeapQuery = { kind: 'object', snapshot: 7, id: 1 };
    expect((await answers.ask(q)).kind).toBe('error');
    expect(answers.peek(q)).toBeUndefined();
    await answers.ask(q);
    expect(asked).toEqual([q, q]);
  });

  it('keeps the recent answers only', async () => {
    const answers = answersOverSamples();
    const page = await explorer.answer({ kind: 'instances', snapshot: LAST, className: 'Object', offset: 0, limit: 100 });
    const ids = page.kind === 'instances' ? page.page.rows.map((r) => r.id) : [];
    expect(ids.length).toBeGreaterThan(64);
    for (const id of ids) await answers.ask(objectQuery(LAST, id));
    expect(answers.peek(objectQuery(LAST, ids[0]))).toBeUndefined();
    expect(answers.peek(objectQuery(LAST, ids[ids.length - 1]))).toBeDefined();
  });

  it('is one store per job: what the Heap tabs ask ahead, the explorer finds (its own queries’ keys)', async () => {
    answersOverSamples();
    const ahead = heapAnswersOf(api, 'job-1');
    expect(heapAnswersOf(api, 'job-1')).toBe(ahead);
    await ahead.ask(classesQuery(LAST, ''));
    await ahead.ask(instancesQuery(LAST, 'Player', 0, undefined));
    const explorerAsks: HeapQuery[] = [
      { kind: 'classes', snapshot: LAST, filter: '' },
      { kind: 'instances', snapshot: LAST, className: 'Player', offset: 0, limit: 200 },
    ];
    for (const q of explorerAsks) expect(heapAnswersOf(api, 'job-1').peek(q)).toEqual(await explorer.answer(q));
    expect(asked).toHaveLength(2);
    // A new analysis of the case: a new job, nothing kept from the last one.
    const next = heapAnswersOf(api, 'job-2');
    expect(next).not.toBe(ahead);
    expect(next.peek(classesQuery(LAST, ''))).toBeUndefined();
  });

  it('fails a question, not its caller, when the bridge throws as it is called', async () => {
    const throwing: AftermathApi = {
      ...stubApi('desktop', () => Promise.reject(new Error('no export here'))),
      exploreHeap: () => {
        throw new TypeError('exploreHeap is not a function');
      },
    };
    const answers = new HeapAnswers(throwing, 'job-1');
    expect(() => answers.prefetch(classesQuery(LAST, ''))).not.toThrow();
    await expect(answers.ask(classesQuery(LAST, ''))).rejects.toThrow('exploreHeap is not a function');
  });
});


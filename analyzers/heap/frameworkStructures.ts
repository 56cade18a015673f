/**
 * Reference cycles that frameworks and the runtime build on purpose: structure, not findings
 * (memlab filters the same ones). Named so a reader of the cycle list sees what they are.
 */
/** V8's and Node's own objects (`system / Context`, `(closure)`, `InternalNode`). */
const RUNTIME_CLASS = /^(system \/ |\(|Internal|internal)/;

export const isRuntimeClass = (className: string): boolean => RUNTIME_CLASS.test(className);

const STRUCTURES: readonly { name: string; className: RegExp; via: RegExp }[] = [
  { name: 'React Fiber tree', className: /^FiberNode$/, via: /^\.(return|child|sibling|alternate)\b/ },
  { name: 'Redux Toolkit slice', className: /^Object$/, via: /^\.(reducer|caseReducers|getInitialState|selectors?)\b.*context\.slice\b/ },
  { name: 'Immer draft state', className: /^Object$/, via: /^\.(base_|copy_|draft_|parent_|scope_)/ },
  { name: 'React store/context', className: /^Object$/, via: /^\.(_currentValue|_currentValue2|_context|Provider|Consumer|store)\b/ },
  { name: 'Node module graph', className: /^Module$/, via: /^\.(children|parent)\b/ },
  { name: 'TypeScript syntax tree', className: /^(NodeObject|TokenObject|IdentifierObject|SymbolObject|SourceFileObject|TypeObject)$/, via: /^\.(parent|declarations|valueDeclaration|symbol|members|exports|locals|original)\b/ },
  { name: 'V8 / Node internals', className: RUNTIME_CLASS, via: /./ },
];

export function frameworkStructure(className: string, via: string): string | undefined {
  return STRUCTURES.find((s) => s.className.test(className) && s.via.test(via))?.name;
}

import { InputError } from '../core/inputError';
import { groupDigits } from '../core/numberFormat';
import type { V8AllocationTrace } from './allocationTrace';
import { closureLocations, completeRecords, type LocationsSpan } from './closureLocations';
import { EDGE_NAMES_OF_NOTE } from './edgeNamesOfNote';
import { GrowableNumbers, type NumberArray } from './growableNumbers';
import { asNode, edgeHasIndexName, typeIds, type GraphTopology, type HeapSnapshotData, type NodeIdColumns, type SnapshotTruncation } from './heapGraph';
import { badEscapeAt } from './jsonStringDecoder';
import { readSnapshotLayout, type SnapshotLayout } from './snapshotMeta';
import { shareableBuffer } from './sharedMemory';
import { StringTableWriter, type StringTable } from './stringTable';

// Byte values the tokenizer dispatches on.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const MINUS = 0x2d;
const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

// Top-level states and section modes.
const M_START = 0;
const M_KEY_OR_END = 1;
const M_KEY = 2;
const M_COLON = 3;
const M_AFTER_VALUE = 4;
const M_HEADER = 5;
const M_OPEN_ARRAY = 6;
const M_NODES = 7;
const M_EDGES = 8;
const M_NUMBERS = 9;
const M_TRACE_TREE = 10;
const M_STRINGS = 11;
const M_SKIP = 12;
const M_DONE = 13;
/** A number array left to another reader: only its end is looked for. */
const M_SKIP_ARRAY = 14;
/** `only` the edges, and they are read: the rest of the file is not looked at. */
const M_STOP = 15;

// What each node/edge field is stored as.
const F_TYPE = 0;
const F_NAME = 1;
const F_ID = 2;
const F_SELF_SIZE = 3;
const F_EDGE_COUNT = 4;
const F_TRACE_NODE_ID = 5;
const F_DETACHEDNESS = 6;
const F_TO_NODE = 7;
const F_IGNORED = 8;

// String-array sub-states.
const S_VALUE_OR_END = 0;
const S_IN_STRING = 1;
const S_AFTER_VALUE = 2;
const S_VALUE = 3;

const UINT32_MAX = 0xffffffff;

const MAX_NODES = 0x7fffffff;

/**
 * Who reads the `edges` section, the largest of the file: this parser (`here`), another one on a
 * helper thread at the same time (`elsewhere`: this one only finds where the section ends and is
 * handed the columns, `adoptEdges`), or this one is that other reader (`only`: the header, then the
 * edges; the nodes are skipped and nothing after the edges is read).
 */
export type EdgesReading = 'here' | 'elsewhere' | 'only';

/** The `edges` section's columns, as a reader with `only` delivers them. */
export interface ParsedEdges {
  edgeType: Uint8Array;
  edgeNameOrIndex: Uint32Array;
  edgeToNode: Uint32Array;
  /** The largest name_or_index per edge type (see `edgeNameMax`). */
  edgeNameMax: Float64Array;
  /** Offsets in the content of the section's first byte after `[` and of its `]`: both readers must agree on them. */
  start: number;
  end: number;
}

/**
 * `elsewhere`: the graph's shape but for the edges' columns, and where the section lies, as soon as
 * this parser has read the file (`shapeBeforeEdges`): the other reader, which has the columns, can
 * start on the graph once its own section is the same (start and end), without waiting for this
 * thread to adopt them.
 */
export interface ShapeBeforeEdges {
  topology: Omit<GraphTopology, 'edgeType' | 'edgeToNode'>;
  start: number;
  end: number;
}

/** A parsed snapshot but for its edges (`finishNodes`): enough for what needs only the objects and their names. */
export type SnapshotNodes = Omit<HeapSnapshotData, 'firstEdge' | 'edgeType' | 'edgeToNode' | 'edgeNameOrIndex'>;

/** Sections the parser stores numbers for; any other top-level key is skipped. */
export type NumberSection = 'trace_function_infos' | 'samples' | 'locations';

/**
 * A push parser for V8 heap snapshots: feed it the file's bytes chunk by chunk and it writes the
 * nodes and edges straight into typed arrays, never holding the file (or a section) as one string.
 * It is a hand-written tokenizer for the snapshot's JSON shape rather than a general JSON parser:
 * the hot loops (nodes, edges) only ever see digits, commas and whitespace.
 */
export class SnapshotStreamParser {
  private offset = 0;
  private mode = M_START;
  private section = 'top level';
  private key = '';
  private keyBytes: number[] = [];
  private arrayMode = M_NUMBERS;

  private headerParts: Buffer[] = [];
  private headerStart = 0;
  private braceDepth = 0;
  private inString = false;
  private escaped = false;

  private layout: SnapshotLayout | null = null;
  private nodeFieldCount = 0;
  private edgeFieldCount = 0;
  private nodeFieldKind = new Uint8Array(0);
  private edgeFieldKind = new Uint8Array(0);
  private nodeTypeCount = 0;
  private edgeTypeCount = 0;

  private nodeType: Uint8Array = new Uint8Array(0);
  private nodeName = new Uint32Array(0);
  private nodeId = new Uint32Array(0);
  private nodeSelfSize = new Float64Array(0);
  private nodeTraceNodeId: Uint32Array | null = null;
  private nodeDetachedness: Uint8Array | null = null;
  /** One node's fields, for the whole-record path of `readNodes`. */
  private nodeRecord = new Float64Array(0);
  private firstEdge: Uint32Array = new Uint32Array(1);
  private edgeType: Uint8Array = new Uint8Array(0);
  private edgeNameOrIndex: Uint32Array = new Uint32Array(0);
  private edgeToNode: Uint32Array = new Uint32Array(0);
  /**
   * The largest name_or_index per edge type, kept while reading: the strings come after the edges,
   * so `finish` checks string names against the table with these few maxima and walks the edges
   * only to name the first bad one.
   */
  private edgeNameMax: Float64Array = new Float64Array(0);
  private strings = new StringTableWriter(0);

  // Number tokenizer state, carried across chunks.
  private value = 0;
  private negative = false;
  private inNumber = false;
  private needValue = true;
  private field = 0;
  private record = 0;
  private edgeSum = 0;
  private topologySections = 0;

  private numbers = new Map<NumberSection, GrowableNumbers>();
  private currentNumbers: GrowableNumbers | null = null;

  private traceValues = new GrowableNumbers();
  private traceParents = new GrowableNumbers();
  private traceStack: number[] = [];
  private tracePending = 0;
  private traceAwaitsChildren = false;

  private stringState = S_VALUE_OR_END;
  private stringHasEscape = false;
  private stringStart = 0;

  private skipDepth = 0;
  private skipScalar = false;

  /** Where the array being read starts (the byte after its `[`) and, once read, where its `]` is. */
  private arrayStart = 0;
  private arrayEnd = 0;
  /** `elsewhere`: where the section this parser skipped lies, once its end is found. */
  private edgesSpan: { start: number; end: number } | null = null;
  /** `elsewhere`: columns handed over before this parser has the nodes and the edges' span. */
  private offeredEdges: ParsedEdges | null = null;
  private edgesAdopted = false;
  /** `finishNodes`, once it succeeded. */
  private nodes: SnapshotNodes | null = null;
  /** `leaveLocations`: where the section lies, once its `[` is read (its `]` once found). */
  private locationsSpan: LocationsSpan | null = null;

  private readonly seen = new Set<string>();

  constructor(
    private readonly file: string,
    /** Decompressed size when known (plain files): lets an absurd node_count fail before allocating. */
    private readonly knownSizeBytes?: number,
    /**
     * Called once, when `nodes` and `edges` are both read and checked: the work that needs only the
     * graph's shape can start while the rest of the file is still being read.
     */
    private readonly onTopology?: (topology: GraphTopology) => void,
    private readonly edgesReading: EdgesReading = 'here',
    /** Called once, when `nodes` is read and checked: the objects' types and ids, before the rest of the file. */
    private readonly onNodeIds?: (columns: NodeIdColumns) => void,
    /**
     * Asked when the `locations` section is reached: true to only find it, not read it (`locationsLeft`).
     * A snapshot that may never be indexed needs none of it, and it is a fifth of a parse (a number
     * per field of every closure and constructed object, in doubles until the columns are built).
     */
    private readonly leaveLocations: () => boolean = () => false,
  ) {}

  /**
   * A section of numbers read alone (`content`: what lies between its `[` and its `]`, or its `[` and
   * the file's end when the section is not `whole`), with the checks and error offsets of a read in
   * place, `offset` being where `content` starts in the file's content.
   */
  static numbersAt(file: string, section: NumberSection, content: Buffer, offset: number, whole: boolean, sizeHint?: number): NumberArray {
    const parser = new SnapshotStreamParser(file);
    const list = new GrowableNumbers(sizeHint);
    parser.section = section;
    parser.offset = offset;
    parser.currentNumbers = list;
    parser.mode = M_NUMBERS;
    parser.push(content);
    if (parser.mode !== M_NUMBERS) parser.fail(`the "${section}" section ends before the end it had when the file was read: has the file changed?`, 0);
    if (whole) parser.push(Buffer.from(']'));
    return list.view();
  }

  /** `leaveLocations`: where the `locations` section lies in the content (null when the file has none). */
  get locationsLeft(): LocationsSpan | null {
    const span = this.locationsSpan;
    if (!span || span.whole) return span;
    // The file stops inside the section (whose complete records are kept) or before its `[` (none).
    return this.mode === M_SKIP_ARRAY ? { ...span, start: this.arrayStart, end: this.offset } : null;
  }

  /** `elsewhere`: the edges section was reached here, and no columns for it are adopted yet. */
  get awaitsEdges(): boolean {
    return this.edgesReading === 'elsewhere' && this.seen.has('edges') && !this.edgesAdopted;
  }

  /**
   * `elsewhere`: the columns another reader parsed. They are taken once this parser has read the
   * nodes and found the end of the edges section where the other reader found it; then the
   * topology is complete (`onTopology`). Columns of a section elsewhere are ignored.
   */
  adoptEdges(edges: ParsedEdges): void {
    this.offeredEdges = edges;
    this.takeOfferedEdges();
  }

  private takeOfferedEdges(): void {
    const edges = this.offeredEdges;
    const span = this.edgesSpan;
    if (!edges || !span || this.topologySections < 2 || this.edgesAdopted) return;
    this.offeredEdges = null;
    if (edges.start !== span.start || edges.end !== span.end) return;
    this.edgeType = edges.edgeType;
    this.edgeNameOrIndex = edges.edgeNameOrIndex;
    this.edgeToNode = edges.edgeToNode;
    this.edgeNameMax = edges.edgeNameMax;
    this.edgesAdopted = true;
    this.onTopology?.(this.topology());
  }

  /** `elsewhere`: the nodes read and the edges' section found whole (see ShapeBeforeEdges); null before. */
  shapeBeforeEdges(): ShapeBeforeEdges | null {
    const span = this.edgesSpan;
    if (this.edgesReading !== 'elsewhere' || !span || this.topologySections < 2) return null;
    const { edgeType: _type, edgeToNode: _toNode, ...topology } = this.topology();
    return { topology, start: span.start, end: span.end };
  }

  /** `only`: the edges, once read; at the end of a file that stops before they are whole, the error a read here would give. */
  parsedEdges(): ParsedEdges {
    if (this.mode !== M_STOP) {
      if (this.mode !== M_DONE) this.truncation();
      throw new InputError(this.file, 'has no "edges" section', { section: 'edges', byteOffset: this.offset });
    }
    return { edgeType: this.edgeType, edgeNameOrIndex: this.edgeNameOrIndex, edgeToNode: this.edgeToNode, edgeNameMax: this.edgeNameMax, start: this.arrayStart, end: this.arrayEnd };
  }

  /** `only`: nothing after the edges is read. */
  get edgesRead(): boolean {
    return this.mode === M_STOP;
  }

  /** Bytes consumed so far, in the decompressed content. */
  get bytesParsed(): number {
    return this.offset;
  }

  get currentSection(): string {
    return this.section;
  }

  push(chunk: Buffer): void {
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      switch (this.mode) {
        case M_NODES:
          pos = this.readNodes(chunk, pos);
          break;
        case M_EDGES:
          pos = this.readEdges(chunk, pos);
          break;
        case M_STRINGS:
          pos = this.readStrings(chunk, pos);
          break;
        case M_NUMBERS:
          pos = this.readNumbers(chunk, pos);
          break;
        case M_TRACE_TREE:
          pos = this.readTraceTree(chunk, pos);
          break;
        case M_HEADER:
          pos = this.readHeader(chunk, pos);
          break;
        case M_SKIP:
          pos = this.skipValue(chunk, pos);
          break;
        case M_SKIP_ARRAY:
          pos = this.skipArray(chunk, pos);
          break;
        case M_STOP:
          pos = n;
          break;
        default:
          pos = this.readStructure(chunk, pos);
      }
    }
    this.offset += n;
  }

  /**
   * A bad type within the first nodes means the array is not laid out as meta.node_fields says
   * (a field added or removed by a tool): every later value is misread, so say that, not the symptom.
   */
  private badNodeType(node: number, value: number, nodeTypeCount: number): string {
    const symptom = `node ${node} has unknown type index ${value} (meta lists ${nodeTypeCount} node types)`;
    if (node >= 16) return symptom;
    const fields = this.layout!.nodeFields;
    return `the nodes array does not match meta.node_fields (${fields.length} fields per node: ${fields.join(', ')}): was a field added to or removed from the meta? (${symptom})`;
  }

  private fail(reason: string, pos: number, section = this.section): never {
    throw new InputError(this.file, reason, { section, byteOffset: this.offset + pos });
  }

  /** The object/key/colon/comma structure between sections. */
  private readStructure(b: Buffer, pos: number): number {
    const n = b.length;
    for (; pos < n; pos++) {
      const c = b[pos];
      if (this.mode === M_KEY) {
        if (c === QUOTE) {
          this.key = Buffer.from(this.keyBytes).toString('utf8');
          this.mode = M_COLON;
        } else if (c === BACKSLASH || this.keyBytes.length > 256) {
          this.fail('unexpected top-level key', pos, 'top level');
        } else this.keyBytes.push(c);
        continue;
      }
      if (isSpace(c)) continue;
      switch (this.mode) {
        case M_START:
          if (c !== OPEN_BRACE) this.fail('not a V8 heap snapshot: expected "{" at the start (is this JSON?)', pos, 'top level');
          this.mode = M_KEY_OR_END;
          break;
        case M_KEY_OR_END:
          if (c === CLOSE_BRACE) {
            this.mode = M_DONE;
            this.section = 'end of file';
          } else if (c === QUOTE) {
            this.keyBytes = [];
            this.mode = M_KEY;
          } else this.fail(`expected a section name, found ${describeByte(c)}`, pos, 'top level');
          break;
        case M_COLON:
          if (c !== COLON) this.fail(`expected ":" after "${this.key}"`, pos, 'top level');
          return this.beginValue(pos + 1);
        case M_AFTER_VALUE:
          if (c === COMMA) this.mode = M_KEY_OR_END;
          else if (c === CLOSE_BRACE) {
            this.mode = M_DONE;
            this.section = 'end of file';
          } else this.fail(`expected "," or "}" after section, found ${describeByte(c)}`, pos);
          break;
        case M_OPEN_ARRAY:
          if (c !== OPEN_BRACKET) this.fail(`expected "[" to start the ${this.section} array, found ${describeByte(c)}`, pos);
          this.mode = this.arrayMode;
          this.arrayStart = this.offset + pos + 1;
          return pos + 1;
        case M_DONE:
          this.fail(`unexpected ${describeByte(c)} after the end of the snapshot`, pos, 'end of file');
      }
    }
    return pos;
  }

  private beginValue(pos: number): number {
    const key = this.key;
    this.section = key;
    if (this.seen.has(key)) this.fail(`section "${key}" appears twice`, pos);
    this.seen.add(key);
    this.inNumber = false;
    this.needValue = true;
    this.value = 0;
    this.negative = false;
    this.field = 0;
    this.record = 0;
    switch (key) {
      case 'snapshot':
        this.mode = M_HEADER;
        this.headerStart = this.offset + pos;
        this.braceDepth = 0;
        this.inString = false;
        this.escaped = false;
        break;
      case 'nodes':
      case 'edges':
        if (!this.layout) this.fail(`the "${key}" section comes before the "snapshot" header with its meta`, pos);
        if (key === 'edges' && !this.seen.has('nodes')) this.fail('the "edges" section comes before "nodes"', pos);
        this.openArray((key === 'nodes' ? this.edgesReading === 'only' : this.edgesReading === 'elsewhere') ? M_SKIP_ARRAY : key === 'nodes' ? M_NODES : M_EDGES);
        break;
      case 'strings':
        this.stringState = S_VALUE_OR_END;
        // V8 writes the strings last: the rest of a plain file bounds the section.
        this.strings = new StringTableWriter(this.knownSizeBytes === undefined ? 0 : this.knownSizeBytes - this.offset - pos, EDGE_NAMES_OF_NOTE);
        this.openArray(M_STRINGS);
        break;
      case 'trace_tree':
        this.traceStack = [];
        this.mode = M_TRACE_TREE;
        break;
      case 'trace_function_infos':
      case 'samples':
      case 'locations': {
        // V8 writes a location per closure and per object made by a JS constructor: sized for them,
        // the list is not regrown (the doublings' copies cost more than reading it; room not written
        // to is never touched, so it costs no memory).
        const sizeHint = key === 'locations' && this.layout ? this.functionMadeCount() * this.layout.locationFields.length : undefined;
        if (key === 'locations' && this.leaveLocations()) {
          this.locationsSpan = { start: -1, end: -1, whole: false, fields: this.layout?.locationFields ?? [], nodeFieldCount: this.nodeFieldCount, sizeHint };
          this.openArray(M_SKIP_ARRAY);
          break;
        }
        const list = new GrowableNumbers(sizeHint);
        this.numbers.set(key, list);
        this.currentNumbers = list;
        this.openArray(M_NUMBERS);
        break;
      }
      default:
        this.mode = M_SKIP;
        this.skipDepth = 0;
        this.skipScalar = false;
        this.inString = false;
        this.escaped = false;
    }
    return pos;
  }

  /** Closures and objects among the nodes read (0 before `nodes`): those V8 may write a location for. */
  private functionMadeCount(): number {
    const types = this.layout?.nodeTypes ?? [];
    const closure = types.indexOf('closure');
    const object = types.indexOf('object');
    const nodeType = this.nodeType;
    let count = 0;
    for (let i = 0; i < nodeType.length; i++) if (nodeType[i] === closure || nodeType[i] === object) count++;
    return count;
  }

  private openArray(mode: number): void {
    this.arrayMode = mode;
    this.mode = M_OPEN_ARRAY;
  }

  private endSection(): void {
    this.mode = M_AFTER_VALUE;
  }

  private endTopologySection(): void {
    this.endSection();
    if (++this.topologySections < 2) return;
    if (this.edgesReading === 'here') this.onTopology?.(this.topology());
    else if (this.edgesReading === 'only') this.mode = M_STOP;
    else this.takeOfferedEdges();
  }

  /**
   * A number array another reader parses, or one left in the file (`leaveLocations`): numbers, commas
   * and whitespace hold no `]`, so the first one ends it (that reader checks what lies before it, and
   * this parser the section after it).
   */
  private skipArray(b: Buffer, pos: number): number {
    const end = b.indexOf(CLOSE_BRACKET, pos);
    if (end < 0) return b.length;
    this.arrayEnd = this.offset + end;
    if (this.section === 'locations') {
      this.locationsSpan = { ...this.locationsSpan!, start: this.arrayStart, end: this.arrayEnd, whole: true };
      this.endSection();
    } else {
      if (this.section === 'edges') this.edgesSpan = { start: this.arrayStart, end: this.arrayEnd };
      this.endTopologySection();
    }
    return end + 1;
  }

  private topology(): GraphTopology {
    const layout = this.layout!;
    return {
      nodeTypes: layout.nodeTypes,
      edgeTypes: layout.edgeTypes,
      nodeCount: layout.nodeCount,
      edgeCount: layout.edgeCount,
      nodeType: this.nodeType,
      firstEdge: this.firstEdge,
      edgeType: this.edgeType,
      edgeToNode: this.edgeToNode,
      // V8 writes the synthetic root first.
      rootIndex: asNode(0),
    };
  }

  /** The small `snapshot` object (meta and counts): captured whole and handed to JSON.parse. */
  private readHeader(b: Buffer, pos: number): number {
    const start = pos;
    const n = b.length;
    for (; pos < n; pos++) {
      const c = b[pos];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.braceDepth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.braceDepth--;
        if (this.braceDepth === 0) {
          this.headerParts.push(b.subarray(start, pos + 1));
          this.finishHeader(pos);
          this.endSection();
          return pos + 1;
        }
        if (this.braceDepth < 0) this.fail('unbalanced brackets in the snapshot header', pos);
      } else if (this.braceDepth === 0 && !isSpace(c)) this.fail('the "snapshot" header is not an object', pos);
      if (this.offset + pos - this.headerStart > 1 << 24) this.fail('the snapshot header is larger than 16 MiB', pos);
    }
    this.headerParts.push(Buffer.from(b.subarray(start, n)));
    return n;
  }

  private finishHeader(pos: number): void {
    const text = Buffer.concat(this.headerParts).toString('utf8');
    this.headerParts = [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError(this.file, `the snapshot header is not valid JSON (${(e as Error).message})`, {
        section: 'snapshot',
        byteOffset: this.headerStart,
      });
    }
    const layout = readSnapshotLayout(json, this.file, this.headerStart);
    if (layout.nodeCount > MAX_NODES || layout.edgeCount > UINT32_MAX) {
      this.fail(`node_count ${groupDigits(layout.nodeCount)} / edge_count ${groupDigits(layout.edgeCount)} are beyond what a V8 heap can hold`, pos, 'snapshot');
    }
    const minBytes = layout.nodeCount * layout.nodeFields.length * 2 + layout.edgeCount * layout.edgeFields.length * 2;
    if (this.knownSizeBytes !== undefined && minBytes > this.knownSizeBytes) {
      this.fail(
        `snapshot says ${groupDigits(layout.nodeCount)} nodes and ${groupDigits(layout.edgeCount)} edges, which cannot fit in a ${groupDigits(this.knownSizeBytes)}-byte file: it is cut short (or its header is damaged), and without the whole object graph there is nothing to analyse`,
        pos,
        'snapshot',
      );
    }
    this.layout = layout;
    this.nodeFieldCount = layout.nodeFields.length;
    this.edgeFieldCount = layout.edgeFields.length;
    this.nodeTypeCount = layout.nodeTypes.length;
    this.edgeTypeCount = layout.edgeTypes.length;
    const fi = layout.nodeFieldIndex;
    this.nodeFieldKind = new Uint8Array(this.nodeFieldCount).fill(F_IGNORED);
    this.nodeRecord = new Float64Array(this.nodeFieldCount);
    this.nodeFieldKind[fi.type] = F_TYPE;
    this.nodeFieldKind[fi.name] = F_NAME;
    this.nodeFieldKind[fi.id] = F_ID;
    this.nodeFieldKind[fi.selfSize] = F_SELF_SIZE;
    this.nodeFieldKind[fi.edgeCount] = F_EDGE_COUNT;
    // Without allocation tracking every trace_node_id is 0: not stored (4 bytes a node).
    const tracked = fi.traceNodeId >= 0 && layout.traceFunctionCount > 0;
    if (tracked) this.nodeFieldKind[fi.traceNodeId] = F_TRACE_NODE_ID;
    if (fi.detachedness >= 0) this.nodeFieldKind[fi.detachedness] = F_DETACHEDNESS;
    const ei = layout.edgeFieldIndex;
    this.edgeFieldKind = new Uint8Array(this.edgeFieldCount).fill(F_IGNORED);
    this.edgeFieldKind[ei.type] = F_TYPE;
    this.edgeFieldKind[ei.nameOrIndex] = F_NAME;
    this.edgeFieldKind[ei.toNode] = F_TO_NODE;

    const nc = layout.nodeCount;
    this.edgeNameMax = new Float64Array(layout.edgeTypes.length);
    // The columns a helper thread reads while this one computes dominators (graphIndexes.ts), and
    // the ones the cycle search reads beside the other analyses (cycleSearchThread.ts), live on
    // shared memory, so that handing them over copies nothing. Those another reader fills are not allocated here.
    if (this.edgesReading !== 'elsewhere') {
      const ec = layout.edgeCount;
      this.edgeType = new Uint8Array(shareableBuffer(ec));
      this.edgeNameOrIndex = new Uint32Array(shareableBuffer(ec * 4));
      this.edgeToNode = new Uint32Array(shareableBuffer(ec * 4));
    }
    if (this.edgesReading === 'only') return;
    this.nodeType = new Uint8Array(shareableBuffer(nc));
    this.nodeName = new Uint32Array(nc);
    this.nodeId = new Uint32Array(nc);
    this.nodeSelfSize = new Float64Array(nc);
    this.nodeTraceNodeId = tracked ? new Uint32Array(nc) : null;
    this.nodeDetachedness = fi.detachedness >= 0 ? new Uint8Array(nc) : null;
    this.firstEdge = new Uint32Array(shareableBuffer((nc + 1) * 4));
  }

  /** The hot loop: `nodes` is a flat list of non-negative integers, `nodeFieldCount` per node. */
  private readNodes(b: Buffer, pos: number): number {
    const n = b.length;
    const fieldCount = this.nodeFieldCount;
    const kinds = this.nodeFieldKind;
    const nodeCount = this.layout!.nodeCount;
    const nodeTypeCount = this.nodeTypeCount;
    const nodeType = this.nodeType;
    const nodeName = this.nodeName;
    const nodeId = this.nodeId;
    const nodeSelfSize = this.nodeSelfSize;
    const firstEdge = this.firstEdge;
    let edgeSum = this.edgeSum;
    let value = this.value;
    let inNumber = this.inNumber;
    let needValue = this.needValue;
    let field = this.field;
    let node = this.record;
    let ended = false;
    // As for edges: a node record that lies well inside the chunk is read in one go, and stored
    // only if every value passes the checks; otherwise the byte path reads it and says what is wrong.
    const fi = this.layout!.nodeFieldIndex;
    const record = this.nodeRecord;
    const traceNodeId = this.nodeTraceNodeId;
    const detachedness = this.nodeDetachedness;
    const fastEnd = n - 24 * fieldCount;
    for (; pos < n; pos++) {
      let c = b[pos];
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (!inNumber) {
          if (!needValue) this.fail('missing "," between numbers', pos);
          if (field === 0 && pos < fastEnd && node < nodeCount) {
            let p = pos;
            let f = 0;
            for (; f < fieldCount; f++) {
              if (c < DIGIT_0 || c > DIGIT_9) break;
              let v = 0;
              do {
                v = v * 10 + (c - DIGIT_0);
                c = b[++p];
              } while (c >= DIGIT_0 && c <= DIGIT_9);
              record[f] = v;
              if (f < fieldCount - 1) {
                if (c !== COMMA) break;
                c = b[++p];
              }
            }
            const edges = edgeSum + record[fi.edgeCount];
            if (
              f === fieldCount &&
              p < n &&
              record[fi.type] < nodeTypeCount &&
              record[fi.name] <= UINT32_MAX &&
              record[fi.id] <= UINT32_MAX &&
              record[fi.selfSize] <= Number.MAX_SAFE_INTEGER &&
              edges <= UINT32_MAX
            ) {
              nodeType[node] = record[fi.type];
              nodeName[node] = record[fi.name];
              nodeId[node] = record[fi.id];
              nodeSelfSize[node] = record[fi.selfSize];
              edgeSum = edges;
              firstEdge[node + 1] = edges;
              if (traceNodeId) traceNodeId[node] = record[fi.traceNodeId] > UINT32_MAX ? 0 : record[fi.traceNodeId];
              if (detachedness) detachedness[node] = record[fi.detachedness] > 255 ? 0 : record[fi.detachedness];
              node++;
              needValue = false;
              pos = p - 1; // the byte after the record is handled by the loop
              continue;
            }
            c = b[pos];
          }
          inNumber = true;
          needValue = false;
        }
        value = value * 10 + (c - DIGIT_0);
        continue;
      }
      if (inNumber) {
        if (node >= nodeCount) this.fail(`more nodes than snapshot.node_count (${groupDigits(nodeCount)})`, pos);
        switch (kinds[field]) {
          case F_TYPE:
            if (value >= nodeTypeCount) this.fail(this.badNodeType(node, value, nodeTypeCount), pos);
            nodeType[node] = value;
            break;
          case F_NAME:
            if (value > UINT32_MAX) this.fail(`node ${node} has an out-of-range name index ${value}`, pos);
            nodeName[node] = value;
            break;
          case F_ID:
            if (value > UINT32_MAX) this.fail(`node ${node} has an id ${value} beyond 32 bits`, pos);
            nodeId[node] = value;
            break;
          case F_SELF_SIZE:
            if (value > Number.MAX_SAFE_INTEGER) this.fail(`node ${node} has an impossible self_size`, pos);
            nodeSelfSize[node] = value;
            break;
          case F_EDGE_COUNT:
            edgeSum += value;
            if (edgeSum > UINT32_MAX) this.fail('the nodes\' edge_count values add up to more than 2^32 edges', pos);
            firstEdge[node + 1] = edgeSum;
            break;
          case F_TRACE_NODE_ID:
            this.nodeTraceNodeId![node] = value > UINT32_MAX ? 0 : value;
            break;
          case F_DETACHEDNESS:
            this.nodeDetachedness![node] = value > 255 ? 0 : value;
            break;
        }
        value = 0;
        inNumber = false;
        if (++field === fieldCount) {
          field = 0;
          node++;
        }
      }
      if (c === COMMA) {
        if (needValue) this.fail('unexpected ","', pos);
        needValue = true;
      } else if (c === CLOSE_BRACKET) {
        if (needValue && (node > 0 || field > 0)) this.fail('unexpected "]" after ","', pos);
        ended = true;
        pos++;
        break;
      } else if (!isSpace(c)) this.fail(`expected a non-negative integer, found ${describeByte(c)}`, pos);
    }
    this.value = value;
    this.inNumber = inNumber;
    this.needValue = needValue;
    this.field = field;
    this.record = node;
    this.edgeSum = edgeSum;
    if (ended) {
      if (field !== 0) this.fail(`the nodes array ends in the middle of a node (${field} of ${fieldCount} fields)`, pos - 1);
      if (node !== nodeCount) this.fail(`the nodes array holds ${groupDigits(node)} nodes but snapshot.node_count is ${groupDigits(nodeCount)}`, pos - 1);
      if (this.edgeSum !== this.layout!.edgeCount) {
        this.fail(`the nodes' edge_count values add up to ${groupDigits(this.edgeSum)} but snapshot.edge_count is ${groupDigits(this.layout!.edgeCount)}`, pos - 1);
      }
      this.onNodeIds?.({ nodeTypes: this.layout!.nodeTypes, nodeType: this.nodeType, nodeId: this.nodeId, nodeCount });
      this.endTopologySection();
    }
    return pos;
  }

  /**
   * The other hot loop: `edges`, with `to_node` converted from a field offset to a node index.
   * The typed arrays are held in locals and `to_node / nodeFieldCount` is a multiplication by the
   * reciprocal: per number, property loads and an integer division and modulo cost more than the
   * tokenizing itself (11 M edges in a 250 MB snapshot).
   */
  private readEdges(b: Buffer, pos: number): number {
    const n = b.length;
    const fieldCount = this.edgeFieldCount;
    const nodeFieldCount = this.nodeFieldCount;
    const inverseNodeFieldCount = 1 / nodeFieldCount;
    const kinds = this.edgeFieldKind;
    const edgeCount = this.layout!.edgeCount;
    const edgeTypeCount = this.edgeTypeCount;
    const toNodeLimit = this.layout!.nodeCount * nodeFieldCount;
    const edgeType = this.edgeType;
    const edgeNameOrIndex = this.edgeNameOrIndex;
    const edgeToNode = this.edgeToNode;
    const edgeNameMax = this.edgeNameMax;
    let value = this.value;
    let inNumber = this.inNumber;
    let needValue = this.needValue;
    let field = this.field;
    let edge = this.record;
    let ended = false;
    // V8 writes every edge as `type,name_or_index,to_node`: when a record starts well inside the
    // chunk, it is read in one go. Anything unusual (other field order, whitespace inside a record,
    // a value that fails a check) falls back to the byte-at-a-time path from the same position,
    // which then reports the exact error.
    const standard = fieldCount === 3 && kinds[0] === F_TYPE && kinds[1] === F_NAME && kinds[2] === F_TO_NODE;
    const fastEnd = n - 40;
    for (; pos < n; pos++) {
      let c = b[pos];
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (!inNumber) {
          if (!needValue) this.fail('missing "," between numbers', pos);
          if (standard && field === 0 && pos < fastEnd && edge < edgeCount) {
            // Records follow each other as `,type,name,to\n`: once one is read, the next is read
            // here too, without a round trip through the byte loop for the newline and the comma.
            let p = pos;
            let done = pos; // the byte after the last record stored here
            for (;;) {
              let type = 0;
              do {
                type = type * 10 + (c - DIGIT_0);
                c = b[++p];
              } while (c >= DIGIT_0 && c <= DIGIT_9);
              if (c !== COMMA || type >= edgeTypeCount) break;
              c = b[++p];
              if (c < DIGIT_0 || c > DIGIT_9) break;
              let name = 0;
              do {
                name = name * 10 + (c - DIGIT_0);
                c = b[++p];
              } while (c >= DIGIT_0 && c <= DIGIT_9);
              if (c !== COMMA || name > UINT32_MAX) break;
              c = b[++p];
              if (c < DIGIT_0 || c > DIGIT_9) break;
              let to = 0;
              do {
                to = to * 10 + (c - DIGIT_0);
                c = b[++p];
              } while (c >= DIGIT_0 && c <= DIGIT_9);
              const target = Math.round(to * inverseNodeFieldCount);
              if (to >= toNodeLimit || target * nodeFieldCount !== to || p >= n) break;
              edgeType[edge] = type;
              edgeNameOrIndex[edge] = name;
              edgeToNode[edge] = target;
              if (name > edgeNameMax[type]) edgeNameMax[type] = name;
              edge++;
              done = p;
              if (p >= fastEnd || edge >= edgeCount) break;
              if (c === NEWLINE) c = b[++p];
              if (c !== COMMA) break;
              c = b[++p];
              if (c < DIGIT_0 || c > DIGIT_9) break;
            }
            if (done !== pos) {
              needValue = false;
              pos = done - 1; // the byte after the last record is handled by the loop
              continue;
            }
            c = b[pos];
          }
          inNumber = true;
          needValue = false;
        }
        value = value * 10 + (c - DIGIT_0);
        continue;
      }
      if (inNumber) {
        if (edge >= edgeCount) this.fail(`more edges than snapshot.edge_count (${groupDigits(edgeCount)})`, pos);
        const kind = kinds[field];
        if (kind === F_TO_NODE) {
          const target = Math.round(value * inverseNodeFieldCount);
          if (value >= toNodeLimit) this.fail(`edge ${edge} points to to_node ${value}, past the last node (${groupDigits(toNodeLimit / nodeFieldCount)} nodes)`, pos);
          if (target * nodeFieldCount !== value) this.fail(`edge ${edge} has to_node ${value}, not a multiple of the node field count ${nodeFieldCount}`, pos);
          edgeToNode[edge] = target;
        } else if (kind === F_NAME) {
          if (value > UINT32_MAX) this.fail(`edge ${edge} has an out-of-range name_or_index ${value}`, pos);
          edgeNameOrIndex[edge] = value;
        } else if (kind === F_TYPE) {
          if (value >= edgeTypeCount) this.fail(`edge ${edge} has unknown type index ${value} (meta lists ${edgeTypeCount} edge types)`, pos);
          edgeType[edge] = value;
        }
        value = 0;
        inNumber = false;
        if (++field === fieldCount) {
          if (edgeNameOrIndex[edge] > edgeNameMax[edgeType[edge]]) edgeNameMax[edgeType[edge]] = edgeNameOrIndex[edge];
          field = 0;
          edge++;
        }
      }
      if (c === COMMA) {
        if (needValue) this.fail('unexpected ","', pos);
        needValue = true;
      } else if (c === CLOSE_BRACKET) {
        if (needValue && (edge > 0 || field > 0)) this.fail('unexpected "]" after ","', pos);
        ended = true;
        pos++;
        break;
      } else if (!isSpace(c)) this.fail(`expected a non-negative integer, found ${describeByte(c)}`, pos);
    }
    this.value = value;
    this.inNumber = inNumber;
    this.needValue = needValue;
    this.field = field;
    this.record = edge;
    if (ended) {
      this.arrayEnd = this.offset + pos - 1;
      if (field !== 0) this.fail(`the edges array ends in the middle of an edge (${field} of ${fieldCount} fields)`, pos - 1);
      if (edge !== edgeCount) this.fail(`the edges array holds ${groupDigits(edge)} edges but snapshot.edge_count is ${groupDigits(edgeCount)}`, pos - 1);
      this.endTopologySection();
    }
    return pos;
  }

  /** Flat integer sections of allocation timelines (may hold negative numbers in some V8 versions). */
  private readNumbers(b: Buffer, pos: number): number {
    const n = b.length;
    const out = this.currentNumbers!;
    // The tokenizer's state and the list's array in locals, stored back when the chunk or the
    // section ends: a property store per byte and a call per number cost more than the tokenizing
    // (a million objects' locations are four million numbers).
    let data = out.data;
    let wide = data instanceof Float64Array;
    let length = out.length;
    let value = this.value;
    let inNumber = this.inNumber;
    let negative = this.negative;
    let needValue = this.needValue;
    let ended = false;
    for (; pos < n; pos++) {
      const c = b[pos];
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (!inNumber) {
          if (!needValue) this.fail('missing "," between numbers', pos);
          inNumber = true;
          needValue = false;
        }
        value = value * 10 + (c - DIGIT_0);
        continue;
      }
      if (c === MINUS && !inNumber && !negative) {
        negative = true;
        continue;
      }
      if (inNumber) {
        if (length === data.length) {
          out.length = length;
          data = out.grow();
        }
        const v = negative ? -value : value;
        if (!wide && (v | 0) !== v) {
          out.length = length;
          data = out.widen();
          wide = true;
        }
        data[length++] = v;
        value = 0;
        inNumber = false;
        negative = false;
      } else if (negative) this.fail('"-" without digits', pos);
      if (c === COMMA) {
        if (needValue) this.fail('unexpected ","', pos);
        needValue = true;
      } else if (c === CLOSE_BRACKET) {
        if (needValue && length > 0) this.fail('unexpected "]" after ","', pos);
        ended = true;
        pos++;
        break;
      } else if (!isSpace(c)) this.fail(`expected an integer, found ${describeByte(c)}`, pos);
    }
    out.length = length;
    this.value = value;
    this.inNumber = inNumber;
    this.negative = negative;
    this.needValue = needValue;
    if (ended) this.endSection();
    return pos;
  }

  /**
   * `trace_tree` nests: each array holds trace nodes as `id, function_info_index, count, size,
   * [children]`. It is flattened in pre-order with a parent index per trace node.
   */
  private readTraceTree(b: Buffer, pos: number): number {
    const n = b.length;
    const perNode = Math.max(1, (this.layout?.traceNodeFields.length ?? 5) - 1);
    for (; pos < n; pos++) {
      const c = b[pos];
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (this.traceStack.length === 0) this.fail('trace_tree must be an array', pos);
        this.inNumber = true;
        this.value = this.value * 10 + (c - DIGIT_0);
        continue;
      }
      if (c === MINUS && !this.inNumber) {
        this.negative = true;
        continue;
      }
      if (this.inNumber) {
        this.traceValues.push(this.negative ? -this.value : this.value);
        this.value = 0;
        this.inNumber = false;
        this.negative = false;
        if (++this.tracePending === perNode) {
          this.tracePending = 0;
          this.traceParents.push(this.traceStack[this.traceStack.length - 1]);
          this.traceAwaitsChildren = true;
        }
      }
      if (c === OPEN_BRACKET) {
        if (this.traceStack.length === 0) this.traceStack.push(-1);
        else {
          if (!this.traceAwaitsChildren) this.fail('a children array in trace_tree is not preceded by its trace node', pos);
          this.traceStack.push(this.traceParents.length - 1);
        }
        this.traceAwaitsChildren = false;
      } else if (c === CLOSE_BRACKET) {
        if (this.tracePending !== 0) this.fail('a trace node in trace_tree has too few fields', pos);
        this.traceStack.pop();
        this.traceAwaitsChildren = false;
        if (this.traceStack.length === 0) {
          this.endSection();
          return pos + 1;
        }
      } else if (c !== COMMA && !isSpace(c)) this.fail(`unexpected ${describeByte(c)} in trace_tree`, pos);
    }
    return pos;
  }

  /**
   * The string table: the section's bytes are copied as they are (StringTableWriter) and each
   * string's quotes found with the chunk's native indexOf (a quote or a backslash byte is never part
   * of a multi-byte UTF-8 character); no JS string is made, per entry or of the chunk (a latin1 copy
   * of each chunk, searched as a string, cost a 286 MiB snapshot ~9 k page faults of fresh pages and
   * ~0.2 s of system time). Escapes are checked here, so a malformed one is refused as before,
   * naming the string and the byte.
   */
  private readStrings(b: Buffer, pos: number): number {
    const table = this.strings;
    const base = table.byteLength - pos;
    table.append(b, pos, b.length);
    const end = b.length;
    let state = this.stringState;
    let backslash = -1;
    let i = pos;
    while (i < end) {
      if (state === S_IN_STRING) {
        let from = i;
        if (this.escaped) {
          this.escaped = false;
          from++;
        }
        let quote = b.indexOf(QUOTE, from);
        if (quote < 0) quote = end;
        if (backslash < from) {
          backslash = b.indexOf(BACKSLASH, from);
          if (backslash < 0) backslash = end;
        }
        while (backslash < quote) {
          this.stringHasEscape = true;
          if (backslash + 1 >= end) {
            this.escaped = true;
            break;
          }
          const next = backslash + 2;
          if (quote === backslash + 1) {
            quote = b.indexOf(QUOTE, next);
            if (quote < 0) quote = end;
          }
          backslash = b.indexOf(BACKSLASH, next);
          if (backslash < 0) backslash = end;
        }
        if (quote >= end) {
          i = end;
          break;
        }
        if (this.stringHasEscape) this.checkEscapes(base + quote);
        table.close(base + quote, this.stringHasEscape);
        state = S_AFTER_VALUE;
        i = quote + 1;
        continue;
      }
      const c = b[i];
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (state === S_AFTER_VALUE) {
        if (c === COMMA) state = S_VALUE;
        else if (c === CLOSE_BRACKET) return this.endStrings(base + i + 1, i + 1);
        else this.fail(`expected "," or "]" in strings, found ${describeByte(c)}`, i);
      } else if (c === QUOTE) {
        state = S_IN_STRING;
        this.stringHasEscape = false;
        this.escaped = false;
        this.stringStart = this.offset + i;
        table.open(base + i);
      } else if (c === CLOSE_BRACKET && state === S_VALUE_OR_END) return this.endStrings(base + i + 1, i + 1);
      else this.fail(`expected a string, found ${describeByte(c)}`, i);
      i++;
    }
    this.stringState = state;
    return i;
  }

  private endStrings(tableEnd: number, pos: number): number {
    this.strings.truncate(tableEnd);
    this.endSection();
    return pos;
  }

  /** The string closing at `quote` (an offset in the table) has escapes: each must be well formed. */
  private checkEscapes(quote: number): void {
    const table = this.strings;
    const bad = badEscapeAt(table.view, table.openedAt + 1, quote);
    if (bad >= 0) {
      throw new InputError(this.file, `string ${table.count} has a malformed escape`, { section: 'strings', byteOffset: this.stringStart + 1 + bad });
    }
  }

  /** Any section this parser does not know: skipped without storing it, strings and nesting respected. */
  private skipValue(b: Buffer, pos: number): number {
    const n = b.length;
    for (; pos < n; pos++) {
      const c = b[pos];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.skipDepth === 0) {
            this.endSection();
            return pos + 1;
          }
        }
        continue;
      }
      if (this.skipScalar) {
        if (c === COMMA || c === CLOSE_BRACE || isSpace(c)) {
          this.endSection();
          return pos;
        }
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.skipDepth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--this.skipDepth === 0) {
          this.endSection();
          return pos + 1;
        }
        if (this.skipDepth < 0) this.fail('unbalanced brackets', pos);
      } else if (this.skipDepth === 0 && !isSpace(c)) this.skipScalar = true;
    }
    return pos;
  }

  /**
   * Call after the last chunk: checks that the snapshot is consistent. A file that stops early (a
   * copy cut short, a dump interrupted) yields its graph when `nodes` and `edges` are whole — the
   * sections after them (allocation trace, strings) only name things — with the names it lost
   * marked and `truncation` set; one cut before the graph is whole is refused, saying what it holds.
   */
  finish(): HeapSnapshotData {
    if (this.awaitsEdges) throw new Error('the edges section was left to another reader, and its columns were never adopted');
    const nodes = this.finishNodes();
    const { edgeTypes, edgeCount, strings } = nodes;
    const stringCount = strings.length;
    const ids = typeIds(nodes);
    const nameIsIndex = new Uint8Array(edgeTypes.length);
    let namesPastTable = false;
    for (let t = 0; t < edgeTypes.length; t++) {
      nameIsIndex[t] = edgeHasIndexName(ids, t) ? 1 : 0;
      if (nameIsIndex[t] === 0 && this.edgeNameMax[t] >= stringCount) namesPastTable = true;
    }
    const edgeType = this.edgeType;
    const edgeName = this.edgeNameOrIndex;
    for (let e = 0; namesPastTable && e < edgeCount; e++) {
      if (nameIsIndex[edgeType[e]] === 0 && edgeName[e] >= stringCount) {
        throw new InputError(this.file, `edge ${e} (${edgeTypes[edgeType[e]]}) names string ${edgeName[e]} but there are ${groupDigits(stringCount)} strings`, {
          section: 'edges',
          byteOffset: this.offset,
        });
      }
    }
    return { ...nodes, ...this.topology(), edgeNameOrIndex: this.edgeNameOrIndex };
  }

  /** `elsewhere`: the whole file was read here (not cut short), so `finishNodes` can run before the edges are adopted. */
  get nodesComplete(): boolean {
    return this.mode === M_DONE;
  }

  /**
   * Everything but the edges, checked (`finish`'s checks, in its order, up to the edges' names):
   * `elsewhere`, it can be done while the other reader still reads the edges. Once it succeeds it
   * is not done again; a check that fails is made again by `finish`, after the edges' own.
   */
  finishNodes(): SnapshotNodes {
    if (this.nodes) return this.nodes;
    const truncation = this.mode === M_DONE ? undefined : this.truncation();
    const layout = this.layout;
    for (const required of ['snapshot', 'nodes', 'edges', 'strings']) {
      if (!this.seen.has(required) && !(truncation && required === 'strings')) {
        throw new InputError(this.file, `has no "${required}" section`, { section: required, byteOffset: this.offset });
      }
    }
    if (!layout) throw new InputError(this.file, 'has no snapshot header', { section: 'snapshot', byteOffset: 0 });
    const strings = this.strings.finish(truncation ? this.markLostNames(truncation) : 0);
    const stringCount = strings.length;
    const nodeName = this.nodeName;
    for (let i = 0; i < layout.nodeCount; i++) {
      if (nodeName[i] >= stringCount) {
        throw new InputError(this.file, `node ${i} (id ${this.nodeId[i]}) names string ${nodeName[i]} but there are ${groupDigits(stringCount)} strings`, {
          section: 'nodes',
          byteOffset: this.offset,
        });
      }
    }
    this.nodes = {
      file: this.file,
      nodeTypes: layout.nodeTypes,
      edgeTypes: layout.edgeTypes,
      nodeCount: layout.nodeCount,
      edgeCount: layout.edgeCount,
      nodeType: this.nodeType,
      nodeName,
      nodeId: this.nodeId,
      nodeSelfSize: this.nodeSelfSize,
      nodeTraceNodeId: this.nodeTraceNodeId,
      nodeDetachedness: this.nodeDetachedness,
      rootIndex: asNode(0),
      strings,
      // A trace cut short (or whose names are lost) would attribute allocations wrongly: left out.
      allocationTrace: truncation ? null : this.allocationTrace(layout, strings),
      ...(truncation ? { truncation } : {}),
      closureLocations: this.locationsSpan ? null : closureLocations(this.file, layout.locationFields, this.locations(layout.locationFields.length, truncation), this.nodeFieldCount, layout.nodeCount),
    };
    return this.nodes;
  }

  /** The closures' locations; in a file cut inside them, the complete records before the cut. */
  private locations(fieldCount: number, truncation: SnapshotTruncation | undefined): NumberArray {
    // Read once into the closures' columns, then dropped with the parser: not copied first.
    const flat = this.numbers.get('locations')?.view() ?? new Int32Array(0);
    return truncation ? completeRecords(flat, fieldCount) : flat;
  }

  /** Where a file that stops early stops; refused unless the graph (nodes and edges) is whole. */
  private truncation(): SnapshotTruncation {
    if (this.mode === M_START) throw new InputError(this.file, 'is empty or has only whitespace', { section: this.section, byteOffset: this.offset });
    const inside = this.mode === M_KEY_OR_END || this.mode === M_AFTER_VALUE || this.mode === M_KEY || this.mode === M_COLON ? `after the "${this.section}" section` : `inside the "${this.section}" section`;
    const where = { section: this.section, byteOffset: this.offset };
    const layout = this.layout;
    if (!layout) throw new InputError(this.file, `ends early, ${inside} before the snapshot header is complete (truncated file?): there is nothing to analyse`, where);
    if (this.topologySections < 2) {
      const read = this.mode === M_NODES ? `${groupDigits(this.record)} of ${groupDigits(layout.nodeCount)} nodes` : this.mode === M_EDGES ? `all ${groupDigits(layout.nodeCount)} nodes, ${groupDigits(this.record)} of ${groupDigits(layout.edgeCount)} edges` : 'the header';
      throw new InputError(
        this.file,
        `ends early, ${inside} (truncated file?): it holds ${read} and no names; an object graph with references missing gives wrong retained sizes and paths, so it is not analysed`,
        where,
      );
    }
    return { section: this.section, inside: inside.startsWith('inside'), byteOffset: this.offset, namesRead: this.strings.count, namesLost: 0 };
  }

  /**
   * The strings come last: the ones a cut file lost are named as lost, one shared placeholder per
   * index, so every node and edge still has a name and none is mistaken for another class.
   */
  private markLostNames(truncation: SnapshotTruncation): number {
    const read = this.strings.count;
    let needed = read;
    const nodeName = this.nodeName;
    for (let i = 0; i < nodeName.length; i++) if (nodeName[i] >= needed) needed = nodeName[i] + 1;
    const ids = typeIds(this.layout!);
    for (let t = 0; t < this.edgeNameMax.length; t++) {
      if (!edgeHasIndexName(ids, t) && this.edgeNameMax[t] >= needed) needed = this.edgeNameMax[t] + 1;
    }
    // A damaged name index (a flipped digit: 4000000000) would ask for billions of placeholders: no
    // table holds more names than nodes and edges can refer to, and the checks after this name the culprit.
    needed = Math.min(needed, read + this.layout!.nodeCount + this.layout!.edgeCount);
    truncation.namesLost = needed - read;
    return truncation.namesLost;
  }

  private allocationTrace(layout: SnapshotLayout, strings: StringTable): V8AllocationTrace | null {
    const infos = this.numbers.get('trace_function_infos')?.toArray() ?? new Float64Array(0);
    const traceCount = this.traceParents.length;
    if (infos.length === 0 && traceCount <= 1) return null;
    const fnFields = layout.traceFunctionInfoFields;
    if (fnFields.length > 0 && infos.length % fnFields.length !== 0) {
      throw new InputError(this.file, `trace_function_infos holds ${groupDigits(infos.length)} numbers, not a multiple of ${fnFields.length} fields`, {
        section: 'trace_function_infos',
        byteOffset: this.offset,
      });
    }
    const parents = this.traceParents.toArray();
    return {
      functionInfoFields: fnFields,
      functionInfos: infos,
      functionCount: fnFields.length ? infos.length / fnFields.length : 0,
      traceNodeFields: layout.traceNodeFields.slice(0, -1),
      traceNodes: this.traceValues.toArray(),
      traceNodeParent: Int32Array.from(parents),
      traceNodeCount: traceCount,
      sampleFields: layout.sampleFields,
      samples: this.numbers.get('samples')?.toArray() ?? new Float64Array(0),
      strings,
      nodeTraceNodeId: this.nodeTraceNodeId,
    };
  }
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

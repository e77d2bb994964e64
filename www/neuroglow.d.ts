// Types for neuroglow's public API (www/neuroglow.js). No build step: import the module as it is,
//
//   import { mount } from './neuroglow/www/neuroglow.js';
//   const pg = await mount(document.getElementById('net'), { task: 'xor3', controls: ['step', 'play', 'reset'] });
//   pg.on('cycle', ({ loss }) => { if (loss < 0.1) pg.pause(); });
//
// and, for editors, point at this file with `/** @type {import('./neuroglow/www/neuroglow.js')} */`
// or a `/// <reference path>`. Options mirror the URL parameters of index.html one for one (the
// table in www/core/config.js); the URL name is given as `URL:` where it differs.

/** The tasks mount() can show: the XOR playgrounds, MNIST, and draw-a-digit. */
export type Task = 'xor3' | 'xor2' | 'mnist' | 'draw';
export type XorTask = 'xor3' | 'xor2';
export type Preset = '3b1b' | 'modern';
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear';
/** Output layers may also use softmax (MNIST's modern preset). */
export type OutputActivation = Activation | 'softmax';
export type LossName = 'squared_error' | 'cross_entropy';
export type Palette = 'green-red' | 'blue-orange';
/** The page's languages: English, Spanish, German (www/lang/<code>.json). */
export type Language = 'en' | 'es' | 'de';
export type StepKind = 'phase' | 'example' | 'cycle';

/** Parts of an XOR playground that `controls` shows and `hide` hides. */
export type Part =
  | 'step' | 'example' | 'cycle' | 'play' | 'reset'
  | 'speed' | 'schedule' | 'rewind'
  | 'share' | 'embed' | 'record' | 'image' | 'palette'
  | 'status' | 'legend'
  | 'chart' | 'examples' | 'probe' | 'settings';
/**
 * Parts of a draw playground that `controls` shows and `hide` hides: the 28×28 image the network
 * sees, the model menu, the network drawing, and the "See how it sees" strip under the pad (a
 * button that opens the four preprocessing steps). The pad, Undo/Clear, the guess and the bars
 * always show.
 */
export type DrawPart = 'seen' | 'model' | 'network' | 'steps';

/** Settings of the network. Changing one rebuilds the network (cycle 0). */
export interface NetworkSettings {
  /** Neurons per hidden layer, e.g. [4] or [4, 3]; [] for none. Default [4]. URL: `hidden=4,3` (`hidden=none`). */
  hidden?: number[];
  /** Hidden layers' activation. Default 'sigmoid'. */
  activation?: Activation;
  /** Output layer's activation. Default 'sigmoid'. URL: `output`. */
  outputActivation?: OutputActivation;
  /** Default 'squared_error'; 'cross_entropy' needs a sigmoid output. */
  loss?: LossName;
  /** Biases on the neurons. Default false for xor3 (the source), true for xor2. URL: `bias=1|0`. */
  bias?: boolean;
  /** First weights: 'uniform' (−1..1, the source), 'xavier' or 'he'. Default 'uniform'. */
  init?: 'uniform' | 'xavier' | 'he';
  /** Default 'sgd'. */
  optimizer?: 'sgd' | 'momentum' | 'adam';
  /** 0 < rate ≤ 100. Default 1. URL: `lr`. */
  learningRate?: number;
  /** 0 ≤ m < 1 (also Adam's β1). Default 0.9. */
  momentum?: number;
  /** Examples per weight update, 1–1024. Default 1. URL: `batch`. */
  batchSize?: number;
  /** Learning rate × this after every cycle, 0 < d ≤ 1. Default 1. URL: `decay`. */
  lrDecay?: number;
  /** Seed of the random first weights: the same settings and seed give the same run. Default 1. */
  seed?: number;
  /**
   * MNIST only: the network to start from, '3b1b' (784-16-16-10 sigmoid, squared error, SGD at
   * 3, batches of 10: 13,002 parameters; the default) or 'modern' (784-128-64-10 ReLU, softmax,
   * cross-entropy, momentum). The other network settings default to the preset's.
   */
  preset?: Preset;
}

/** Settings that change how the playground looks and plays; they apply at once. */
export interface ViewSettings {
  /** Playing speed 1–10. Default 5. */
  speed?: number;
  /** Play the source video's schedule: slow first cycles, then jumps (2, 10, 20, 50, … 60,000). Default true. */
  schedule?: boolean;
  /** Synapse colours. 'blue-orange' stays readable with red-green colour blindness. Default 'green-red'. */
  palette?: Palette;
  /** Numbers on the canvas (activations, output, error box). Default true. */
  values?: boolean;
}

export interface MountOptions extends NetworkSettings, ViewSettings {
  /**
   * What the network learns. Default 'xor3' (the source's 3-input XOR with a 3-4-1 network).
   * 'mnist' resolves with an MnistPlayground, 'draw' with a DrawPlayground. Each task takes the
   * settings that apply to it (MNIST: the network settings, `start` and `embed`; draw: `model`,
   * `embed`, `controls` and `hide`); others
   * are refused by mount() and ignored with a warning in the URL.
   */
  task?: Task;
  /** Draw a digit only: the shipped trained network that reads the drawing. Default 'modern' (98.2 % of the test digits; '3b1b': 92.6 %). */
  model?: Preset;
  /**
   * The language of every word the playground shows and announces, and of its numbers
   * (Intl.NumberFormat: 0.5 is "0,5" in German and Spanish). Default: the page's language when
   * another playground already set it, else `?lang=` (with `url: true`), else the first of the
   * browser's languages (navigator.languages) that neuroglow speaks, else 'en'. A region reads as
   * its language ('de-AT' → 'de'). One language per page: asking for another than the page shows
   * is refused. Share and Embed links carry it (`lang=de`). Errors thrown to your code (a bad
   * option) and URL warnings are worded in it too; option names and values stay as you write them.
   */
  lang?: Language;
  /** MNIST and draw only: false leaves out the section's own heading and introduction. Default true. mount() only. */
  heading?: boolean;
  /**
   * Compact layout for an <iframe> (in index.html, without the page's header, tabs and footer).
   * XOR: the canvas and the chosen controls only. Draw: the pad, Undo/Clear, the guess and the
   * bars, plus the chosen controls. MNIST: the section without its heading. Default false.
   * URL: `embed` or `embed=1`.
   */
  embed?: boolean;
  /**
   * XOR and draw. Parts shown: true (all; the default), false (none) or a list (XOR: Part, draw:
   * DrawPart). With `embed` the default is ['step', 'play', 'reset'] for XOR and [] for draw.
   * URL: `controls=step,play,reset`, `controls=network`, `all`, `none`.
   */
  controls?: boolean | Part[] | DrawPart[];
  /** XOR and draw. Parts hidden from those `controls` shows. Default []. URL: `hide=record,share`, `hide=network`. */
  hide?: Part[] | DrawPart[];
  /** 'playing' starts playing once mounted. Default 'paused'. */
  start?: 'paused' | 'playing';
  /** Space plays/pauses, Right arrow steps: when the playground has 'focus' (default), on the whole 'page', or off (false / 'off'). */
  keyboard?: 'focus' | 'page' | 'off' | false;
  /**
   * Read settings from the page URL too (they override these options; bad ones are ignored with
   * a visible warning) and keep the URL in step with the settings (history.replaceState).
   * One playground per page. Default false. mount() only.
   */
  url?: boolean;
  /** The page Share and Embed links open. Default: this page with `url: true`, else neuroglow's index.html. mount() only. */
  appUrl?: string | URL | null;
}

/** Every setting with its value (what `settings()` returns and the 'settings' event carries). */
export type Settings = Required<Omit<MountOptions, 'url' | 'appUrl' | 'controls' | 'hide' | 'keyboard' | 'preset' | 'model' | 'heading'>> & {
  controls: Part[];
  hide: Part[];
  keyboard: 'focus' | 'page' | 'off';
};

/** The settings of an MNIST playground (what its settings() returns). */
export type MnistSettings = Required<Omit<NetworkSettings, 'preset'>> & { task: 'mnist'; preset: Preset; start: 'paused' | 'playing'; embed: boolean; palette: Palette };
/** The settings of a draw playground. */
export interface DrawSettings { task: 'draw'; model: Preset; palette: Palette; embed: boolean; controls: DrawPart[]; hide: DrawPart[] }

/** Where training is. Returned by step(), state() and carried by 'step' and 'cycle' events. */
export interface State {
  task: XorTask;
  /** Completed cycles (a cycle shows every training example once). */
  cycle: number;
  /** 0-based position in the cycle of the example shown or in progress. */
  example: number;
  exampleCount: number;
  phase: 'idle' | 'present' | 'forward' | 'error' | 'backward' | 'update';
  /** The weight layer a forward/backward phase is at (0 joins the input to the first hidden layer). */
  layer?: number | null;
  inProgress: boolean;
  /** Showing a new situation (think()) rather than training. */
  probing: boolean;
  /** The average error (mean loss) of the last completed cycle; undefined before the first. */
  loss?: number | null;
  /** Loss of the example being shown (after its error phase). */
  exampleLoss: number;
  /** Why training diverged, when it did (then Reset or rewind). */
  diverged?: string | null;
  /** Snapshots kept for rewind(). */
  snapshotCount: number;
  /** Only from state(): whether it is playing / recording. */
  playing?: boolean;
  recording?: boolean;
}

/** The network in use, as the core built it. */
export interface Info {
  task: XorTask | 'mnist' | 'images';
  /** Layer sizes, input to output, e.g. [3, 4, 1]. */
  sizes: number[];
  /** Activation of each weight layer. */
  activations: OutputActivation[];
  loss: LossName;
  bias: boolean;
  learningRate: number;
  batchSize: number;
  seed: number;
  parameterCount: number;
  optimizer: 'sgd' | 'momentum' | 'adam';
  init: 'uniform' | 'xavier' | 'he';
  momentum: number;
  lrDecay: number;
  currentLearningRate: number;
}

export interface Examples {
  inputs: number[][];
  targets: number[][];
}

/** Event payloads, by name. */
export interface EventMap {
  /** After every step (Step button, step(), play). */
  step: State;
  /** When the cycle count changed: after a step that ended a cycle, or a training slice (train() and fast play train many cycles per event). `loss` is the last cycle's average error. */
  cycle: State;
  /** Training diverged (weights became infinite); the playground pauses. */
  diverged: { message: string; state: State };
  /** The network answered an input: predict() (thought: false) or think() / Ask the network (thought: true). */
  prediction: { input: number[]; output: number[]; thought: boolean };
  play: { reason: 'user'; state: State };
  /** `reason`: 'user' (Pause, pause(), a step), 'end' (the schedule reached cycle 60,000), 'diverged'. */
  pause: { reason: 'user' | 'end' | 'diverged'; state: State };
  reset: State;
  /** Settings changed (configure(), the Settings panel, speed, schedule, palette). */
  settings: Settings;
  /**
   * Recording started ({ recording: true, mimeType, type, extension }) or stopped
   * ({ recording: false, blob, seconds, mimeType, type, extension }). `mimeType` is what the
   * MediaRecorder was asked for (e.g. 'video/webm;codecs=vp9', 'video/mp4;codecs=avc1'), `type`
   * the file's container type, `extension` the file name's. A recording that produced no video
   * (the browser wrote an empty file) stops with `error` (its message) and no `blob`.
   */
  recording: {
    recording: boolean;
    mimeType?: string;
    type?: 'video/webm' | 'video/mp4';
    extension?: 'webm' | 'mp4';
    blob?: Blob;
    seconds?: number;
    error?: string;
  };
}
export type EventName = keyof EventMap;

/** A mounted playground. Several on one page are independent. */
export interface Playground {
  /** One step: a phase (present, forward per layer, error, backward per layer, update), a whole example, or a whole cycle. Pauses playing. */
  step(kind?: StepKind): State;
  /** Plays (with the schedule when it is on). */
  play(): void;
  /** Pauses playing and stops a train() in progress. */
  pause(): void;
  /** Back to cycle 0 with the same settings (the same seed: the same first weights). */
  reset(): State;
  /** Trains `cycles` more cycles without animating each, yielding to the page; resolves with the state reached (early if paused). */
  train(options: { cycles: number }): Promise<State>;
  /** The network's outputs for an input (nothing is learned); fires 'prediction'. Throws for a wrong-sized input. */
  predict(input: number[]): number[];
  /** Like predict(), but shows the signal passing forward layer by layer. */
  think(input: number[]): Promise<number[]>;
  state(): State;
  info(): Info;
  examples(): Examples;
  /** Changes settings; network settings rebuild the network, the others apply live. Settings not given keep their values (a new task starts from its defaults). Throws, changing nothing, when refused. */
  configure(settings: Omit<NetworkSettings, 'preset'> & ViewSettings & { task?: XorTask }): Info;
  /** Every setting in use. */
  settings(): Settings;
  /** Warnings about URL parameters that were ignored (with `url: true`). */
  warnings(): string[];
  /** Cycles at which rewind snapshots exist. */
  snapshots(): number[];
  /** Goes back to snapshot `index` (of snapshots()). */
  rewind(index: number): State;
  /** Where a neuron is drawn on the canvas (CSS pixels). */
  neuronAt(layer: number, index: number): { x: number; y: number; r: number };
  /** A link opening these settings in the full playground (what Share copies). */
  link(): string;
  /** An <iframe> snippet with these settings in the embed layout (what Embed offers). */
  embedCode(options?: { controls?: Part[]; width?: number; height?: number }): string;
  /**
   * Records the canvas as WebM (VP9, VP8 or plain WebM) or, where the browser records no WebM
   * (Safari), as MP4 (H.264); the 'recording' event says which ({ mimeType, type, extension }).
   * Plays with the schedule unless told otherwise. Throws where recording is unsupported.
   */
  startRecording(options?: { play?: boolean; schedule?: boolean }): void;
  /**
   * Stops recording and playing; resolves with the video (type 'video/webm' or 'video/mp4', as
   * the 'recording' event said), also offered for download as .webm or .mp4. Rejects when the
   * browser wrote no video data (the page says so too). Recording also stops by itself when the
   * schedule reaches cycle 60,000; stopRecording() then resolves with that video.
   */
  stopRecording(): Promise<Blob>;
  /** The current frame as a PNG (downloaded unless { download: false }). */
  saveImage(options?: { download?: boolean }): Promise<Blob>;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void;
  /** Removes the playground from the page and frees its network. */
  destroy(): void;
  readonly task: XorTask;
  /** The playground's root element. */
  readonly element: HTMLElement;
}

/** How well an MNIST network reads the 10,000 test digits. */
export interface Evaluation {
  /** Share of the test digits read right, 0..1. */
  accuracy: number;
  /** Mean loss on the test digits. */
  loss: number;
  /** Test images evaluated. */
  count: number;
  /** 10 × 10 counts, row-major: confusion[true * 10 + guess]. */
  confusion: number[];
  /** Accuracy per digit. */
  perClass: number[];
  /** Indices of (the first) misread test images, and the network's guesses for them. */
  mistakes: number[];
  guesses: number[];
  mistakeLabels: number[];
  /** Epochs trained when evaluated. */
  epochs: number;
  reason?: string;
}

/** Where an MNIST playground is (state()). */
export interface MnistState {
  task: 'mnist';
  /** The data is loaded and the network can train. */
  ready: boolean;
  /** Why loading failed, or null. */
  error: string | null;
  loading: { loaded: number; total: number } | null;
  playing: boolean;
  /** '3b1b', 'modern' or 'custom' (changed settings, or a loaded model). */
  preset: Preset | 'custom';
  /** 'MNIST' or the name of the user's own images file. */
  data: string;
  info: Info | null;
  /** The core's stepping state (phase, layer, example, cycle = epochs). */
  state: Record<string, unknown> | null;
  epoch: number;
  /** Training examples seen since the network was built. */
  seen: number;
  samplesPerSecond: number;
  evaluation: Evaluation | null;
  /** The test image on the input after picking a mistake, else null. */
  probe: number | null;
}

/** mount(el, { task: 'mnist' }): a network learning the MNIST digits in a Web Worker. */
export interface MnistPlayground {
  /** Settles when the MNIST data is loaded (rejects with why not). The methods below wait for it. */
  readonly ready: Promise<unknown>;
  /** Trains whole epochs; resolves with the test evaluation after the last. Pause stops it (rejects). */
  train(options?: { epochs?: number }): Promise<Evaluation>;
  /** Accuracy, loss and confusion matrix on the 10,000 test digits. */
  evaluate(): Promise<Evaluation>;
  /** The 10 outputs for a 28×28 image (784 numbers 0..1, row by row); nothing is learned. Fires 'prediction'. */
  predict(pixels: ArrayLike<number>): Promise<number[]>;
  /** One phase (present, forward per layer, error, backward per layer, update), example, batch or epoch. */
  step(unit?: 'phase' | 'example' | 'batch' | 'epoch'): Promise<unknown>;
  play(): Promise<void>;
  pause(): Promise<unknown>;
  /** A fresh network with the same settings (the same seed: the same first weights). */
  reset(): Promise<MnistState>;
  /** Changes network settings and rebuilds (a new preset brings its own defaults); rejects with the core's message, keeping the network. */
  configure(settings: NetworkSettings): Promise<Info>;
  /** The trained model as .ngm bytes. */
  save(): Promise<Uint8Array>;
  /** Loads .ngm bytes (from save() or `cargo xtask train`); rejects for a bad or mismatched file, keeping the model. */
  load(bytes: Uint8Array | ArrayBuffer): Promise<{ note: string; info: Info; evaluation: Evaluation | null }>;
  /** Shows a test image going through the network. */
  showTest(index: number): Promise<unknown>;
  state(): MnistState;
  info(): Info | null;
  settings(): MnistSettings;
  /** URL parameters that were ignored (with `url: true`). */
  warnings(): string[];
  /** A link opening these settings in index.html's MNIST tab (the full page, also from an embed). */
  link(): string;
  /** An <iframe> snippet of these settings in the embed layout (what the tab bar's Embed offers). Default 600×400. */
  embedCode(options?: { width?: number; height?: number }): string;
  on(name: 'ready' | 'frame' | 'metrics' | 'evaluation' | 'epoch' | 'diverged' | 'error' | 'prediction', listener: (payload: any) => void): () => void;
  /** After the network settings changed (configure(), the section's preset and settings controls, a loaded model). */
  on(name: 'settings', listener: (settings: MnistSettings) => void): () => void;
  /** Stops the worker and removes the section. */
  destroy(): void;
  readonly task: 'mnist';
  readonly element: HTMLElement;
}

/** What a draw playground's model is (Reader.info(), the core's facts about it and the pen). */
export interface ReaderInfo {
  /** Layer sizes, input to output, e.g. [784, 128, 64, 10]. */
  sizes: number[];
  activations: OutputActivation[];
  parameterCount: number;
  /** What the model file says about itself (how it was trained). */
  note: string;
  /** The calibration's temperature T (confidence = softmax(z / T)); 1 for an uncalibrated model. */
  temperature: number;
  /** The pad's pen width (a share of its side), the side in pixels strokes are read at, and the most points a drawing holds (more are refused). */
  pen: number;
  side: number;
  maxPoints: number;
}

/**
 * What the page says about a reading: 'sure' ("It reads 7"), 'unsure' (its best guess's
 * calibrated confidence is below the core's threshold: "Not sure: 4 or 9?") or 'no-digit' (the
 * drawing looks like no digit the network knows; only models calibrated for it say so).
 */
export type Verdict = 'sure' | 'unsure' | 'no-digit';

/** What a draw playground reads (state(), the 'prediction' event). */
export interface DrawState {
  task: 'draw';
  /** The digit it reads (the likeliest), null for an empty pad. */
  guess: number | null;
  /** The second likeliest digit, null for an empty pad. */
  runnerUp: number | null;
  /** The 10 raw outputs of the network (its last layer's activations), null for an empty pad. */
  outputs: number[] | null;
  /** What the page says about the reading, null for an empty pad. */
  verdict: Verdict | null;
  /**
   * How sure the network is of each digit: calibrated probabilities softmax(z / T) of the last
   * layer's pre-activations (summing to 1, for sigmoid models too); the bars show these. Null for
   * an empty pad.
   */
  confidence: number[] | null;
  /** 'modern', '3b1b', a page model's name, or 'custom' (bytes). */
  model: string;
  /** The model's name as the model menu shows it, in the page's language. */
  modelName: string;
  empty: boolean;
  strokes: number;
  info: ReaderInfo;
  /** Why no model could be loaded, or null. */
  error: string | null;
}

/** mount(el, { task: 'draw' }): a pad to draw a digit on and a trained network reading it. */
export interface DrawPlayground {
  /**
   * The 10 raw outputs for a canvas, an ImageData or 784 pixels 0..1; null for an empty drawing.
   * The pad's own canvas is read from its strokes (their points, as the pad reads itself: no
   * pixels are read back); another canvas from its pixels.
   */
  predict(input: HTMLCanvasElement | ImageData | ArrayLike<number>): number[] | null;
  /**
   * Adds strokes of [x, y] points (0..1 of the pad) to the drawing; returns the outputs. Throws a
   * RangeError (and adds nothing) when the drawing would hold more than `info.maxPoints` points.
   */
  draw(strokes: Array<Array<[number, number]>>): number[] | null;
  undo(): void;
  clear(): void;
  /** Another model: 'modern' | '3b1b', a model offered on the page (e.g. one trained in an MNIST playground) by id or name, or .ngm bytes. */
  useModel(model: Preset | string | Uint8Array | ArrayBuffer): Promise<{ model: string; info: ReaderInfo }>;
  /** The 28×28 image (784 values 0..1) the network read last. */
  input(): Float32Array;
  /** Changes the model and/or the palette live; resolves with the settings. */
  configure(changes: { model?: Preset; palette?: Palette }): Promise<DrawSettings>;
  state(): DrawState;
  settings(): DrawSettings;
  warnings(): string[];
  /** A link opening these settings in index.html's Draw tab (the full page, also from an embed). */
  link(): string;
  /** An <iframe> snippet of these settings in the embed layout; `controls` default [] (pad, guess and bars only). Default 600×400. */
  embedCode(options?: { controls?: DrawPart[]; width?: number; height?: number }): string;
  on(name: 'prediction', listener: (state: DrawState & { settled: boolean }) => void): () => void;
  on(name: 'model', listener: (e: { model: string; info: ReaderInfo }) => void): () => void;
  on(name: 'settings', listener: (settings: DrawSettings) => void): () => void;
  destroy(): void;
  /** The drawing canvas. */
  readonly canvas: HTMLCanvasElement;
  readonly task: 'draw';
  readonly element: HTMLElement;
}

/**
 * The Error a call gets when the WebAssembly module under it stopped (a trap, e.g. a Rust panic):
 * the section shows a notice with a "Reload this section" button; until it is pressed the
 * handle's methods throw (or reject with) this, except settings(), warnings(), link(),
 * embedCode(), on() and destroy(). MNIST also emits 'error' with `code: 'crashed'` and `crash`.
 */
export interface CrashError extends Error {
  code: 'crashed';
  /** What stopped it: the panic's message and source location, or the trap's words ("unreachable"). */
  crash: { message: string; location: string; trap: string; panicked: boolean };
}

/**
 * A browser that lacks what neuroglow needs (WebAssembly SIMD, reference types, bulk memory,
 * structuredClone, …; module workers for MNIST) gets this: importing neuroglow.js rejects with it
 * (its settings table loads the wasm module at import), and so would mount(). `message` names
 * what is missing and the browsers that work (Chrome or Edge 98+, Firefox 114+, Safari 16.4+).
 */
export interface UnsupportedError extends Error {
  code: 'unsupported';
  /** What is missing, e.g. ['WebAssembly SIMD']. */
  missing: string[];
}

/**
 * Mounts a playground into `element`. Rejects with an Error naming the option for an unknown
 * option, a bad value or one that does not apply to the task, and with the core's message for a
 * network it refuses (e.g. a layer of 1,000,000 neurons). The handle stays valid when its section
 * is reloaded after a crash (CrashError): the new section has the settings in force and the
 * listeners added with on(). In a browser that lacks a feature neuroglow needs, the import itself
 * rejects with an UnsupportedError (code 'unsupported').
 */
export function mount(element: Element, options: MountOptions & { task: 'mnist' }): Promise<MnistPlayground>;
export function mount(element: Element, options: MountOptions & { task: 'draw' }): Promise<DrawPlayground>;
export function mount(element: Element, options?: MountOptions & { task?: XorTask }): Promise<Playground>;
export function mount(element: Element, options?: MountOptions): Promise<Playground | MnistPlayground | DrawPlayground>;

/** Whether mount() can show a task (e.g. before mounting 'mnist' on a lesson page). */
export function supportsTask(task: string): boolean;

/** The event names on(). */
export const EVENTS: readonly EventName[];

/** The settings table: every option with its URL parameter, type, default and description. */
export const SETTINGS: ReadonlyArray<{
  name: keyof MountOptions;
  /** The URL parameter (null: mount() only). */
  param: string | null;
  scope: 'task' | 'network' | 'view' | 'layout' | 'mount';
  /** The kinds of task (TASKS[t].view) a view or layout setting applies to; absent: all. */
  views?: Array<'xor' | 'mnist' | 'draw'>;
  type: 'enum' | 'boolean' | 'number' | 'integer' | 'layers' | 'parts' | 'url';
  default?: unknown;
  label: string;
  doc: string;
}>;

/** The tasks mount() knows, with their network defaults. */
export const TASKS: Readonly<Record<Task, {
  label: string;
  title: string;
  view: 'xor' | 'mnist' | 'draw';
  network: NetworkSettings & { model?: Preset };
  /** MNIST: each preset's network settings (the defaults follow `preset`). */
  presets?: Record<Preset, Required<Omit<NetworkSettings, 'preset'>>>;
  /** Draw: the parts `controls` and `hide` take (XOR's are PARTS), and what an embed shows. */
  parts?: Readonly<Record<DrawPart, string>>;
  embedParts?: readonly DrawPart[];
}>>;

/** The parts of an XOR playground, with a description of each. */
export const PARTS: Readonly<Record<Part, string>>;

/**
 * The MNIST section alone, without the settings layer of mount() (no URL, Share or settings();
 * the standalone page www/mnist/index.html). Its code loads on demand.
 */
export function mountMnist(
  element: HTMLElement,
  options?: NetworkSettings & { preset?: Preset; palette?: Palette; examplesPerSecond?: number; autoplay?: boolean; dataUrl?: string; heading?: boolean; lang?: Language },
): Promise<Pick<MnistPlayground, 'ready' | 'play' | 'pause' | 'step' | 'train' | 'evaluate' | 'predict' | 'save' | 'load' | 'configure' | 'showTest' | 'destroy'> & {
  element: HTMLElement;
  state(): Omit<MnistState, 'task'>;
  on(name: string, listener: (payload: any) => void): () => void;
}>;

/** The draw-a-digit section alone (the standalone page www/draw/index.html). Its code loads on demand. */
export function mountDraw(
  element: HTMLElement,
  options?: { model?: Preset; palette?: Palette; modelUrl?: string | URL; heading?: boolean | string; hide?: DrawPart[]; lang?: Language },
): Promise<Pick<DrawPlayground, 'predict' | 'draw' | 'undo' | 'clear' | 'useModel' | 'input' | 'destroy' | 'canvas'> & {
  element: HTMLElement;
  state(): Omit<DrawState, 'task'>;
  on(name: 'prediction' | 'model', listener: (payload: any) => void): () => void;
}>;

/** The languages neuroglow speaks: code → the language's own name (for a language menu). */
export const LANGUAGES: Readonly<Record<Language, string>>;
/**
 * The language to use for `asked` (a code or tag such as 'de-AT'; null when it is not one
 * neuroglow speaks), or, when nothing is asked, the first of `preferred` it speaks, else 'en'.
 */
export function chooseLang(asked: string | null | undefined, preferred?: readonly string[]): Language | null;
/** The browser's languages, most preferred first. */
export function browserLanguages(): string[];
/** The language a page's address asks for (`?lang=`, when it is one neuroglow speaks), else the browser's, else 'en'. */
export function pageLang(search?: string): Language;
/** A number with `decimals` decimals, written as the page's language writes it (0.0475 / 0,0475; a real minus sign). */
export function fixed(x: number, decimals?: number): string;
/** A share 0..1 as a percentage with `decimals` decimals, as the page's language writes it (92.3% / 92,3 %). */
export function percent(x: number, decimals?: number): string;
/**
 * Sets the page's language (loads www/lang/<code>.json; sets <html lang dir>). For a page of your
 * own that shows neuroglow's words before mounting; mount() calls it for you.
 */
export function useLang(code: Language): Promise<Language>;
/** The page's language. */
export function lang(): Language;
/** A message of the page's catalogue by key, with {name} parameters filled in. */
export function t(key: string, params?: Record<string, string | number>): string;
/** Fills a <select> with the languages (each named in itself); choosing one reopens the page with ?lang=. */
export function languageMenu(select: HTMLSelectElement): void;
/** Fills `data-i18n="key"` text and `data-i18n-attr="attr:key …"` attributes under `root`. */
export function translateTree(root: ParentNode): void;

/** index.html's tabs (WAI-ARIA tabs over existing role="tab" buttons). */
export class Tabs {
  constructor(list: HTMLElement, onSelect: (name: string, how: 'user' | 'api') => void);
  select(name: string, how?: 'user' | 'api'): void;
}

/** index.html's Share and Embed buttons for the tab on show. */
export class PageShare {
  constructor(container: HTMLElement, getPlayground: () => { link(): string; embedCode(options?: object): string } | null, boxes?: HTMLElement);
  show(task: string | null): void;
}

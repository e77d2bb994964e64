// Types for neuroglow's public API (www/neuroglow.js). No build step: import the module as it is,
//
//   import { mount } from './neuroglow/www/neuroglow.js';
//   const pg = await mount(document.getElementById('net'), { task: 'xor3', controls: ['step', 'play', 'reset'] });
//   pg.on('cycle', ({ loss }) => { if (loss < 0.1) pg.pause(); });
//
// and, for editors, point at this file with `/** @type {import('./neuroglow/www/neuroglow.js')} */`
// or a `/// <reference path>`. Options mirror the URL parameters of index.html one for one (the
// table in www/core/config.js); the URL name is given as `URL:` where it differs.

/** The tasks mount() can show now. MNIST ('mnist') and draw-a-digit ('draw') will join them. */
export type Task = 'xor3' | 'xor2';
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear';
export type LossName = 'squared_error' | 'cross_entropy';
export type Palette = 'green-red' | 'blue-orange';
export type StepKind = 'phase' | 'example' | 'cycle';

/** Parts of the playground that `controls` shows and `hide` hides. */
export type Part =
  | 'step' | 'example' | 'cycle' | 'play' | 'reset'
  | 'speed' | 'schedule' | 'rewind'
  | 'share' | 'embed' | 'record' | 'image' | 'palette'
  | 'status' | 'legend'
  | 'chart' | 'examples' | 'probe' | 'settings';

/** Settings of the network. Changing one rebuilds the network (cycle 0). */
export interface NetworkSettings {
  /** Neurons per hidden layer, e.g. [4] or [4, 3]; [] for none. Default [4]. URL: `hidden=4,3` (`hidden=none`). */
  hidden?: number[];
  /** Hidden layers' activation. Default 'sigmoid'. */
  activation?: Activation;
  /** Output layer's activation. Default 'sigmoid'. URL: `output`. */
  outputActivation?: Activation;
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
  /** Image tasks only (coming with MNIST): '3b1b' or 'modern'. */
  preset?: '3b1b' | 'modern';
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
  /** What the network learns. Default 'xor3' (the source's 3-input XOR with a 3-4-1 network). */
  task?: Task;
  /** Compact layout for an <iframe>: canvas and chosen controls only. Default false. URL: `embed` or `embed=1`. */
  embed?: boolean;
  /**
   * Parts shown: true (all; the default), false (none: the canvas only) or a list.
   * With `embed` the default is ['step', 'play', 'reset']. URL: `controls=step,play,reset`, `all`, `none`.
   */
  controls?: boolean | Part[];
  /** Parts hidden from those `controls` shows. Default []. URL: `hide=record,share`. */
  hide?: Part[];
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
export type Settings = Required<Omit<MountOptions, 'url' | 'appUrl' | 'controls' | 'keyboard' | 'preset'>> & {
  controls: Part[];
  keyboard: 'focus' | 'page' | 'off';
  preset?: '3b1b' | 'modern';
};

/** Where training is. Returned by step(), state() and carried by 'step' and 'cycle' events. */
export interface State {
  task: Task;
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
  task: Task;
  /** Layer sizes, input to output, e.g. [3, 4, 1]. */
  sizes: number[];
  /** Activation of each weight layer. */
  activations: Activation[];
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
  /** Recording started ({ recording: true, mimeType }) or stopped ({ recording: false, blob, seconds }). */
  recording: { recording: boolean; mimeType?: string; blob?: Blob; seconds?: number };
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
  configure(settings: NetworkSettings & ViewSettings & { task?: Task }): Info;
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
  /** Records the canvas as WebM (VP9, VP8 or plain WebM, whichever the browser has); plays with the schedule unless told otherwise. Throws where recording is unsupported. */
  startRecording(options?: { play?: boolean; schedule?: boolean }): void;
  /** Stops recording and playing; resolves with the video (type 'video/webm'), also offered for download. Recording also stops by itself when the schedule reaches cycle 60,000; stopRecording() then resolves with that video. */
  stopRecording(): Promise<Blob>;
  /** The current frame as a PNG (downloaded unless { download: false }). */
  saveImage(options?: { download?: boolean }): Promise<Blob>;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void;
  /** Removes the playground from the page and frees its network. */
  destroy(): void;
  readonly task: Task;
  /** The playground's root element. */
  readonly element: HTMLElement;

  // Extension points: MNIST playgrounds (task 'mnist', coming) add these; XOR playgrounds have none.
  /** MNIST: accuracy, loss and confusion matrix on the test digits. */
  evaluate?(): Promise<unknown>;
  /** MNIST: the trained model as bytes (.ngm). */
  save?(): Promise<Uint8Array>;
  /** MNIST: loads a model saved by save(). */
  load?(bytes: Uint8Array): Promise<void>;
}

/**
 * Mounts a playground into `element`. Rejects with an Error naming the option for an unknown
 * option or a bad value, and with the core's message for a network it refuses (e.g. a layer of
 * 1,000,000 neurons).
 */
export function mount(element: Element, options?: MountOptions): Promise<Playground>;

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
  type: 'enum' | 'boolean' | 'number' | 'integer' | 'layers' | 'parts' | 'url';
  default?: unknown;
  label: string;
  doc: string;
}>;

/** The tasks mount() knows, with their network defaults. */
export const TASKS: Readonly<Record<Task, { label: string; title: string; view: string; network: NetworkSettings }>>;

/** The parts of a playground, with a description of each. */
export const PARTS: Readonly<Record<Part, string>>;

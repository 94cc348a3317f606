/**
 * Progress of long work (a site build, `sat-rnn analyze`): which stage runs, how long so far, and an
 * estimate of what is left, as lines on stderr. The estimate weighs the remaining stages by their
 * relative cost (STAGE_WEIGHTS, seconds measured on the sat-rnn: H = 128, 1 KB) scaled by how long
 * the finished stages took against their weights, so it adapts to the machine and to H and bytes.
 */

/** Relative cost of each chapter (seconds on the sat-rnn, 2-core machine); others count as the mean. */
export const STAGE_WEIGHTS: Record<string, number> = {
  q1: 6, q2: 0.6, q3: 2.5, q4: 0.4, q5: 1.5, q6: 1.2, q7: 3, justify: 1.5, claims: 0.8, neurons: 0.5, neuronPages: 1, text: 0.3, model: 0.1, engine: 0.3,
  knockouts: 0.2, "open-questions": 2.4,
};

const weightOf = (name: string) => STAGE_WEIGHTS[name] ?? 1;

export const fmtSeconds = (s: number) => (s < 60 ? `${s.toFixed(s < 10 ? 1 : 0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

export class Progress {
  private readonly t0 = performance.now();
  private doneWeight = 0;
  private doneSeconds = 0;
  private readonly remaining: Set<string>;
  constructor(
    private readonly label: string,
    stages: string[],
    private readonly write: (s: string) => void = (s) => process.stderr.write(s),
    /** Stages running side by side (worker processes): the wall time left is the work left / this. */
    private readonly parallel = 1,
    /** Say nothing until this many seconds have passed (short runs stay silent). */
    private readonly quietFor = 0,
  ) {
    this.remaining = new Set(stages);
  }

  elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Seconds left: remaining weight × (seconds per unit weight so far); null before any stage is done. */
  estimate(running: string[] = []): number | null {
    if (this.doneWeight === 0) return null;
    let w = 0;
    for (const s of this.remaining) w += weightOf(s);
    // running stages are about half done on average
    for (const s of running) w -= weightOf(s) / 2;
    return Math.max(0, (w * this.doneSeconds) / this.doneWeight / this.parallel);
  }

  private status(running: string[]): string {
    const est = this.estimate(running);
    return `${fmtSeconds(this.elapsed())} elapsed${est === null ? "" : `, about ${fmtSeconds(est)} left`}`;
  }

  private say(line: string): void {
    if (this.elapsed() >= this.quietFor) this.write(line);
  }

  start(stage: string, running: string[] = [stage]): void {
    this.say(`${this.label}: ${stage} … (${this.status(running)})\n`);
  }

  /** A part of a running stage starts: a line of its own, with the time so far (no estimate: the stage's weight is one number). */
  part(stage: string, part: string): void {
    this.say(`${this.label}: ${stage} · ${part} … (${fmtSeconds(this.elapsed())} elapsed)\n`);
  }

  partDone(stage: string, part: string, seconds: number): void {
    this.say(`${this.label}: ${stage} · ${part} done in ${fmtSeconds(seconds)}\n`);
  }

  /** A stage finished after `seconds` of its own (for parallel stages, not the wall time since the last). */
  done(stage: string, seconds: number, ok = true, running: string[] = []): void {
    this.remaining.delete(stage);
    this.doneWeight += weightOf(stage);
    this.doneSeconds += seconds;
    this.say(`${this.label}: ${stage} ${ok ? "done" : "FAILED"} in ${fmtSeconds(seconds)} (${this.remaining.size} to go; ${this.status(running)})\n`);
  }
}

/**
 * `sat-rnn train`: the "Best model" figure is the saved file's bpc as `sat-rnn info` measures it;
 * a diverging run (--lr 1e38) ends in one line, exit 2, nothing written; printf survives huge values.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../lib/io.ts";
import { sprintf } from "../lib/printf.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-rel-train-"));
const corpus = join(dir, "c.txt");
const TEXT = "hello world, this is a small corpus for training.";
writeFileSync(corpus, TEXT);
const cli = (...a: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), ...a], { encoding: "utf8", cwd: dir });

describe("printf on huge and non-finite values", () => {
  it("prints doubles ≥ 1e21 exactly, as glibc does, and nan/inf", () => {
    expect(sprintf("%8.6f", 1e38)).toBe("99999999999999997748809823456034029568.000000");
    expect(sprintf("%.2f", -1e22)).toBe("-10000000000000000000000.00");
    expect(sprintf("%.0f", 2 ** 70)).toBe("1180591620717411303424");
    expect(sprintf("%10.4f", NaN)).toBe("       nan");
    expect(sprintf("%10.4f", -Infinity)).toBe("      -inf");
    expect(sprintf("%8.6f", 1e20)).toBe("100000000000000000000.000000");
  });
});

describe("sat-rnn train reports the saved model", () => {
  it("prints the bpc that `info` measures on the saved file, not the epoch's running average", { timeout: 60_000 }, () => {
    // lr 10 moves the weights a lot within an epoch: the epoch average and the saved weights' bpc differ
    const out = join(dir, "m.bin");
    const r = cli("train", "--corpus", corpus, "--out", out, "--epochs", "6", "--hidden", "8", "--lr", "10", "--quiet");
    expect(r.status).toBe(0);
    const printed = r.stdout.match(/Best model: (\d+\.\d{4}) bpc \(epoch (\d+)\) -> /);
    expect(printed).not.toBeNull();
    const during = r.stdout.match(/train bpc during epoch \d+: (\d+\.\d{4})/);
    expect(during).not.toBeNull();
    const info = cli("info", "--model", out, "--corpus", corpus, "--bytes", String(TEXT.length));
    expect(info.status).toBe(0);
    const measured = info.stdout.match(/bpc \(f32\)\s+(\d+\.\d{4})/)![1];
    expect(printed![1]).toBe(measured);
    expect(Math.abs(Number(during![1]) - Number(measured))).toBeGreaterThan(0.01); // a different number: the old print was wrong
  });

  it("--lr 1e38: one line naming the divergence, exit 2, neither model nor log written", { timeout: 60_000 }, () => {
    const out = join(dir, "div.bin");
    const log = join(dir, "div.log");
    const r = cli("train", "--corpus", corpus, "--out", out, "--epochs", "20", "--hidden", "8", "--lr", "1e38", "--log", log, "--quiet");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sat-rnn train: training diverged at epoch \d+ \(train bpc [^)]*\) with --lr 1e\+38; try a smaller --lr; nothing written\n$/);
    expect(r.stderr).not.toMatch(/ at .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(log)).toBe(false);
  });
});

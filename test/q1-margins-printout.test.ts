/** q1_margins' per-neuron rows (spec Q1 §M4) on a hand-built model, including a neuron with ≥ 1000 small-margin steps. */
import { describe, expect, it } from "vitest";
import q1Margins from "../lib/printouts/q1_margins.ts";
import { tinyModel, tinyRun } from "./helpers.ts";

describe("q1_margins per-neuron table", () => {
  // H = 2, all weights zero except bh[1] = 5: z_0 = 0 at every step (margin 0, small 1023 times),
  // z_1 = 5 at every step (margin 5, never small). 1024 bytes → T = 1023 predictions.
  const model = tinyModel(2, (m) => {
    m.bh[1] = 5;
  });
  const text = "ab".repeat(512);
  const out = q1Margins(tinyRun(model, text));
  const rows = out.split("=== Per-Neuron Margin Statistics ===\n")[1].split("\n").slice(1, 3);

  it("prints `  %-3d  %8.2f     %8.2f     %3d`: five spaces and four digits for 1023 small steps", () => {
    // neuron 0 first (mean margin 0 < 5)
    expect(rows[0]).toBe("  0" + " ".repeat(8) + "0.00" + " ".repeat(9) + "0.00" + " ".repeat(5) + "1023");
    expect(rows[1]).toBe("  1" + " ".repeat(8) + "5.00" + " ".repeat(9) + "5.00" + " ".repeat(5) + "  0");
  });
});

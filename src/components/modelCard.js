// Pure view helpers for the input fingerprint every data file carries.
import { html } from "htl";
import { int } from "./format.js";

/** A banner when the report shows the committed demo model instead of the sat-rnn. */
export function demoBanner(fingerprint) {
  if (fingerprint.source !== "demo") return document.createTextNode(""); // html`` would render "null"
  return html`<div class="demo-banner"><strong>This report shows the demo model</strong>, a small RNN trained by this project on
    its own demo corpus, because the sat-rnn was not found. Every number below is computed from it.
    To see the sat-rnn, run <code>npx sat-rnn fetch</code> (or put <code>sat_model.bin</code> and <code>enwik_1024.txt</code>
    into <code>data/sat-rnn/</code>) and rebuild.</div>`;
}

/** The model card: which weights and corpus these pages describe (with `heldOut`: bpc after the window too). */
export function modelCard(fp, heldOut = null) {
  const window = fp.corpusTotalBytes > fp.corpusBytes ? `${fp.corpusBytes} of ${fp.corpusTotalBytes} bytes (the first ${fp.corpusBytes})` : `${fp.corpusBytes} bytes`;
  const rows = [
    ["model", fp.modelFile],
    ["model sha256", fp.modelSha256],
    ["hidden size H", fp.H],
    ["parameters", int(fp.parameters)],
    ["corpus", fp.corpusFile],
    ["corpus sha256", fp.corpusSha256],
    ["corpus used", window],
    ["predictions", fp.predictions],
    ["bpc (float32)", heldOut?.heldOut ? `${fp.bpc.toFixed(4)} in-sample (bytes 0–${fp.corpusBytes - 1}, the analysis window)` : fp.bpc.toFixed(4)],
    ...(heldOut?.heldOut ? [["bpc, held-out", `${heldOut.heldOut.bpc.toFixed(4)} on bytes ${heldOut.heldOut.firstByte}–${heldOut.heldOut.lastByte} after the window (${heldOut.heldOut.predictions} predictions, state carried on${heldOut.heldOut.capped ? "; the first " + heldOut.heldOut.predictions + " bytes only" : ""})`]] : []),
  ];
  return html`<table class="model-card">${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>`;
}

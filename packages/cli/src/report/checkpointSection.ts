import { escapeHtml as h } from "./escape.js";
import type { CheckpointFindings, CheckpointVerdict, WitnessRow } from "./checkpointFindings.js";

const count = (n: number): string => n.toLocaleString("en-US");
const events = (n: number): string => `${count(n)} event${n === 1 ? "" : "s"}`;

/** Whether what the checkpoint check found is a problem: a checkpoint not trusted, a history cut short or rewritten. */
export const checkpointFailed = (c: CheckpointFindings): boolean => c.verdict._tag === "Untrusted" || c.verdict.outcome._tag !== "Matches";

/** The checkpoint's verdict in a few words, for the report's header. */
export const checkpointHeadline = (c: CheckpointFindings): string => {
  const v = c.verdict;
  if (v._tag === "Untrusted") return `${c.file}: NOT TRUSTED (see "Signed checkpoint")`;
  const witnessed = c.witnesses.length === 0 ? "" : `, ${c.cosigners} of ${c.witnesses.length} witnesses`;
  const uncovered = v.uncovered === undefined ? "" : "; later events not covered";
  switch (v.outcome._tag) {
    case "Matches":
      return `${c.file}: the history matches it (size ${count(c.size)}${witnessed})${uncovered}`;
    case "CutShort":
      return `${c.file}: DOES NOT MATCH: the history was cut short`;
    case "Rewritten":
      return `${c.file}: DOES NOT MATCH: the history was rewritten`;
  }
};

const verdictHtml = (c: CheckpointFindings, v: CheckpointVerdict): string => {
  if (v._tag === "Untrusted") {
    return `<p class="verdict bad">Not trusted: ${h(v.reason)}. The history was not compared with it, and what the checkpoint states below is unverified.</p>`;
  }
  const stream = `stream <span class="mono">${h(v.streamId)}</span>`;
  switch (v.outcome._tag) {
    case "Matches":
      return `<p class="verdict good">Matches. The Merkle root of the first ${events(c.size)} of ${stream}, recomputed from this history, is the root the log signed.</p>`;
    case "CutShort":
      return `<p class="verdict bad">Cut short. ${stream} has ${events(v.outcome.seen)}, fewer than the ${count(c.size)} the checkpoint covers: events the log signed are missing.</p>`;
    case "Rewritten": {
      const where =
        v.firstBreak === undefined
          ? "Its hash chains do not show where (they were resealed after the change), and a root cannot say which event differs: compare the history, event by event, with the log's own export."
          : `Its hash chain first breaks at revision ${count(v.firstBreak.revision)} (${h(v.firstBreak.where)}): look there first.`;
      return `<p class="verdict bad">Rewritten. The first ${events(c.size)} of ${stream} have another Merkle root than the one the log signed. ${where}</p>`;
    }
  }
};

const cosignedCell = (w: WitnessRow): string => {
  switch (w.cosigned._tag) {
    case "At":
      return `<td class="mono">${h(w.cosigned.instant)}</td>`;
    case "Missing":
      return `<td>no valid cosignature</td>`;
    case "Unchecked":
      return `<td>not checked</td>`;
  }
};

const witnessesHtml = (c: CheckpointFindings): string => {
  if (c.witnesses.length === 0) return "";
  const rows = c.witnesses.map((w) => `<tr><td>${h(w.name)}</td><td class="mono">${h(w.keyId)}</td>${cosignedCell(w)}</tr>`).join("");
  return `<table class="witnesses"><caption>Witnesses of the policy</caption><thead><tr><th>Witness</th><th>Key ID</th><th>Cosigned at (UTC)</th></tr></thead><tbody>${rows}</tbody></table>`;
};

/** The signed checkpoint: its verdict, what it states (origin, size, root), the log's key and the witnesses' cosignatures, and what the history made of it. */
export const checkpointSection = (c: CheckpointFindings): string => {
  const v = c.verdict;
  const trusted = v._tag === "Compared";
  const checked = c.witnesses.every((w) => w.cosigned._tag !== "Unchecked");
  const met = !checked ? "not checked (the checkpoint was refused first)" : `${count(c.cosigners)} cosigned: ${c.cosigners >= c.quorum ? "met" : "not met"}`;
  const quorum = c.witnesses.length === 0 ? "no witnesses given: the log's signature alone" : `${count(c.quorum)} of the ${count(c.witnesses.length)} witnesses given required; ${met}`;
  const meta: ReadonlyArray<readonly [string, string, string]> = [
    ["File", c.file, ""],
    ["Origin", c.origin, "mono"],
    ["Size", events(c.size), ""],
    ["Root (base64)", c.rootBase64, "mono hash"],
    ["Log key", `${c.log.name} (key ID ${c.log.keyId}): ${c.log.verified ? "signature verified" : "no valid signature by this key"}`, ""],
    ["Quorum", quorum, ""],
  ];
  const metaHtml = meta.map(([k, value, cls]) => `<dt>${h(k)}</dt><dd${cls === "" ? "" : ` class="${cls}"`}>${h(value)}</dd>`).join("");
  const uncovered =
    trusted && v.uncovered !== undefined
      ? `<p class="verdict warn">Not covered: revision ${count(v.uncovered.revision)} and those after it (from ${h(v.uncovered.where)}) are past the checkpoint's size. The log has grown since it was signed, which is not a fault: ask for a newer checkpoint to cover them.</p>`
      : "";
  const problems = trusted && v.problems.length > 0 ? `<ol class="problems">${v.problems.map((p) => `<li>${h(p)}</li>`).join("")}</ol>` : "";
  return `<section id="checkpoint"><h2>Signed checkpoint</h2>${verdictHtml(c, v)}${uncovered}${problems}<dl class="meta">${metaHtml}</dl>${witnessesHtml(c)}
<p class="note">A checkpoint is a note signed with the log's Ed25519 key (C2SP tlog-checkpoint): the origin, the size of the stream's Merkle tree (RFC 9162 §2.1) and its root; witnesses cosign it (tlog-cosignature) only if it extends what they cosigned before. See docs/audit.md, "The signed log".</p></section>`;
};

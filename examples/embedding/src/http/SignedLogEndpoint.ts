import type { ServerResponse } from "node:http";
import { campaignStreamId, type LiveProjection } from "@tenfold/core";
import { type CheckpointSigner, consistencyPath, formatConsistencyProof, formatInclusionProof, inclusionPath, type MerkleTree } from "@tenfold/core/audit";
import { CHECKPOINT_SIGNER } from "@tenfold/di";
import * as O from "fp-ts/lib/Option.js";
import { inject, injectable } from "tsyringe";
import { LOG_TREES, SERVICE_SETTINGS, type ServiceSettings, WRITE_POSITIONS } from "../tokens.js";
import type { WritePositions } from "../writePositions.js";
import { awaitCurrent } from "./current.js";
import { checkCampaignId } from "./replies.js";
import { type Reply, problem, send, textReply } from "./respond.js";

const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

/** A tree size or revision from a request: a decimal whole number that is a safe integer, else null. */
const wholeNumber = (text: string | null): number | null => (text !== null && DECIMAL.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null);

/** The signed checkpoint of a tree, remembered per campaign for its latest size (Ed25519 signs deterministically: the same text). */
const checkpoints = (signer: CheckpointSigner) => {
  const latest = new Map<string, { readonly size: number; readonly note: string }>();
  return (campaignId: string, tree: MerkleTree): string => {
    const held = latest.get(campaignId);
    if (held !== undefined && held.size === tree.size) return held.note;
    const note = signer.sign(campaignStreamId(campaignId), tree.size, tree.root());
    latest.set(campaignId, { size: tree.size, note });
    return note;
  };
};

/**
 * The service's signed log (DOMAIN.md, Signed log): `GET /campaigns/:id/checkpoint` (the signed
 * checkpoint of the campaign's stream as the log tree holds it now), `GET
 * /campaigns/:id/events/:revision/proof` (tlog-proof v1) and `GET /campaigns/:id/consistency?old=M`
 * (the add-checkpoint body from size M), all text/plain. The trees are kept current by a
 * subscription; each answer reads one tree (a value), so a proof and the checkpoint in it agree.
 */
@injectable()
export class SignedLogEndpoint {
  private readonly checkpoint: (campaignId: string, tree: MerkleTree) => string;

  constructor(
    @inject(LOG_TREES) private readonly trees: LiveProjection<MerkleTree>,
    @inject(CHECKPOINT_SIGNER) signer: CheckpointSigner,
    @inject(WRITE_POSITIONS) private readonly writes: WritePositions,
    @inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {
    this.checkpoint = checkpoints(signer);
  }

  /** 200 with the signed checkpoint; 400, 404 or 503 with `{ error, … }`. */
  async getCheckpoint(campaignId: string, res: ServerResponse): Promise<void> {
    send(res, await this.withTree(campaignId, (tree) => textReply(this.checkpoint(campaignId, tree))));
  }

  /** 200 with the event's inclusion proof; 400 for a revision that is not a whole number, 404 for one the log does not hold. */
  async getInclusionProof(campaignId: string, revisionText: string, res: ServerResponse): Promise<void> {
    const revision = wholeNumber(revisionText);
    send(
      res,
      await this.withTree(campaignId, (tree) => {
        if (revision === null) return problem(400, "invalid revision", { issues: [{ path: "revision", message: "expected a whole number of 0 or more" }] });
        if (revision >= tree.size) return problem(404, "event not found", { campaignId, revision, message: `the log holds revisions 0 to ${tree.size - 1} of this campaign` });
        return textReply(formatInclusionProof({ index: revision, path: inclusionPath(tree.rangeRoot, revision, tree.size), checkpoint: this.checkpoint(campaignId, tree) }));
      }),
    );
  }

  /** 200 with the consistency proof from `old` to the current checkpoint; 400 for an `old` that is missing, not a whole number, or past the log's size. */
  async getConsistencyProof(campaignId: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
    const old = wholeNumber(query.get("old"));
    send(
      res,
      await this.withTree(campaignId, (tree) => {
        if (old === null) return problem(400, "invalid old", { issues: [{ path: "old", message: "expected the size of a checkpoint held, a whole number of 0 or more" }] });
        if (old > tree.size) return problem(400, "invalid old", { issues: [{ path: "old", message: `the log holds ${tree.size} events of this campaign; old must be at most that` }] });
        return textReply(formatConsistencyProof({ oldSize: old, path: consistencyPath(tree.rangeRoot, old, tree.size), checkpoint: this.checkpoint(campaignId, tree) }));
      }),
    );
  }

  /** The campaign's tree once the log trees are current (as statistics are: caught up, this process's writes applied), or the reply that says why not. */
  private async withTree(campaignId: string, answer: (tree: MerkleTree) => Reply): Promise<Reply> {
    const invalidId = checkCampaignId(campaignId);
    if (invalidId !== null) return invalidId;
    const unavailable = await awaitCurrent(this.trees, this.writes, this.settings, campaignId, "signed log unavailable");
    if (unavailable !== null) return unavailable;
    const tree = this.trees.state(campaignId);
    return O.isSome(tree) ? answer(tree.value) : problem(404, "campaign not found", { campaignId });
  }
}

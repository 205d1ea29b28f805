/**
 * A training session defined as the PyTorch peer defines a step: Adam(1e-4, 0.5, 0.999) for both networks,
 * n_critic 1 (ns) or 5 with a λ = 10 gradient penalty (wgan-gp), batch 64, and batch norm kept in the dcgan critic
 * (the peer keeps it; Gantry's `dNorm: "auto"` would drop it under a penalty). Warmed up by two steps.
 *
 * A training config may not combine batch norm with a gradient penalty (the penalty would not be per-sample), so the
 * dcgan critic's batch norm is set on the resolved config here, after validation: a throughput benchmark must do the
 * peer's work, and the peer computes its penalty through batch norm.
 */
import { parseTrainingConfig } from "@gantry/core";
import { openDataset } from "../../trainer/src/data/index.ts";
import { createSession, resolveConfig, type TrainingSession } from "../../trainer/src/engine/index.ts";
import { type BackendRequest, setNativeBatchNorm } from "../../trainer/src/backend/index.ts";
import { peerModel } from "../lib/peer.ts";

/** `model` overrides the peer's model settings (e.g. `{ gNorm: "batch" }` to profile the MNIST presets' MLP G). */
export async function peerSession(backend: string, arch: string, loss: string, model: { gNorm?: "batch" | "none" } = {}): Promise<TrainingSession> {
  // mlp2d is the 2-D toy model: the peer trains it on 2-D points, so Gantry trains it on ring8.
  const data = arch === "mlp2d" ? "ring8" : "mnist";
  const ds = await openDataset({ name: data });
  const adam = { type: "adam" as const, lr: 1e-4, beta1: 0.5, beta2: 0.999 };
  const cfg = parseTrainingConfig({
    data: { name: data },
    loss: { name: loss },
    batchSize: 64,
    seed: 1,
    // The peer's toy MLPs are 3 × 512 wide (Gantry's mlp2d default is 3 × 64 for a fast first run).
    model: {
      ...peerModel(arch as "mlp" | "dcgan" | "mlp2d"),
      dNorm: "auto",
      ...(arch === "mlp2d" ? { gHidden: [512, 512, 512], dHidden: [512, 512, 512] } : {}),
      ...model,
    },
    optimizers: { g: adam, d: adam },
    nCritic: loss === "wgan-gp" ? 5 : 1,
    regularizers: loss === "wgan-gp" ? [{ type: "gp", lambda: 10 }] : [],
  });
  const resolved = resolveConfig(cfg, ds.info);
  const asPeer = arch === "dcgan" ? { ...resolved, model: { ...resolved.model, dNorm: "batch" as const } } : resolved;
  // The native batch-norm kernels are first-order only, and this critic's batch norm sits under the penalty's
  // second-order gradient: that cell keeps the composite batch norm (as on wasm); every other cell uses the kernels.
  setNativeBatchNorm(!(arch === "dcgan" && cfg.regularizers.length > 0));
  const session = await createSession(asPeer, ds, { backend: backend as BackendRequest });
  session.runStep(); // warm-up: kernel compilation, optimizer slots
  session.runStep();
  return session;
}

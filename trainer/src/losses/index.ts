import { LOSS_NAMES, type LossName } from "@gantry/core";
import { dragan } from "./dragan.ts";
import { hinge } from "./hinge.ts";
import { lsgan } from "./lsgan.ts";
import { minimax } from "./minimax.ts";
import { ns } from "./ns.ts";
import { rahinge } from "./rahinge.ts";
import { ralsgan } from "./ralsgan.ts";
import { rasgan } from "./rasgan.ts";
import { rsgan } from "./rsgan.ts";
import type { GanLoss } from "./types.ts";
import { wgan } from "./wgan.ts";
import { wganGp } from "./wgan-gp.ts";
import { wganLp } from "./wgan-lp.ts";

export type { GanLoss, GeneratorLogits, LossPreset, Logits, OptimizerPreset } from "./types.ts";

/** Every loss by its config name; typed so that a name added to `LossName` without a loss fails typecheck. */
export const LOSSES: Readonly<Record<LossName, GanLoss>> = Object.freeze({
  minimax,
  ns,
  lsgan,
  wgan,
  "wgan-gp": wganGp,
  "wgan-lp": wganLp,
  dragan,
  hinge,
  rsgan,
  rasgan,
  ralsgan,
  rahinge,
});

/** Looks a loss up by name; unknown names throw an Error that lists the valid ones. */
export function getLoss(name: string): GanLoss {
  if (!Object.hasOwn(LOSSES, name)) {
    throw new Error(`unknown loss "${name}"; valid losses: ${LOSS_NAMES.join(", ")}`);
  }
  return LOSSES[name as LossName];
}

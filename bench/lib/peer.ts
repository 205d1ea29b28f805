/**
 * Runs the PyTorch CPU peer (GANTRY_PEER, else ../shared/bench/peer next to the checkout) and returns its summary
 * line, or null when it is absent or fails. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are dropped from its environment:
 * some machines set them to hold OpenBLAS to an older kernel, which would handicap the peer.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function peerPath(): string {
  return process.env["GANTRY_PEER"] ?? path.resolve(ROOT, "../shared/bench/peer");
}

export function runPeer(args: string[]): Record<string, unknown> | null {
  const peer = peerPath();
  if (!existsSync(peer)) return null;
  const env = { ...process.env };
  delete env["OPENBLAS_CORETYPE"];
  delete env["OPENBLAS_L2_SIZE"];
  const r = spawnSync(peer, args, { encoding: "utf8", env });
  const last = r.stdout?.trim().split("\n").pop();
  if (r.status !== 0 || !last) {
    process.stderr.write(`peer ${args.join(" ")} failed: ${(r.stderr ?? "").slice(-500)}\n`);
    return null;
  }
  return JSON.parse(last) as Record<string, unknown>;
}

/**
 * A model config with the peer's architecture. The peer's MNIST MLP has no batch norm in G, while Gantry gives new mlp
 * trainings on images G batch norm by default (model.gNorm), so it is turned off here: the benchmarks time the same
 * network as the peer, and as in earlier sessions.
 */
export function peerModel<A extends "mlp" | "dcgan" | "mlp2d">(arch: A): { arch: A; gNorm?: "none" } {
  return arch === "mlp" ? { arch, gNorm: "none" } : { arch };
}

// Imported first by worker.mjs to learn whether this thread has a full TypeScript loader: a parameter property parses
// under tsx but not under Node's own type stripping (Node ≥ 22.18 / 23.6) nor with no loader at all.
export class TsProbe {
  constructor(readonly ok: boolean) {}
}

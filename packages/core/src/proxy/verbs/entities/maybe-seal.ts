import { flushCollection } from '../../../datacoord/flush.js';
import { shouldSeal } from '../../../datacoord/policy.js';
import type { Instance } from '../../../instance.js';
import type { Target } from '../../context.js';

/** Starts a background flush when a growing segment of `t` reached the seal policy. */
export function maybeSeal(inst: Instance, t: Target): void {
  const now = inst.now();
  const full = [...t.rt.growing.values()].filter((g) => shouldSeal(inst.seal, g, now));
  if (full.length === 0 || t.rt.flushScheduled) return;
  t.rt.flushScheduled = true;
  inst.spawn(async () => {
    try {
      await flushCollection(inst, t.rt, new Set(full.map((g) => g.partitionId)));
    } finally {
      t.rt.flushScheduled = false;
    }
  });
}

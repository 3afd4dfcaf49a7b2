import { describe, expect, it } from 'vitest';
import { restartBackoffMs } from './cluster-supervisor';

// A server process that keeps dying right after its start is started again ever more slowly, so a
// broken deployment does not spin the machine; one that ran a while starts again after a second.
describe('restartBackoffMs', () => {
  it('doubles from one second with each quick death in a row, up to thirty seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartBackoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});

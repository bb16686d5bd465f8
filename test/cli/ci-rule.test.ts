// One rule says whether we run in CI, for the live screen (Ink draws only the last frame there)
// and for the suite (where a missing engine fails instead of skipping).
import { describe, expect, it } from 'vitest';
import { inCI } from '../../src/cli/display.js';

describe('what counts as CI', () => {
  it('any CI or CONTINUOUS_INTEGRATION variable other than 0 or false', () => {
    expect(inCI({ CI: 'true' })).toBe(true);
    expect(inCI({ CI: '' })).toBe(true);
    expect(inCI({ CONTINUOUS_INTEGRATION: '1' })).toBe(true);
    expect(inCI({ CI: 'false' })).toBe(false);
    expect(inCI({ CI: '0' })).toBe(false);
    expect(inCI({ CI: '0', CONTINUOUS_INTEGRATION: 'yes' })).toBe(true);
    expect(inCI({})).toBe(false);
  });
});

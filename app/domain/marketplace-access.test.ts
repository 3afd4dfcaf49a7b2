import { describe, expect, it } from 'vitest';
import { marketplaceSide, maySideWrite } from './marketplace-access';

// formats/marketplace-api.md, "Common rules", "Who may see what".
const record = { enterpriseId: 'ent-1', providerId: 'prov-1', prefecture: '5106' };

describe('marketplaceSide', () => {
  it('an SME sees only its own enterprise’s records', () => {
    expect(marketplaceSide({ role: 'sme', enterpriseId: 'ent-1' }, record)).toBe('sme');
    expect(marketplaceSide({ role: 'sme', enterpriseId: 'ent-2' }, record)).toBeNull();
    expect(marketplaceSide({ role: 'sme', enterpriseId: null }, record)).toBeNull();
  });

  it('a provider sees only records for its own offerings', () => {
    expect(marketplaceSide({ role: 'provider', providerId: 'prov-1' }, record)).toBe('provider');
    expect(marketplaceSide({ role: 'provider', providerId: 'prov-2' }, record)).toBeNull();
    expect(marketplaceSide({ role: 'provider', providerId: null }, record)).toBeNull();
  });

  it('an official sees records of enterprises in its scope; a provincial official all', () => {
    expect(marketplaceSide({ role: 'official', scopePrefecture: '5106' }, record)).toBe('official');
    expect(marketplaceSide({ role: 'official', scopePrefecture: '5101' }, record)).toBeNull();
    expect(marketplaceSide({ role: 'official', scopePrefecture: null }, record)).toBe('official');
  });

  it('an admin sees none', () => {
    expect(marketplaceSide({ role: 'admin' }, record)).toBeNull();
  });
});

describe('maySideWrite', () => {
  it('lets the two parties write and officials only read', () => {
    expect(maySideWrite('sme')).toBe(true);
    expect(maySideWrite('provider')).toBe(true);
    expect(maySideWrite('official')).toBe(false);
    expect(maySideWrite(null)).toBe(false);
  });
});

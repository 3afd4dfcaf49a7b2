import { describe, expect, it } from 'vitest';
import { validateEntry } from './catalog-import';

const offering = (externalId: string) => ({
  externalId,
  title: '设备管理云平台',
  summary: '设备联网与点检',
  level: 'saas',
  categories: ['设备管理'],
  plans: [{ name: '标准版', priceFen: 98000, billing: 'year' }],
});

describe('catalog import entry validation', () => {
  it('reports duplicate externalIds even when the provider part is invalid too', () => {
    const { entry, issues } = validateEntry(
      { provider: { name: '四川测试云科技有限公司', uscc: 'bad', prefecture: '5101' }, offerings: [offering('mes-lite'), offering('mes-lite')] },
      3,
    );
    expect(entry).toBeNull();
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('[3].provider.uscc');
    expect(paths).toContain('[3].offerings[1].externalId');
  });
});

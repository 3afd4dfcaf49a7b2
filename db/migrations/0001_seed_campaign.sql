-- The seed plan's campaign (四川省扩大和升级信息消费行动计划（2020-2022年）: 新增上云企业15万家以上).
-- Part of the schema, not of the demo data: the counter needs it even with SEED_DEMO=0.
INSERT OR IGNORE INTO campaigns (id, name, name_en, target, starts_on, ends_on)
VALUES ('sc-2020-2022', '四川省企业上云行动（2020—2022年）', 'Sichuan enterprise cloud adoption campaign 2020–2022', 150000, '2020-01-01', '2022-12-31');

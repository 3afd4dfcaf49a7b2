// Matches (为您推荐), app/models/matches.server.ts: the reason given for each match and the
// /api/matches parameter errors. Page strings live in matches-pages.ts.
const zh = {
  'matches.reason.industry': '适合{industry}',
  'matches.reason.general': '适用于各行业',
  'matches.reason.size': '适合{size}企业',
  'matches.reason.onsite': '可在{prefecture}上门服务',
  'matches.reason.next-level': '贵企业尚未使用的上云层级：{level}',
  'matches.reason.budget': '有套餐在每月 {budget} 的预算内',
  'matches.reason.certified': '服务商具备{certifications}资质',
  'matches.reason.peers': '{prefecture}{cluster}产业已有 {n} 家企业选用',
  'matches.reason.query': '符合您的需求“{q}”',
  'matches.reason.rated': '已核实评价平均 {average} 分（{count} 条）',
  'matches.listSeparator': '、',
  'matches.errors.industryRequired': '请提供行业：国民经济行业分类（GB/T 4754）大类代码，如 34',
  'matches.errors.prefectureRequired': '请提供所在市州代码，如 5106',
  'matches.errors.noDivision': '贵企业登记的行业没有国民经济行业分类大类，请提供行业大类代码，如 34',
  'matches.errors.industry':
    '行业应为国民经济行业分类（GB/T 4754）大类代码 01–97，或以大类开头的更细代码（如 3441）',
  'matches.errors.size': '企业规模应为 micro、small、medium、large 之一',
  'matches.errors.employees': '从业人员应为不小于 0 的整数',
  'matches.errors.revenueWan': '营业收入应为不小于 0 的数（单位：万元）',
  'matches.errors.prefecture': '市州代码应为四川省 21 个市州之一，如 5106',
  'matches.errors.levels': '上云层级应为 iaas、paas、saas、platform、industrial-app，多个用英文逗号分隔',
  'matches.errors.level': '筛选的上云层级应为 iaas、paas、saas、platform、industrial-app，多个用英文逗号分隔',
  'matches.errors.budgetFen': '每月预算应为不小于 0 的整数（单位：分）',
  'matches.errors.q': '需求描述最多 {max} 个字',
  'matches.errors.limit': '条数应为 1–{max} 的整数',
  'matches.errors.offset': '起始位置应为 0–{max} 的整数',
};

const en: Record<keyof typeof zh, string> = {
  'matches.reason.industry': 'Made for {industry}',
  'matches.reason.general': 'Made for every industry',
  'matches.reason.size': 'Made for {size} enterprises',
  'matches.reason.onsite': 'On-site service in {prefecture}',
  'matches.reason.next-level': 'A level you do not use yet: {level}',
  'matches.reason.budget': 'A plan within your budget of {budget} a month',
  'matches.reason.certified': 'The provider holds {certifications}',
  'matches.reason.peers': 'Used by {n} enterprises of {cluster} in {prefecture}',
  'matches.reason.query': 'Matches “{q}”',
  'matches.reason.rated': 'Rated {average} on average in {count} verified reviews',
  'matches.listSeparator': ', ',
  'matches.errors.industryRequired': 'industry is required: a GB/T 4754 division code such as 34',
  'matches.errors.prefectureRequired': 'prefecture is required: a Sichuan prefecture code such as 5106',
  'matches.errors.noDivision':
    'your enterprise is registered without a GB/T 4754 division: give industry, a division code such as 34',
  'matches.errors.industry':
    'industry must be a GB/T 4754 division code from 01 to 97, or a longer code starting with one (such as 3441)',
  'matches.errors.size': 'size must be one of micro, small, medium, large',
  'matches.errors.employees': 'employees must be a whole number, 0 or more',
  'matches.errors.revenueWan': 'revenueWan must be a number of 万元 (10,000 yuan), 0 or more',
  'matches.errors.prefecture': 'prefecture must be one of the 21 Sichuan prefecture codes, such as 5106',
  'matches.errors.levels':
    'levels must be a comma-separated list of iaas, paas, saas, platform, industrial-app',
  'matches.errors.level':
    'level must be a comma-separated list of iaas, paas, saas, platform, industrial-app',
  'matches.errors.budgetFen': 'budgetFen must be a whole number of fen, 0 or more',
  'matches.errors.q': 'q must be at most {max} characters',
  'matches.errors.limit': 'limit must be a whole number from 1 to {max}',
  'matches.errors.offset': 'offset must be a whole number from 0 to {max}',
};

export const matches = { zh, en };

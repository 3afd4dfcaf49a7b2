// The match pages (issue "Matches (为您推荐)"): the SME's 为您推荐 page and its block on the console
// home, the public 找适合我的 form on the catalog, and the SME console navigation. The reason texts
// of each match come from the matches model (messages/matches.ts), not from here.
const zh = {
  'matchPages.consoleNav': '企业工作台',
  'matchPages.navProfile': '我的企业',
  'matchPages.navMatches': '为您推荐',
  'matchPages.title': '为您推荐',
  'matchPages.lead':
    '按贵企业的行业、规模、所在市州和已有的上云层级，从服务目录中挑选适合的服务，并写明推荐理由。',
  'matchPages.basis': '推荐依据',
  'matchPages.basisIndustry': '行业',
  'matchPages.basisSize': '企业规模',
  'matchPages.basisPrefecture': '所在市州',
  'matchPages.basisCluster': '产业集群',
  'matchPages.basisLevels': '已在使用',
  'matchPages.levelsNone': '尚无经核实的上云记录',
  'matchPages.filters': '筛选推荐',
  'matchPages.levelLegend': '上云层级',
  'matchPages.budget': '每月预算（元）',
  'matchPages.budgetHint': '年付或一次性的价格按 12 个月折算；面议的方案不计入。',
  'matchPages.q': '需求',
  'matchPages.qHint': '用几个词说明需求，如“设备联网”“能耗管理”；符合的服务排在前面。',
  'matchPages.apply': '更新推荐',
  'matchPages.clear': '清除条件',
  'matchPages.invalidFilters': '请修改标出的条件后再查看推荐。',
  'matchPages.results': '共 {total} 个适合的服务产品',
  'matchPages.resultsHeading': '推荐的服务产品',
  'matchPages.reasons': '推荐理由',
  'matchPages.empty': '暂时没有适合的服务产品',
  'matchPages.emptyText': '服务目录在不断更新，您也可以直接浏览全部服务产品。',
  'matchPages.emptyFiltered':
    '没有符合所选条件的服务产品。可以少选几个上云层级、提高预算，或清除条件后再看。',
  'matchPages.browseCatalog': '浏览服务目录',
  'matchPages.peers': '同行的选择',
  'matchPages.peersLead':
    '与贵企业同一产业集群、同一市州的企业选用（经核实）的服务；少于 3 家企业选用的不显示。',
  'matchPages.peersLeadVisitor':
    '与您所填行业同一产业集群、同一市州的企业选用（经核实）的服务；少于 3 家企业选用的不显示。',
  'matchPages.peersCount': '{n} 家同行企业选用',
  'matchPages.peersEmpty': '暂时没有 3 家以上同行企业选用的服务。',
  'matchPages.noEnterprise': '您的账号还没有关联企业，暂时无法推荐',
  'matchPages.noEnterpriseText': '推荐按企业的行业、规模和所在市州计算。请到“我的企业”查看账号的企业信息。',
  'matchPages.noProfile': '企业信息还不完整，暂时无法推荐',
  'matchPages.noProfileText':
    '推荐需要企业的所属行业（国民经济行业分类大类）和所在市州。请在“我的企业”中补充后再来。',
  'matchPages.completeProfile': '去完善企业信息',
  'matchPages.homeTitle': '为您推荐',
  'matchPages.homeLead': '按贵企业情况挑选的服务，每项附一条主要理由。',
  'matchPages.homeSeeAll': '查看全部推荐和同行的选择',
  'matchPages.homeEmpty': '暂时没有适合贵企业的服务产品。',
  'matchPages.fitTitle': '找适合我的',
  'matchPages.fitLead':
    '不用注册：选择行业和所在市州，填写从业人员和营业收入，看看哪些云服务适合像您这样的企业，以及为什么。',
  'matchPages.fitFormHeading': '企业情况',
  'matchPages.fitSizeHint':
    '从业人员和营业收入只用于按《统计上大中小微型企业划分办法（2017）》计算企业规模，不会保存。',
  'matchPages.fitSubmit': '查看推荐',
  'matchPages.fitIndustryRequired': '请选择企业所属的行业',
  'matchPages.fitPrefectureRequired': '请选择企业所在的市州',
  'matchPages.fitSignupText': '注册企业账号后，推荐还会参考您已有的上云记录，并可在线申请服务。',
  'matchPages.fitSignup': '注册企业账号',
  'matchPages.fitSmeText': '您已登录企业账号：按贵企业登记信息计算的推荐在工作台中。',
  'matchPages.fitSmeLink': '查看为您推荐',
  'matchPages.catalogCtaTitle': '不知道选哪个？',
  'matchPages.catalogCtaText': '说说您的行业、规模和所在市州，看看适合像您这样的企业的云服务和推荐理由。',
  'matchPages.catalogCtaLink': '找适合我的',
  'matchPages.catalogCtaSme': '按贵企业信息推荐的服务都在“为您推荐”。',
  'matchPages.catalogCtaSmeLink': '查看为您推荐',
  'matchPages.budgetCents': '金额最多保留两位小数',
};

const en: Record<keyof typeof zh, string> = {
  'matchPages.consoleNav': 'Enterprise console',
  'matchPages.navProfile': 'My enterprise',
  'matchPages.navMatches': 'Recommended for you',
  'matchPages.title': 'Recommended for you',
  'matchPages.lead':
    "Services from the catalog chosen for your enterprise's industry, size, prefecture and the adoption levels it already uses, each with the reasons why.",
  'matchPages.basis': 'Based on',
  'matchPages.basisIndustry': 'Industry',
  'matchPages.basisSize': 'Size class',
  'matchPages.basisPrefecture': 'Prefecture',
  'matchPages.basisCluster': 'Industry cluster',
  'matchPages.basisLevels': 'Already in use',
  'matchPages.levelsNone': 'No verified adoption yet',
  'matchPages.filters': 'Narrow the recommendations',
  'matchPages.levelLegend': 'Adoption level',
  'matchPages.budget': 'Monthly budget (CNY)',
  'matchPages.budgetHint':
    'Yearly and one-off prices count as one twelfth a month; price-on-request plans never fit.',
  'matchPages.q': 'What you need',
  'matchPages.qHint':
    "A few words such as 'equipment connectivity' or '设备联网'; services that match come first.",
  'matchPages.apply': 'Update',
  'matchPages.clear': 'Clear',
  'matchPages.invalidFilters': 'Please correct the marked fields to see recommendations.',
  'matchPages.results': '{total} services fit',
  'matchPages.resultsHeading': 'Recommended services',
  'matchPages.reasons': 'Why',
  'matchPages.empty': 'No service fits yet',
  'matchPages.emptyText': 'The catalog grows all the time; you can also browse every service.',
  'matchPages.emptyFiltered':
    'No service fits these choices. Tick fewer levels, raise the budget, or clear them.',
  'matchPages.browseCatalog': 'Browse the catalog',
  'matchPages.peers': 'Chosen by your peers',
  'matchPages.peersLead':
    'Services that enterprises of your industry cluster in your prefecture adopted (verified); a service chosen by fewer than 3 is not shown.',
  'matchPages.peersLeadVisitor':
    'Services that enterprises of the same industry cluster in that prefecture adopted (verified); a service chosen by fewer than 3 is not shown.',
  'matchPages.peersCount': 'chosen by {n} peers',
  'matchPages.peersEmpty': 'No service has been chosen by 3 or more peers yet.',
  'matchPages.noEnterprise':
    'Your account is not linked to an enterprise, so there is nothing to recommend yet',
  'matchPages.noEnterpriseText':
    "Recommendations are worked out from an enterprise's industry, size and prefecture. See My enterprise for your account's enterprise.",
  'matchPages.noProfile': "Your enterprise's details are incomplete, so there is nothing to recommend yet",
  'matchPages.noProfileText':
    'Recommendations need the industry (a GB/T 4754 division) and the prefecture. Add them under My enterprise and come back.',
  'matchPages.completeProfile': 'Complete your enterprise details',
  'matchPages.homeTitle': 'Recommended for you',
  'matchPages.homeLead': 'Services chosen for your enterprise, each with its main reason.',
  'matchPages.homeSeeAll': 'All recommendations and what your peers chose',
  'matchPages.homeEmpty': 'No service fits your enterprise yet.',
  'matchPages.fitTitle': 'Find what fits a firm like mine',
  'matchPages.fitLead':
    'No sign-up needed: choose your industry and prefecture, give your headcount and revenue, and see which cloud services fit a firm like yours, and why.',
  'matchPages.fitFormHeading': 'Your firm',
  'matchPages.fitSizeHint':
    'Headcount and revenue only serve to work out the size class by the 2017 rules (统计上大中小微型企业划分办法); nothing is saved.',
  'matchPages.fitSubmit': 'Show what fits',
  'matchPages.fitIndustryRequired': "Choose your firm's industry",
  'matchPages.fitPrefectureRequired': "Choose your firm's prefecture",
  'matchPages.fitSignupText':
    'With an enterprise account, recommendations also take your adoption records into account, and you can request services online.',
  'matchPages.fitSignup': 'Register your enterprise',
  'matchPages.fitSmeText':
    'You are signed in as an enterprise: recommendations from your registered details are in your console.',
  'matchPages.fitSmeLink': 'See recommended for you',
  'matchPages.catalogCtaTitle': 'Not sure where to start?',
  'matchPages.catalogCtaText':
    'Tell us your industry, size and prefecture to see the cloud services that fit a firm like yours, and why.',
  'matchPages.catalogCtaLink': 'Find what fits me',
  'matchPages.catalogCtaSme': 'Services chosen from your enterprise details are under Recommended for you.',
  'matchPages.catalogCtaSmeLink': 'See recommended for you',
  'matchPages.budgetCents': 'At most two decimals',
};

export const matchesPages = { zh, en };

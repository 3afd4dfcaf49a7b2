// The plain-language help pages (/help, issue 13), after the 适老化 advice for plain language: short
// sentences, everyday words, one idea per sentence. Button, section and status names are not written
// here: app/utils/help.server.ts fills them in from the pages' own messages ({button}, {section}, …),
// so the help says exactly what the page shows. Read by the server only (not registered in
// app/i18n/index.ts): the help pages' loaders send their text, and other pages never download it.
const zh = {
  'help.title': '帮助中心',
  'help.lead': '用简单的话说明企业最常遇到的三件事。每页几分钟就能读完。',
  'help.more': '还有疑问？请联系所在市州的经信部门，或在询价沟通中直接问服务商。',
  'help.levels.short': '服务目录里每个服务都标了一个层级。这里说明每个层级指什么。',
  'help.levels.lead': '上云分五个层级。层级越往后，云用得越深。不一定要按顺序来，选最适合您企业的就行。',
  'help.levels.example': '例如：{example}',
  'help.levels.iaas.text': '把服务器、存储和网络搬到云上。不用自己买机器、建机房。',
  'help.levels.iaas.example': '把企业的文件和数据库放到云服务器上。',
  'help.levels.paas.text': '把数据库、开发和运行软件的平台放到云上。您的软件在云上运行和升级。',
  'help.levels.paas.example': '用云上的数据库，或用物联网平台收集设备数据。',
  'help.levels.saas.text': '直接在网上用现成的软件办事。不用安装，按月或按年付费。',
  'help.levels.saas.example': '云上的财务、进销存、客户管理或协同办公软件。',
  'help.levels.platform.text': '把车间设备、生产和供应链连到一个平台上。在一个地方看数据、管生产。',
  'help.levels.platform.example': '设备联网后，在平台上看开机率、产量和能耗。',
  'help.levels.industrial-app.text': '在工业互联网平台上运行的小软件。每个解决一个具体的生产问题。',
  'help.levels.industrial-app.example': '设备点检、质量追溯或生产排程的 APP。',
  'help.levels.whereTitle': '在哪里看到层级',
  'help.levels.where1': '服务目录和服务详情页上，每个服务都写着它的层级。',
  'help.levels.where2': '服务上线、您确认交付后，这次上云按服务的层级记入全省上云进度。',
  'help.levels.where3': '“为您推荐”会参考您的行业和规模，推荐合适的层级和服务。',
  'help.vouchers.short': '上云券是政府补贴，能抵扣一部分订单金额。这里说明怎么用、什么时候兑付。',
  'help.vouchers.whatTitle': '上云券是什么',
  'help.vouchers.what1': '上云券是政府发的补贴。省或市州的主管部门发放。',
  'help.vouchers.what2': '它替您付一部分上云订单的钱。您只付剩下的部分。',
  'help.vouchers.what3': '有的券抵扣固定金额，有的券按订单金额的比例抵扣。每笔订单都有上限。',
  'help.vouchers.whoTitle': '谁能用',
  'help.vouchers.who1': '每种券都有条件：有效日期、所在市州、企业规模和服务层级。',
  'help.vouchers.who2': '每家企业能用的金额有上限。券的总预算用完就停。',
  'help.vouchers.who3': '不用自己判断。您能用的券，会列在订单页面的“{section}”一栏里。',
  'help.vouchers.howTitle': '怎么用',
  'help.vouchers.how1': '下单后，打开这笔订单的页面。',
  'help.vouchers.how2': '在“{section}”一栏选一张券，点“{button}”。',
  'help.vouchers.how3': '补贴从应付金额中扣掉。页面会显示您还要付多少。',
  'help.vouchers.how4': '付款前，可以换成另一张券。券抵扣了全部金额时，订单直接算作已付款。',
  'help.vouchers.paidTitle': '什么时候兑付',
  'help.vouchers.paid1': '付款后，订单页面会写明确认期限，例如“请在某日前确认交付”。',
  'help.vouchers.paid2': '服务上线后，请在期限内点“{button}”。按时确认后，补贴就兑付了。',
  'help.vouchers.paid3': '过了期限还没确认，补贴会被撤回。',
  'help.vouchers.paid4': '订单取消或退款时，补贴会释放。以后的订单还可以再用。',
  'help.orders.short': '从下单、付款、开通，到您确认交付。出了问题怎么办。',
  'help.orders.lead': '每笔订单都有一个状态，写在订单页面的标题旁边。下面按顺序说明每一步。',
  'help.orders.status': '订单状态：{status}',
  'help.orders.step1.title': '下单',
  'help.orders.step1.text':
    '在服务详情页选一个标了价格的方案，点“{button}”。也可以接受服务商的报价。付款前可以取消订单。',
  'help.orders.step2.title': '使用上云券（可选）',
  'help.orders.step2.text': '有能用的上云券时，订单页面会列出来。先用券，再付款。',
  'help.orders.step3.title': '付款',
  'help.orders.step3.transfer':
    '{method}：按订单页面上的收款账户转账，附言里写上“{reference}”。服务商核对到账后，点“{button}”。',
  'help.orders.step3.online': '{method}：点“{button}”，按提示付款。付款成功后，订单自动变成已付款。',
  'help.orders.step4.title': '服务商开通服务',
  'help.orders.step4.text': '服务商为您开通服务，并在平台上报告交付和上线日期。',
  'help.orders.step5.title': '您确认交付',
  'help.orders.step5.text':
    '服务真的能用了，就在订单页面点“{button}”。确认后，这次上云计入全省上云企业数。用了上云券的，补贴兑付。',
  'help.orders.disputeTitle': '有问题怎么办',
  'help.orders.dispute1': '服务没有开通，或和约定的不一样，请不要确认。',
  'help.orders.dispute2': '点“{button}”，写清楚哪里不对。',
  'help.orders.dispute3': '主管部门会看双方的情况和沟通记录，然后裁定。',
  'help.orders.dispute4': '支持服务商：订单确认。支持企业：订单退款。',
  'help.orders.refund': '服务商退款后，订单关闭，这次上云记录也会撤销。',
} as const;

const en: Record<keyof typeof zh, string> = {
  'help.title': 'Help',
  'help.lead':
    'Plain answers to the three things enterprises ask most. Each page takes a few minutes to read.',
  'help.more':
    'Still unsure? Ask your prefecture’s industry office, or ask the provider in the request thread.',
  'help.levels.short': 'Every service in the catalog has a level. This page says what each level means.',
  'help.levels.lead':
    'Cloud adoption has five levels. The later the level, the deeper the use of the cloud. You need not go in order: choose what fits your enterprise.',
  'help.levels.example': 'For example: {example}',
  'help.levels.iaas.text':
    'Your servers, storage and network move to the cloud. You do not buy machines or run a server room.',
  'help.levels.iaas.example': 'your files and databases on a cloud server.',
  'help.levels.paas.text':
    'Databases and the platforms to build and run software move to the cloud. Your software runs and is updated there.',
  'help.levels.paas.example': 'a cloud database, or an IoT platform that collects machine data.',
  'help.levels.saas.text':
    'You use ready-made software on the web. Nothing to install; you pay by the month or the year.',
  'help.levels.saas.example': 'cloud accounting, stock, customer or office software.',
  'help.levels.platform.text':
    'Your machines, production and supply chain join one platform. You see the data and run production in one place.',
  'help.levels.platform.example': 'connected machines show uptime, output and energy use on the platform.',
  'help.levels.industrial-app.text':
    'Small programs that run on an industrial internet platform. Each one solves one production task.',
  'help.levels.industrial-app.example':
    'apps for equipment checks, quality tracing or production scheduling.',
  'help.levels.whereTitle': 'Where you see the level',
  'help.levels.where1': 'The catalog and each service page show the service’s level.',
  'help.levels.where2':
    'When the service is live and you confirm delivery, your adoption counts in the provincial progress at that level.',
  'help.levels.where3':
    '“Recommended for you” looks at your industry and size to suggest levels and services.',
  'help.vouchers.short':
    'A voucher is a government subsidy that pays part of an order. How to use it and when it is paid out.',
  'help.vouchers.whatTitle': 'What a voucher is',
  'help.vouchers.what1':
    'A cloud voucher (上云券) is a government subsidy. The provincial or prefecture office issues it.',
  'help.vouchers.what2': 'It pays part of your cloud order. You pay only the rest.',
  'help.vouchers.what3':
    'Some vouchers take off a fixed amount, others a share of the order. Each order has a limit.',
  'help.vouchers.whoTitle': 'Who can use one',
  'help.vouchers.who1':
    'Each voucher has conditions: valid dates, prefecture, enterprise size and service level.',
  'help.vouchers.who2': 'Each enterprise can use up to a limit. When the budget runs out, the voucher stops.',
  'help.vouchers.who3':
    'You need not check this yourself. The vouchers you can use are listed on the order page, under “{section}”.',
  'help.vouchers.howTitle': 'How to use one',
  'help.vouchers.how1': 'After ordering, open the order’s page.',
  'help.vouchers.how2': 'Under “{section}”, choose a voucher and press “{button}”.',
  'help.vouchers.how3': 'The subsidy comes off the amount to pay. The page shows what you still pay.',
  'help.vouchers.how4':
    'Before paying you can switch to another voucher. If the voucher covers the whole amount, the order counts as paid at once.',
  'help.vouchers.paidTitle': 'When it is paid out',
  'help.vouchers.paid1':
    'After payment the order page shows a deadline, such as “Confirm the delivery by …”.',
  'help.vouchers.paid2':
    'When the service is live, press “{button}” before the deadline. Then the subsidy is paid out.',
  'help.vouchers.paid3': 'If you have not confirmed by the deadline, the subsidy is withdrawn.',
  'help.vouchers.paid4':
    'If the order is cancelled or refunded, the subsidy is released. You can use it on a later order.',
  'help.orders.short':
    'From ordering and paying to the service going live and your confirmation; and what to do if something is wrong.',
  'help.orders.lead':
    'Every order has a status, shown next to its title on the order page. The steps below go in order.',
  'help.orders.status': 'Order status: {status}',
  'help.orders.step1.title': 'Order',
  'help.orders.step1.text':
    'On a service page, choose a plan with a price and press “{button}”. Or accept a provider’s quote. You can cancel before paying.',
  'help.orders.step2.title': 'Use a cloud voucher (optional)',
  'help.orders.step2.text':
    'If a voucher can be used, the order page lists it. Apply the voucher first, then pay.',
  'help.orders.step3.title': 'Pay',
  'help.orders.step3.transfer':
    '{method}: pay to the account on the order page and write the “{reference}” on the transfer. The provider checks the money arrived and presses “{button}”.',
  'help.orders.step3.online':
    '{method}: press “{button}” and follow the steps. When the payment succeeds the order is marked paid by itself.',
  'help.orders.step4.title': 'The provider sets up the service',
  'help.orders.step4.text':
    'The provider sets up your service and reports the delivery and the go-live date on the platform.',
  'help.orders.step5.title': 'You confirm the delivery',
  'help.orders.step5.text':
    'When the service really works, press “{button}” on the order page. Your adoption then counts in the provincial total. If you used a voucher, the subsidy is paid out.',
  'help.orders.disputeTitle': 'If something is wrong',
  'help.orders.dispute1': 'If the service is not set up, or is not what was agreed, do not confirm.',
  'help.orders.dispute2': 'Press “{button}” and say clearly what is wrong.',
  'help.orders.dispute3': 'An official looks at both sides and the messages, then decides.',
  'help.orders.dispute4': 'For the provider: the order is confirmed. For you: the order is refunded.',
  'help.orders.refund':
    'After the provider refunds, the order is closed and this adoption record is withdrawn.',
};

export const helpPages = { zh, en };

// 隐私声明 (issue 13, "Personal information"): what Yunqiao collects about a person, why, how long it
// is kept, who sees it, and the person's rights — 个人信息保护法 (PIPL) Art. 17 lists exactly these
// as what a handler must tell people before collecting (identity of the handler, purposes and
// methods, kinds of information, retention periods, how to exercise the rights of Art. 44–47).
//
// The notice is versioned: an account stores the version it accepted (users.privacy_notice_version,
// at sign-up or later), and an account that accepted an older one is asked to read and accept the
// current one. A change in substance gets a new PRIVACY_NOTICE_VERSION (the date it takes effect);
// a typo fix does not.
//
// Pure: the retention periods are passed in by the caller (app/models/retention.server.ts holds
// them, so the notice and the deletion job can never disagree).

/** The version in force: the date it took effect (YYYY-MM-DD). */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

/** Whether an account that accepted `accepted` (null = never) must be asked to accept the current notice. */
export function needsPrivacyAcceptance(accepted: string | null | undefined): boolean {
  return accepted !== PRIVACY_NOTICE_VERSION;
}

export interface Localized {
  zh: string;
  en: string;
}

/** One kind of information: what it is, why it is kept, how long, who sees it. */
export interface DataCategory {
  id: string;
  title: Localized;
  what: Localized;
  why: Localized;
  howLong: Localized;
  whoSees: Localized;
}

/** A right and where on Yunqiao it is used (a path), when it has a page. */
export interface PrivacyRight {
  id: string;
  title: Localized;
  text: Localized;
  path: string | null;
}

export interface PrivacyNotice {
  version: string;
  intro: Localized;
  categories: DataCategory[];
  notCollected: Localized;
  rights: PrivacyRight[];
  /** What account deletion erases, and what stays (detached from the person), and why. */
  deletion: { erased: Localized[]; kept: Localized[] };
}

/** The retention limits (days) the notice states; the caller passes RETENTION_DAYS. */
export interface RetentionDays {
  loginFailures: number;
  readNotifications: number;
  sentMail: number;
}

const l = (zh: string, en: string): Localized => ({ zh, en });

/** The notice in force, with the retention periods filled in. */
export function privacyNotice(days: RetentionDays): PrivacyNotice {
  return {
    version: PRIVACY_NOTICE_VERSION,
    intro: l(
      '云桥（四川省企业上云服务平台，演示）在您注册和使用平台时处理以下个人信息。本声明依照《中华人民共和国个人信息保护法》第十七条说明处理的信息种类、目的、保存期限、可以看到这些信息的人，以及您如何行使自己的权利。平台只收集提供服务所必需的信息。',
      'Yunqiao (the Sichuan enterprise cloud-adoption marketplace, demo) processes the personal information below when you sign up and use it. As Article 17 of the Personal Information Protection Law of the PRC requires, this notice says what is processed, why, how long it is kept, who can see it, and how you exercise your rights. Only what the service needs is collected.',
    ),
    categories: [
      {
        id: 'account',
        title: l('账号信息', 'Your account'),
        what: l(
          '电子邮箱、联系人姓名、密码（只保存不可逆的 argon2id 摘要）、界面语言、登录会话版本号、接受本声明的版本和时间。',
          'Email address, contact name, password (only an irreversible argon2id hash is stored), interface language, sign-in session version, and the version and time you accepted this notice.',
        ),
        why: l('登录、找回密码、发送与您的询价和订单有关的通知。', 'Signing in, password reset, and telling you about your requests and orders.'),
        howLong: l(
          '直到您注销账号；注销时立即抹去（见下文“注销账号”）。',
          'Until you delete your account; erased at once when you do (see "Deleting your account" below).',
        ),
        whoSees: l(
          '您本人；平台管理员在账号管理页面看到邮箱、姓名、角色和状态，用于停用滥用的账号。',
          'You; platform administrators see email, name, role and status in account management, to suspend abused accounts.',
        ),
      },
      {
        id: 'organisation',
        title: l('企业或服务商资料', 'Enterprise or provider profile'),
        what: l(
          '企业：统一社会信用代码、名称、所在市州、行业、从业人员和营业收入（用于计算企业规模）。服务商：机构信息、资质、网站、联系人姓名、电话和邮箱、收款账户。',
          'Enterprises: unified social credit code (USCC), name, prefecture, industry, employees and revenue (to compute the enterprise size). Providers: organisation details, certifications, website, contact name, phone and email, receiving bank account.',
        ),
        why: l(
          '匹配合适的云服务、审核服务商、统计本省企业上云进度（“上云计数”）。',
          'Matching suitable cloud services, vetting providers, and counting the province’s cloud adoption (the campaign counter).',
        ),
        howLong: l(
          '企业和服务商是机构而不是个人，其资料在注销后仍作为计数和审计依据保留；其中属于个人的联系人姓名、电话和邮箱在注销时清除。',
          'Enterprises and providers are organisations, not persons: their records stay after deletion as the basis of the counter and the audit trail; the personal contact name, phone and email in them are cleared when you delete your account.',
        ),
        whoSees: l(
          '您本人；主管部门的工作人员只能看到其管辖市州内的企业（省级工作人员看到全省）。已发布的服务产品和服务商名称公开展示。',
          'You; government officials only see enterprises registered in their own prefecture (provincial officials: the whole province). Published offerings and provider names are public.',
        ),
      },
      {
        id: 'marketplace',
        title: l('询价、留言、报价、订单和评价', 'Requests, messages, quotes, orders and reviews'),
        what: l(
          '您写的需求和留言、收到的报价、订单和付款记录（转账附言、金额）、上云券使用记录、评价内容。',
          'Your needs and messages, the quotes you receive, orders and payment records (transfer reference, amounts), cloud-voucher claims, and your reviews.',
        ),
        why: l(
          '让您和服务商沟通、成交、付款和处理争议；订单是上云计数和财政补贴（上云券）的凭据。',
          'Letting you and providers talk, agree, pay and settle disputes; orders are the evidence for the counter and for subsidies (cloud vouchers).',
        ),
        howLong: l(
          '订单、报价和评价作为交易和补贴凭据长期保留；注销后保留但不再与您个人关联（作者显示为“已注销用户”）。',
          'Orders, quotes and reviews are kept as transaction and subsidy records; after deletion they stay but are no longer linked to you (the author shows as “已注销用户” / deleted user).',
        ),
        whoSees: l(
          '您和交易对方（服务商只看到发给它的询价；只有您选择“邮件联系”时才看到您的邮箱）；主管部门工作人员（企业所在市州或省级）可以查阅，但不能修改，只有争议裁决例外。评价公开展示，但不显示姓名。',
          'You and the other party (a provider only sees requests sent to it, and your email only when you chose “contact by email”); officials of your enterprise’s prefecture or of the province may read them but not change them, except to decide a dispute. Reviews are public, without names.',
        ),
      },
      {
        id: 'notifications',
        title: l('站内通知和邮件', 'Notifications and mail'),
        what: l('发给您的站内通知，以及发往您邮箱的邮件（收件人、标题和正文）。', 'Notifications shown to you, and mail sent to your address (recipient, subject and body).'),
        why: l('告诉您询价、报价和订单的变化。', 'Telling you when your requests, quotes and orders change.'),
        howLong: l(
          `已读通知在阅读 ${days.readNotifications} 天后删除（未读的保留）；已发送的邮件在发送 ${days.sentMail} 天后删除。注销时一并删除。`,
          `Read notifications are deleted ${days.readNotifications} days after they were read (unread ones stay); sent mail is deleted ${days.sentMail} days after sending. Both are deleted when you delete your account.`,
        ),
        whoSees: l('您本人；邮件服务商在投递时经手邮件。', 'You; the mail service handles the mail while delivering it.'),
      },
      {
        id: 'logs',
        title: l('安全和审计记录', 'Security and audit records'),
        what: l(
          '登录失败记录（邮箱和 IP 地址）；防滥用计数器（只保存邮箱、IP 的 SHA-256 摘要）；审计日志（谁在何时对哪条记录做了什么，不含邮箱和姓名）；工作人员查看企业联系方式的记录。',
          'Failed sign-ins (email and IP address); abuse-limit counters (only SHA-256 digests of emails and IPs); the audit log (who did what to which record and when, without emails or names); the log of officials viewing an enterprise’s contact details.',
        ),
        why: l(
          '保护账号安全、防止滥用，以及事后核查工作人员和用户的操作（包括谁看过您的联系方式）。',
          'Keeping accounts safe, preventing abuse, and checking afterwards what officials and users did (including who saw your contact details).',
        ),
        howLong: l(
          `登录失败记录保存 ${days.loginFailures} 天；防滥用计数器在其时间窗结束后自动失效；审计日志和联系方式查看记录与相关记录一同保留，注销后不再指向您个人。`,
          `Failed sign-ins are kept ${days.loginFailures} days; abuse-limit counters lapse when their window ends; the audit log and the contact-view log are kept with the records they concern and no longer point to you after deletion.`,
        ),
        whoSees: l(
          '平台运维人员和有权限的工作人员；联系方式查看记录中与您企业有关的部分，您可以在“我的数据”中查看和下载。',
          'Platform operators and authorised officials; the part of the contact-view log about your enterprise is shown to you under “My data” and included in your download.',
        ),
      },
      {
        id: 'analytics',
        title: l('统计数据（不含个人信息）', 'Statistics (no personal information)'),
        what: l(
          '服务产品每天的浏览次数（排除搜索引擎爬虫）、没有结果的搜索词（按月计数）、上云计数的汇总数字。',
          'Daily view counts of offerings (search-engine robots excluded), searches that found nothing (counted per month), and the counter’s totals.',
        ),
        why: l('改进目录和搜索，公布上云进度。', 'Improving the catalog and search, and publishing adoption progress.'),
        howLong: l('长期保存；这些数据只有计数，不记录是谁浏览或搜索的。', 'Kept; they are counts only and record nobody’s identity.'),
        whoSees: l('服务商看到自己产品的浏览统计；汇总的上云进度公开。', 'Providers see the views of their own offerings; the counter’s totals are public.'),
      },
    ],
    notCollected: l(
      '平台不使用第三方广告或跟踪脚本，不出售个人信息，也不会把您的个人信息提供给交易对方和主管部门以外的人，法律另有规定的除外。',
      'Yunqiao uses no third-party advertising or tracking scripts, does not sell personal information, and gives your personal information to nobody beyond the other party of a transaction and the competent authorities, unless the law requires otherwise.',
    ),
    rights: [
      {
        id: 'access',
        title: l('查阅和复制（导出）', 'Access and copy (download)'),
        text: l(
          '在“我的数据”页面查看平台保存的与您有关的信息，并下载一份 ZIP 文件（JSON 和每类一份 CSV）。',
          'On “My data”, see what Yunqiao holds about you and download it as a ZIP file (JSON, and one CSV per kind).',
        ),
        path: '/account/data',
      },
      {
        id: 'correct',
        title: l('更正', 'Correction'),
        text: l(
          '在企业控制台或服务商的“机构信息”页面修改资料；修改密码在“修改密码”页面。',
          'Edit your profile in the enterprise console or on the provider’s “Organisation” page; change your password on “Change password”.',
        ),
        path: '/account/password',
      },
      {
        id: 'delete',
        title: l('删除（注销账号）和撤回同意', 'Deletion (delete your account) and withdrawing consent'),
        text: l(
          '在“注销账号”页面输入密码即可注销。撤回对本声明的同意即是注销账号：没有这些信息平台无法为您提供服务。',
          'Enter your password on “Delete account”. Withdrawing your consent to this notice means deleting the account: without this information the service cannot be provided.',
        ),
        path: '/account/delete',
      },
      {
        id: 'ask',
        title: l('询问和投诉', 'Questions and complaints'),
        text: l(
          '对本声明或个人信息处理有疑问，可联系平台管理员；您也有权向网信部门投诉。',
          'For questions about this notice or how your information is handled, contact the platform administrators; you may also complain to the cyberspace administration authorities.',
        ),
        path: null,
      },
    ],
    deletion: {
      erased: [
        l('账号的邮箱、姓名和密码：邮箱改为无法使用的占位地址，姓名显示为“已注销用户”，密码无法再用于登录；该邮箱可以重新注册。', 'The account’s email, name and password: the email becomes an unusable placeholder, the name shows as “已注销用户” (deleted user), and no password can sign in any more; the email address can be used to sign up again.'),
        l('您在所有设备上的登录立即结束。', 'Every sign-in of the account, on every device, ends at once.'),
        l('服务商资料中的联系人姓名、电话和邮箱。', 'The contact name, phone and email in a provider profile.'),
        l('站内通知、待发送和已发送的邮件、密码重置链接。', 'Notifications, pending and sent mail, and password-reset links.'),
      ],
      kept: [
        l('企业的统一社会信用代码和资料、上云事件和订单：它们是全省上云计数和财政补贴的依据，保留但不再与任何账号关联。', 'The enterprise’s USCC and profile, its adoption events and its orders: they are the basis of the province’s counter and of subsidies, and stay without being linked to any account.'),
        l('审计日志：记录保留，但不含您的邮箱和姓名。', 'The audit log: its rows stay, without your email or name.'),
        l('留言、报价和评价的内容：对方仍需要这些记录，作者显示为“已注销用户”。', 'The text of messages, quotes and reviews: the other party still needs them; the author shows as “已注销用户” (deleted user).'),
      ],
    },
  };
}

/** The localized text for a locale (English for 'en', Chinese otherwise). */
export function localize(text: Localized, locale: string): string {
  return locale === 'en' ? text.en : text.zh;
}

// The bell in the header and the notifications page (通知). The text of each notification
// (`notify.<kind>.title` / `.body`) lives with the feature that sends it, not here.
const zh = {
  'notifications.bell': '通知（没有未读）',
  'notifications.bellUnread': '通知（{n} 条未读）',
  'notifications.title': '通知',
  'notifications.lead': '询价、报价和订单有变化时，会在这里通知您，同时发送邮件。打开一条通知即标为已读。',
  'notifications.summary': '共 {total} 条，{unread} 条未读',
  'notifications.unread': '未读',
  'notifications.read': '已读',
  'notifications.markAllRead': '全部标为已读',
  'notifications.listLabel': '通知列表',
  'notifications.empty': '暂时没有通知',
  'notifications.emptyText': '询价收到回复、收到报价或订单状态变化时，会在这里通知您。',
};

const en: Record<keyof typeof zh, string> = {
  'notifications.bell': 'Notifications (none unread)',
  'notifications.bellUnread': 'Notifications ({n} unread)',
  'notifications.title': 'Notifications',
  'notifications.lead':
    'You are told here, and by email, when your requests, quotes and orders change. Opening a notification marks it read.',
  'notifications.summary': '{total} in all, {unread} unread',
  'notifications.unread': 'Unread',
  'notifications.read': 'Read',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.listLabel': 'Notifications',
  'notifications.empty': 'No notifications yet',
  'notifications.emptyText':
    'You will be told here when a request gets a reply, a quote arrives or an order changes.',
};

export const notifications = { zh, en };

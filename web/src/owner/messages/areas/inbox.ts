import { defineArea } from '../area.ts';

/** Words of /messages: the inbox. */
export default defineArea(
  {
    title: '消息',
    back: '返回首页',
    loading: '正在读取消息…',
    retry: '重新读取',
    unreadCount: '{n} 条未读',
    allRead: '全部已读',
    markAll: '全部标为已读',
    empty: '还没有消息。',
    unread: '未读',
    read: '已读',
    open: '打开：{text}',
    more: '加载更多',
    noMore: '没有更多消息了。',
    hasLink: '点击查看详情',
  },
  {
    title: 'Messages',
    back: 'Back to home',
    loading: 'Reading your messages…',
    retry: 'Try again',
    unreadCount: '{n} unread',
    allRead: 'All read',
    markAll: 'Mark all as read',
    empty: 'No messages yet.',
    unread: 'Unread',
    read: 'Read',
    open: 'Open: {text}',
    more: 'Load more',
    noMore: 'No more messages.',
    hasLink: 'Tap to see more',
  },
);

/** 中文（默认）。Words follow ../shared/ui.md: the statute's terms, plain sentences, what to do next. */
export default {
  app: { name: '共决', tagline: '业主大会电子表决' },
  language: { switchTo: 'English', label: '切换语言' },
  notFound: { title: '没有找到这个页面', body: '链接可能不完整。请回到首页。', home: '回到首页' },
};

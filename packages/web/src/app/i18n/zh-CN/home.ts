export default {
  home: {
    welcome: '{{name}}，您好',
    quickLinks: '快捷入口',
    notSet: '未设置',
  },
};

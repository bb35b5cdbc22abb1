export default {
  profile: {
    account: '账号信息',
    member: '团员信息',
    notLinked: '当前账号未关联团员信息',
  },
};

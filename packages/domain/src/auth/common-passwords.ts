/**
 * Some of the most common passwords, from public leak statistics (international and
 * Chinese sites: CSDN, 天涯, 12306 leaks). Lower-case; compared case-insensitively.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // international top lists
  '123456', '123456789', '12345678', '12345', '1234567', '1234567890', '1234', '111111', '000000',
  '123123', 'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'p@ssw0rd1',
  'p@ssw0rd123', 'p@55w0rd', 'pass@123', 'pass@word1', 'password!', 'password@123', 'password#1',
  'qwerty', 'qwerty123', 'qwerty1', 'qwertyuiop', 'qwer1234', 'qwert123', 'asdfgh', 'asdf1234',
  'asdfghjkl', 'zxcvbnm', 'zxcvbn', 'zxcv1234', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', 'q1w2e3r4',
  'q1w2e3r4t5', '1qaz2wsx', '1qaz2wsx3edc', '1qaz@wsx', '1qaz!qaz', '!qaz2wsx', '!qaz@wsx',
  'zaq12wsx', 'zaq1@wsx', 'abc123', 'abc12345', 'abc123456', 'abcd1234', 'abcd@1234', 'abc@123',
  'abc@1234', 'abcdefg', 'abcdef', 'a12345', 'a123456', 'a1234567', 'a12345678', 'a123456789',
  'aa123456', 'aa12345678', 'aaa111', 'aaaaaa', 'admin', 'admin123', 'admin@123', 'admin1234',
  'admin888', 'administrator', 'root', 'root123', 'root@123', 'toor', 'test', 'test123',
  'test@123', 'guest', 'welcome', 'welcome1', 'welcome123', 'welcome@123', 'letmein', 'login',
  'iloveyou', 'iloveyou1', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football',
  'baseball', 'shadow', 'superman', 'michael', 'trustno1', 'starwars', 'hello123', 'hello',
  'changeme', 'secret', 'qazwsx', 'qazwsxedc', '123qwe', '123qweasd', '123qwe!@#', 'qwe123',
  'qwe123!@#', 'qwe!@#123', 'qweasd', 'qweasdzxc', 'qweasd123', '1q2w3e!q@w#e', '!@#$%^&*',
  '!@#$%^', '!@#123', '!@#qwe', '123!@#', '123!@#qwe', '147258369', '147258', '159357',
  '159753', '123321', '654321', '666666', '888888', '88888888', '11111111', '00000000',
  '12341234', '11223344', '112233', '121212', '123654', '987654321', '7777777', '5201314',
  // Chinese-typical
  'woaini', 'woaini1314', 'woaini520', 'woaini123', 'woaini521', 'iloveyou1314', '1314520',
  '5201314520', '520520', '521521', '1314521', '520123', 'aini1314', 'wodemima', 'mima123',
  'mima1234', 'woshishui', 'zhang123', 'wang123', 'li123456', 'liu123456', 'chen123456',
  'zhangwei', 'wangwei', 'zhanghao', 'nihao123', 'nihao', 'qq123456', 'qq1234', 'qq5201314',
  'baidu123', 'taobao123', 'weixin123', 'wechat123', 'huawei123', 'huawei@123', 'xiaomi123',
  'zhongguo', 'zhongguo123', 'china123', 'china@123', 'beijing', 'beijing123', 'shanghai',
  'aa123123', 'aa112233', 'a123123', 'a111111', 'a000000', 'a5201314', 'a1314520', 'a147258',
  'aaa123', 'aaa123456', 'asd123', 'asd123456', 'asdasd', 'asdasd123', 'zxc123', 'zxc123456',
  'zxcvbnm123', 'qaz123', 'qaz123456', 'wsx123', '123abc', '123456a', '123456aa', '123456abc',
  '123456qq', '123456q', '12345a', '1234qwer', '1234abcd', 'aa123456!', 'aa123456@', 'a123456!',
  'a123456@', 'a123456.', 'a1234567!', 'a12345678!', 'aa888888', 'abc888888', '88888888a',
  'aaa666666', '666666a', 'abc666666', 'gongqingtuan', 'tuanwei123', 'zhengxian', 'zhengxian123',
];

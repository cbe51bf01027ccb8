import { defineArea } from '../area.ts';

/** Words of the login page. */
export default defineArea(
  {
    title: '用手机号登录',
    intro: '我们会给您的手机发一条短信验证码。不需要密码。',
    phone: '手机号',
    phonePlaceholder: '请输入手机号',
    sendCode: '获取验证码',
    sendAgain: '重新获取验证码',
    sent: '验证码已发到 {phone}，请在 {time} 之前输入。',
    code: '验证码',
    codePlaceholder: '短信里的数字',
    codeHint: '收到短信后，可以直接粘贴整条短信，我们会取出其中的数字。',
    submit: '登录',
    needPhone: '请先输入手机号。',
    needCode: '请输入短信里的验证码。',
    working: '请稍候…',
  },
  {
    title: 'Log in with your phone',
    intro: 'We will text a code to your phone. No password is needed.',
    phone: 'Phone',
    phonePlaceholder: 'Your mobile number',
    sendCode: 'Send me a code',
    sendAgain: 'Send a new code',
    sent: 'The code was sent to {phone}. Enter it before {time}.',
    code: 'Code',
    codePlaceholder: 'The digits in the text',
    codeHint: 'You can paste the whole text message: we take the digits from it.',
    submit: 'Log in',
    needPhone: 'Enter your phone number first.',
    needCode: 'Enter the code from the text message.',
    working: 'Please wait…',
  },
);

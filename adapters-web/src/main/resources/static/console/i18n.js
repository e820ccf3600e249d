// Chinese and English. The language comes from the browser, can be switched, and is remembered in localStorage.
// Numbers, dates and money are formatted with Intl for the chosen locale. 500,000 quota units = 1 USD.
const UNITS_PER_USD = 500000;
const STORE = 'tollgate.lang';

const MESSAGES = {
  en: {
    'app.name': 'Tollgate', 'app.tagline': 'LLM API gateway',
    'lang.label': 'Language', 'signout': 'Sign out', 'skip': 'Skip to content',
    'nav.label': 'Main', 'nav.dashboard': 'Dashboard', 'nav.channels': 'Channels', 'nav.keys': 'Keys',
    'nav.prices': 'Prices', 'nav.redemptions': 'Redemption codes', 'nav.redeem': 'Redeem a code',
    'nav.usage': 'Usage', 'nav.ledger': 'Ledger',
    'login.title': 'Sign in', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Sign in',
    'login.api': 'Scripts use the REST API: see the API documentation.', 'login.docs': 'API documentation',
    'login.or': 'or', 'login.with': 'Sign in with {name}', 'register.title': 'Create an account',
    'register.submit': 'Create the account and sign in', 'register.passwordHint': 'At least 12 characters.',
    'register.invite': 'Invite code', 'register.inviteOptional': 'Invite code (optional)',
    'nav.users': 'Users', 'users.title': 'Users', 'users.create': 'Add a user', 'users.role': 'Role',
    'users.registered': 'Registered', 'users.wallet': 'Wallet', 'users.credit': 'Add quota',
    'users.amount': 'Amount (units)', 'users.reason': 'Reason', 'users.credited': '{name}: balance now {balance}.',
    'users.created': 'User "{name}" added.',
    'common.save': 'Save', 'common.create': 'Create', 'common.actions': 'Actions', 'common.status': 'Status',
    'common.name': 'Name', 'common.enabled': 'enabled', 'common.disabled': 'disabled', 'common.enable': 'Enable',
    'common.disable': 'Disable', 'common.delete': 'Delete', 'common.none': 'Nothing yet.', 'common.prev': 'Previous',
    'common.next': 'Next', 'common.page': 'Page {page} of {pages}', 'common.copy': 'Copy', 'common.copied': 'Copied',
    'common.units': '{n} units', 'common.time': 'Time', 'common.model': 'Model', 'common.models': 'Models', 'common.never': 'never',
    'common.unlimited': 'unlimited', 'common.saved': 'Saved.', 'common.confirmDelete': 'Delete "{name}"?',
    'common.loading': 'Loading…', 'common.error': 'Error: {message}', 'common.expired': 'expired',
    'dash.title': 'Dashboard', 'dash.balance': 'Balance', 'dash.requests': 'Requests (14 days)',
    'dash.spent': 'Spent (14 days)', 'dash.channels': 'Channels', 'dash.channelsHealth': '{enabled} enabled, {disabled} disabled',
    'dash.spendingByDay': 'Spending by day', 'dash.requestsByDay': 'Requests by day', 'dash.byModel': 'By model',
    'dash.noUsage': 'No requests in the last 14 days.', 'dash.unlimitedWallet': 'not limited',
    'dash.tokens': 'Tokens in / out', 'dash.cost': 'Cost',
    'ch.title': 'Channels', 'ch.create': 'Add a channel', 'ch.type': 'Type (provider preset)', 'ch.baseUrl': 'Base URL',
    'ch.baseUrlHint': 'Leave empty to use the preset\'s address.', 'ch.keys': 'Keys (one per line)',
    'ch.models': 'Models (comma-separated)', 'ch.groups': 'Groups (comma-separated)', 'ch.priority': 'Priority',
    'ch.weight': 'Weight', 'ch.test': 'Test', 'ch.testOk': '{name}: OK, {status} in {ms} ms ({model})',
    'ch.testFailed': '{name}: failed ({status}) {message}', 'ch.created': 'Channel "{name}" added.',
    'ch.groupsCol': 'Groups', 'ch.edit': 'Edit', 'ch.cancel': 'Cancel', 'ch.editing': 'Edit "{name}"', 'ch.saved': 'Channel "{name}" saved.', 'ch.keysKeep': 'Empty: its {n} key(s) stay as they are; keys entered here replace them.', 'ch.typeCol': 'Type', 'ch.priorityWeight': 'Priority / weight',
    'keys.title': 'Keys', 'keys.create': 'Create a key', 'keys.quota': 'Quota (units)',
    'keys.quotaHint': '500,000 units = 1 USD', 'keys.unlimited': 'Unlimited quota', 'keys.expires': 'Expires on',
    'keys.expiresHint': 'Empty: never expires.', 'keys.models': 'Allowed models (comma-separated, empty: all)',
    'keys.secretTitle': 'Your new key', 'keys.secretOnce': 'Copy it now: it is shown only this once.',
    'keys.secretLabel': 'Key', 'keys.key': 'Key', 'keys.remaining': 'Remaining', 'keys.used': 'Used',
    'keys.expiresCol': 'Expires',
    'prices.title': 'Prices', 'prices.input': 'Input per 1M tokens (units)', 'prices.output': 'Output per 1M tokens (units)',
    'prices.set': 'Set a price', 'prices.defaults': 'Load the default price table',
    'prices.defaultsDone': '{count} prices loaded.', 'prices.inputCol': 'Input / 1M', 'prices.outputCol': 'Output / 1M',
    'prices.cacheReadCol': 'Cache read / 1M', 'prices.cacheWriteCol': 'Cache write / 1M',
    'prices.audioInputCol': 'Audio in / 1M', 'prices.audioOutputCol': 'Audio out / 1M',
    'prices.cachedInput': 'Cache read per 1M tokens (units)', 'prices.cacheWrite': 'Cache write per 1M tokens (units)',
    'prices.audioInput': 'Audio input per 1M tokens (units)', 'prices.audioOutput': 'Audio output per 1M tokens (units)',
    'prices.optionalHint': 'default',
    'red.title': 'Redemption codes', 'red.create': 'Create a batch', 'red.count': 'Number of codes',
    'red.value': 'Value per code (units)', 'red.expires': 'Expires on', 'red.codesTitle': 'The new codes',
    'red.codesOnce': 'Copy them now: they are shown only this once.', 'red.codes': 'Codes', 'red.redeemed': 'Redeemed',
    'red.valueCol': 'Value', 'redeem.title': 'Redeem a code', 'redeem.code': 'Redemption code',
    'redeem.submit': 'Redeem', 'redeem.done': 'Redeemed. Your balance is now {balance}.',
    'usage.title': 'Usage', 'usage.tokensIn': 'Tokens in', 'usage.tokensOut': 'Tokens out', 'usage.cost': 'Cost',
    'usage.latency': 'Latency', 'usage.outcome': 'Outcome', 'usage.total': '{requests} requests, {cost}',
    'ledger.title': 'Ledger', 'ledger.kind': 'Kind', 'ledger.amount': 'Amount', 'ledger.reason': 'Reason',
    'ledger.actor': 'By', 'ledger.csv': 'Download CSV', 'usage.filter': 'Filter',
    'filter.search': 'Search', 'common.auto_disabled': 'auto-disabled', 'usage.key': 'Key',
    'ch.testAll': 'Test all channels', 'ch.testingAll': 'Testing the channels…',
    'ch.testAllDone': '{succeeded} of {tested} channels answered.', 'ch.testResults': 'Test results',
    'ch.result': 'Result', 'ch.ok': 'OK', 'ch.failed': 'failed', 'ch.upstreamStatus': 'Upstream status',
    'ch.message': 'Reply or error', 'ch.testRemaining': '{n} more channels not tested: narrow the filter to reach them.',
    'ch.keysCol': 'Keys', 'ch.fetchModels': 'Fetch from the upstream',
    'ch.fetchHint': 'Available once the channel is saved: asks its upstream for its model list.',
    'ch.fetchUnsupported': 'This provider publishes no model list.', 'ch.fetched': '{n} models filled in from the upstream.',
    'ch.modelMapping': 'Model mapping (one per line)', 'ch.modelMappingHint': 'client model=upstream model',
    'ch.priorityHint': 'Higher is tried first.', 'ch.weightHint': 'Share of traffic among equal priorities.',
    'ch.maxConcurrency': 'Most requests at once', 'ch.maxConcurrencyHint': 'Empty: no limit.',
    'ch.timeouts': 'Time-outs (seconds)', 'ch.connectTimeout': 'Connect', 'ch.firstByteTimeout': 'First byte',
    'ch.idleTimeout': 'Idle in a stream', 'ch.totalTimeout': 'Whole answer', 'ch.defaultPlaceholder': 'default',
    'ch.timeoutsHint': 'Between 1 and 3600 seconds; empty: the server\'s default.',
    'ch.headers': 'Extra headers (one per line)', 'ch.headersHint': 'Name: value — sent to the upstream with every request; no credentials.',
    'ch.options': 'Other options (one per line)', 'ch.optionsHint': 'name=value, e.g. apiVersion for Azure, location for Vertex.',
    'ch.pairError': 'Cannot read the line "{line}".',
    'keys.group': 'Group', 'keys.groupHint': 'Empty: the organisation\'s group.', 'keys.subnets': 'Allowed addresses (comma-separated)',
    'keys.subnetsHint': 'IP addresses or CIDR subnets; empty: any.', 'keys.rpm': 'Requests per minute',
    'keys.tpm': 'Tokens per minute', 'keys.limitsCol': 'Restrictions',
    'org.yourInvitations': 'Your invitations', 'org.accept': 'Accept', 'org.decline': 'Decline',
    'org.budget': 'Budget this month', 'org.memberLimits': 'A member\'s budget and rate limit',
    'org.monthlyBudget': 'Monthly budget (units)', 'org.budgetHint': 'Empty: no budget of their own.',
    'org.invitations': 'Invitations', 'org.invitee': 'Invited', 'org.withdraw': 'Withdraw',
    'org.inviteUser': 'Invite a user', 'org.invited': 'Invitation sent to {name}.', 'org.inviteEmail': 'Invite by e-mail',
    'org.email': 'E-mail address', 'org.emailHint': 'Needs SMTP; they may have no account yet.',
    'org.policy': 'Policy', 'org.groups': 'Groups', 'org.anyGroup': 'the default group', 'org.anyModel': 'all models',
    'org.orgLimits': 'Organisation rate limit', 'org.keyDefaults': 'Key defaults', 'org.grant': 'Save the grant',
    'org.modelsHint': 'Empty: every model.', 'org.balanceNow': 'Balance now {balance}.', 'org.kind': 'Kind',
    'org.kind.top_up': 'top-up', 'org.kind.adjustment': 'adjustment', 'org.debit': 'Deduct quota',
    'org.debitHint': 'Never below zero.',
    'prices.ratios': 'one-api ratios', 'prices.ratiosJson': 'Ratio JSON (ModelRatio, CompletionRatio, GroupRatio)',
    'prices.ratiosHint': 'Paste one-api\'s ratio settings to import them as prices, or export the current prices as ratios.',
    'prices.import': 'Import', 'prices.export': 'Export', 'prices.notJson': 'The text is not JSON.',
    'prices.imported': '{count} prices imported.', 'prices.exported': '{count} models exported as ratios.',
    'settings.site': 'Site', 'settings.siteName': 'Name', 'settings.logo': 'Logo (PNG, JPEG, GIF or WebP, at most 100 KB)',
    'settings.removeLogo': 'Remove the logo', 'settings.notice': 'Notice shown after sign-in',
    'settings.footer': 'Footer', 'settings.plainText': 'Plain text; line breaks are kept.',
    'settings.logoTooLarge': 'The logo is larger than 100 KB.', 'settings.providers': 'External sign-in',
    'settings.providersHint': 'Configured in the server\'s settings (tollgate.auth.*); shown here as the sign-in page offers them.',
    'settings.noProviders': 'None configured.', 'notice.dismiss': 'Hide the notice',
    'reset.open': 'Forgot your password?', 'reset.title': 'Reset the password', 'reset.send': 'Mail me a code',
    'reset.sent': 'If the account has a verified e-mail address, a code is on its way.', 'reset.code': 'Code from the e-mail',
    'reset.confirm': 'Set the new password', 'reset.done': 'Password changed: sign in with the new one.',
    'email.title': 'E-mail address', 'email.none': 'No e-mail address yet: add one to reset your password by mail.',
    'email.verified': '{email} (verified)', 'email.unverified': '{email} (not verified yet)', 'email.set': 'Save and send a code',
    'email.verify': 'Verify', 'email.codeSent': 'A code was sent to {email}.', 'email.verifiedNote': 'E-mail address verified.',
    'filter.from': 'From', 'filter.to': 'To (inclusive)', 'filter.apply': 'Apply', 'filter.all': 'all',
    'keys.rotate': 'Rotate', 'keys.confirmRotate': 'Replace the secret of "{name}"? The old one stops working at once.',
    'red.csv': 'CSV', 'nav.account': 'My account', 'account.title': 'My account',
    'account.incentives': 'Check-in and invitations', 'account.checkIn': 'Daily check-in',
    'account.checkedIn': 'Checked in. Your balance is now {balance}.',
    'account.invitees': '{invitees} signed up with your code, {rewarded} of them rewarded you.',
    'account.inviteCode': 'Your invite code', 'account.inviteHint': 'New users enter it when they create an account.',
    'account.tokens': 'Personal access tokens', 'account.tokensHint': 'For scripts and CI: sent as "Authorization: Bearer tgp_…" to the REST API.',
    'account.tokenCreate': 'Create a token', 'account.scope': 'Scope', 'account.revoke': 'Revoke',
    'account.revoked': 'revoked', 'account.expiresHint': 'Empty: 90 days.', 'account.password': 'Change the password',
    'account.currentPassword': 'Current password', 'account.newPassword': 'New password',
    'account.passwordChanged': 'Password changed; your other sessions have ended.',
    'nav.audit': 'Audit log', 'audit.title': 'Audit log', 'audit.action': 'Action', 'audit.targetType': 'Target type',
    'audit.target': 'Target', 'audit.details': 'Details', 'audit.address': 'Address',
    'nav.settings': 'Settings', 'settings.title': 'Settings', 'settings.registration': 'Registration',
    'settings.mode': 'Who may create an account', 'settings.mode.closed': 'nobody (admins add users)',
    'settings.mode.invite-only': 'with an invite code', 'settings.mode.open': 'anyone',
    'settings.incentives': 'Incentives (units)', 'settings.signupBonus': 'Sign-up bonus',
    'settings.checkInBonus': 'Daily check-in bonus', 'settings.inviteeBonus': 'Bonus for the invited user',
    'settings.inviterReward': 'Reward for the inviter', 'settings.inviterRewardOn': 'Inviter rewarded on',
    'settings.on.sign_up': 'the invitee\'s sign-up', 'settings.on.first_top_up': 'the invitee\'s first top-up',
    'settings.inviterRewardCap': 'Most rewards per inviter', 'settings.capHint': '0: no cap.',
    'settings.limits': 'Per-user rate limits', 'settings.userRpm': 'Requests per minute',
    'settings.userTpm': 'Tokens per minute', 'settings.noLimitHint': 'Empty: no limit.',
    'settings.configFile': 'Configuration file', 'settings.configFile.applied': 'In force',
    'settings.configFile.invalid': 'Refused, the last valid version stays in force',
    'settings.configFile.failed': 'Applying failed, tried again', 'settings.configFile.unread': 'Not read yet',
    'settings.configFile.line': 'Line',
    'settings.configFile.hint': 'What the file declares is changed by editing the file, not here.',
    'dash.groupBy': 'Group by', 'dash.by.model': 'Model', 'dash.by.token': 'Key', 'dash.by.member': 'Member',
    'dash.by.organization': 'Organisation',
    'nav.organizations': 'Organisations', 'org.title': 'Organisations', 'org.personal': 'personal',
    'org.yourRole': 'Your role', 'org.members': 'Members', 'org.manage': 'Manage', 'org.create': 'Create an organisation',
    'org.addMember': 'Add a member', 'org.remove': 'Remove', 'org.toggleRole': 'Change the role of',
    'org.makeAdmin': 'Make admin', 'org.makeMember': 'Make member',
  },
  'zh-CN': {
    'app.name': 'Tollgate', 'app.tagline': '大模型 API 网关',
    'lang.label': '语言', 'signout': '退出登录', 'skip': '跳到正文',
    'nav.label': '主导航', 'nav.dashboard': '仪表盘', 'nav.channels': '渠道', 'nav.keys': '令牌',
    'nav.prices': '模型价格', 'nav.redemptions': '兑换码', 'nav.redeem': '兑换',
    'nav.usage': '使用记录', 'nav.ledger': '额度明细',
    'login.title': '登录', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录',
    'login.api': '脚本请使用 REST API，详见 API 文档。', 'login.docs': 'API 文档',
    'login.or': '或', 'login.with': '使用 {name} 登录', 'register.title': '注册账号',
    'register.submit': '注册并登录', 'register.passwordHint': '至少 12 个字符。',
    'register.invite': '邀请码', 'register.inviteOptional': '邀请码（可选）',
    'nav.users': '用户', 'users.title': '用户', 'users.create': '添加用户', 'users.role': '角色',
    'users.registered': '注册时间', 'users.wallet': '钱包', 'users.credit': '充值额度',
    'users.amount': '额度（单位）', 'users.reason': '原因', 'users.credited': '{name}：当前余额 {balance}。',
    'users.created': '用户“{name}”已添加。',
    'common.save': '保存', 'common.create': '创建', 'common.actions': '操作', 'common.status': '状态',
    'common.name': '名称', 'common.enabled': '已启用', 'common.disabled': '已禁用', 'common.enable': '启用',
    'common.disable': '禁用', 'common.delete': '删除', 'common.none': '暂无数据。', 'common.prev': '上一页',
    'common.next': '下一页', 'common.page': '第 {page} / {pages} 页', 'common.copy': '复制', 'common.copied': '已复制',
    'common.units': '{n} 单位', 'common.time': '时间', 'common.model': '模型', 'common.models': '模型', 'common.never': '永不',
    'common.unlimited': '无限', 'common.saved': '已保存。', 'common.confirmDelete': '确定删除“{name}”？',
    'common.loading': '加载中…', 'common.error': '出错了：{message}', 'common.expired': '已过期',
    'dash.title': '仪表盘', 'dash.balance': '余额', 'dash.requests': '请求数（14 天）',
    'dash.spent': '消耗（14 天）', 'dash.channels': '渠道', 'dash.channelsHealth': '{enabled} 个启用，{disabled} 个禁用',
    'dash.spendingByDay': '每日消耗', 'dash.requestsByDay': '每日请求数', 'dash.byModel': '按模型',
    'dash.noUsage': '最近 14 天没有请求。', 'dash.unlimitedWallet': '不限额',
    'dash.tokens': '输入 / 输出 tokens', 'dash.cost': '消耗',
    'ch.title': '渠道', 'ch.create': '添加渠道', 'ch.type': '类型（服务商预设）', 'ch.baseUrl': '代理地址（Base URL）',
    'ch.baseUrlHint': '留空则使用预设地址。', 'ch.keys': '密钥（每行一个）',
    'ch.models': '模型（逗号分隔）', 'ch.groups': '分组（逗号分隔）', 'ch.priority': '优先级',
    'ch.weight': '权重', 'ch.test': '测试', 'ch.testOk': '{name}：测试成功，{status}，耗时 {ms} 毫秒（{model}）',
    'ch.testFailed': '{name}：测试失败（{status}）{message}', 'ch.created': '渠道“{name}”已添加。',
    'ch.groupsCol': '分组', 'ch.edit': '编辑', 'ch.cancel': '取消', 'ch.editing': '编辑“{name}”', 'ch.saved': '渠道“{name}”已保存。', 'ch.keysKeep': '留空则保留现有的 {n} 个密钥；在此填写则替换全部密钥。', 'ch.typeCol': '类型', 'ch.priorityWeight': '优先级 / 权重',
    'keys.title': '令牌', 'keys.create': '创建令牌', 'keys.quota': '额度（单位）',
    'keys.quotaHint': '500,000 单位 = 1 美元', 'keys.unlimited': '无限额度', 'keys.expires': '过期日期',
    'keys.expiresHint': '留空则永不过期。', 'keys.models': '可用模型（逗号分隔，留空为全部）',
    'keys.secretTitle': '新令牌', 'keys.secretOnce': '请立即复制：令牌只显示这一次。',
    'keys.secretLabel': '令牌', 'keys.key': '令牌', 'keys.remaining': '剩余额度', 'keys.used': '已用额度',
    'keys.expiresCol': '过期时间',
    'prices.title': '模型价格', 'prices.input': '输入价格（单位 / 百万 tokens）', 'prices.output': '输出价格（单位 / 百万 tokens）',
    'prices.set': '设置价格', 'prices.defaults': '载入默认价格表',
    'prices.defaultsDone': '已载入 {count} 个价格。', 'prices.inputCol': '输入 / 百万', 'prices.outputCol': '输出 / 百万',
    'prices.cacheReadCol': '缓存读取 / 百万', 'prices.cacheWriteCol': '缓存写入 / 百万',
    'prices.audioInputCol': '音频输入 / 百万', 'prices.audioOutputCol': '音频输出 / 百万',
    'prices.cachedInput': '缓存读取价格（单位 / 百万 tokens）', 'prices.cacheWrite': '缓存写入价格（单位 / 百万 tokens）',
    'prices.audioInput': '音频输入价格（单位 / 百万 tokens）', 'prices.audioOutput': '音频输出价格（单位 / 百万 tokens）',
    'prices.optionalHint': '默认',
    'red.title': '兑换码', 'red.create': '生成兑换码', 'red.count': '数量',
    'red.value': '每个兑换码的额度（单位）', 'red.expires': '过期日期', 'red.codesTitle': '新生成的兑换码',
    'red.codesOnce': '请立即复制：兑换码只显示这一次。', 'red.codes': '数量', 'red.redeemed': '已兑换',
    'red.valueCol': '面值', 'redeem.title': '兑换额度', 'redeem.code': '兑换码',
    'redeem.submit': '兑换', 'redeem.done': '兑换成功，当前余额 {balance}。',
    'usage.title': '使用记录', 'usage.tokensIn': '输入 tokens', 'usage.tokensOut': '输出 tokens', 'usage.cost': '消耗',
    'usage.latency': '耗时', 'usage.outcome': '结果', 'usage.total': '共 {requests} 次请求，{cost}',
    'ledger.title': '额度明细', 'ledger.kind': '类型', 'ledger.amount': '变动', 'ledger.reason': '说明',
    'ledger.actor': '操作者', 'ledger.csv': '下载 CSV', 'usage.filter': '筛选',
    'filter.search': '搜索', 'common.auto_disabled': '已自动禁用', 'usage.key': '令牌',
    'ch.testAll': '测试所有渠道', 'ch.testingAll': '正在测试渠道…',
    'ch.testAllDone': '{tested} 个渠道中 {succeeded} 个测试成功。', 'ch.testResults': '测试结果',
    'ch.result': '结果', 'ch.ok': '成功', 'ch.failed': '失败', 'ch.upstreamStatus': '上游状态码',
    'ch.message': '回复或错误', 'ch.testRemaining': '还有 {n} 个渠道未测试：请缩小筛选范围。',
    'ch.keysCol': '密钥数', 'ch.fetchModels': '从上游获取',
    'ch.fetchHint': '渠道保存后可用：向上游查询其模型列表。',
    'ch.fetchUnsupported': '该服务商不提供模型列表。', 'ch.fetched': '已从上游填入 {n} 个模型。',
    'ch.modelMapping': '模型重定向（每行一个）', 'ch.modelMappingHint': '请求中的模型=上游模型',
    'ch.priorityHint': '数值越大越优先。', 'ch.weightHint': '同优先级渠道之间的流量比例。',
    'ch.maxConcurrency': '最大并发请求数', 'ch.maxConcurrencyHint': '留空则不限制。',
    'ch.timeouts': '超时（秒）', 'ch.connectTimeout': '连接', 'ch.firstByteTimeout': '首字节',
    'ch.idleTimeout': '流式空闲', 'ch.totalTimeout': '整个回答', 'ch.defaultPlaceholder': '默认',
    'ch.timeoutsHint': '1 到 3600 秒；留空则使用服务器默认值。',
    'ch.headers': '附加请求头（每行一个）', 'ch.headersHint': '名称: 值——每次请求都发给上游；不能是凭据。',
    'ch.options': '其他选项（每行一个）', 'ch.optionsHint': '名称=值，例如 Azure 的 apiVersion、Vertex 的 location。',
    'ch.pairError': '无法识别这一行：“{line}”。',
    'keys.group': '分组', 'keys.groupHint': '留空则使用组织的分组。', 'keys.subnets': '允许的 IP（逗号分隔）',
    'keys.subnetsHint': 'IP 地址或 CIDR 网段；留空则不限。', 'keys.rpm': '每分钟请求数',
    'keys.tpm': '每分钟 tokens', 'keys.limitsCol': '限制',
    'org.yourInvitations': '你收到的邀请', 'org.accept': '接受', 'org.decline': '拒绝',
    'org.budget': '本月预算', 'org.memberLimits': '成员的预算与速率限制',
    'org.monthlyBudget': '每月预算（单位）', 'org.budgetHint': '留空则不单独设预算。',
    'org.invitations': '邀请', 'org.invitee': '被邀请人', 'org.withdraw': '撤回',
    'org.inviteUser': '邀请用户', 'org.invited': '已向 {name} 发出邀请。', 'org.inviteEmail': '通过邮件邀请',
    'org.email': '邮箱地址', 'org.emailHint': '需要配置 SMTP；对方可以还没有账号。',
    'org.policy': '策略', 'org.groups': '分组', 'org.anyGroup': '默认分组', 'org.anyModel': '全部模型',
    'org.orgLimits': '组织速率限制', 'org.keyDefaults': '令牌默认限制', 'org.grant': '保存授权',
    'org.modelsHint': '留空则允许全部模型。', 'org.balanceNow': '当前余额 {balance}。', 'org.kind': '类型',
    'org.kind.top_up': '充值', 'org.kind.adjustment': '调整', 'org.debit': '扣减额度',
    'org.debitHint': '余额不会低于零。',
    'prices.ratios': 'one-api 倍率', 'prices.ratiosJson': '倍率 JSON（ModelRatio、CompletionRatio、GroupRatio）',
    'prices.ratiosHint': '粘贴 one-api 的倍率设置即可导入为价格，或把当前价格导出为倍率。',
    'prices.import': '导入', 'prices.export': '导出', 'prices.notJson': '内容不是 JSON。',
    'prices.imported': '已导入 {count} 个价格。', 'prices.exported': '已将 {count} 个模型导出为倍率。',
    'settings.site': '站点', 'settings.siteName': '系统名称', 'settings.logo': 'Logo（PNG、JPEG、GIF 或 WebP，不超过 100 KB）',
    'settings.removeLogo': '移除 Logo', 'settings.notice': '登录后显示的公告',
    'settings.footer': '页脚', 'settings.plainText': '纯文本，保留换行。',
    'settings.logoTooLarge': 'Logo 超过 100 KB。', 'settings.providers': '第三方登录',
    'settings.providersHint': '在服务器配置（tollgate.auth.*）中设置；此处显示登录页提供的方式。',
    'settings.noProviders': '未配置。', 'notice.dismiss': '隐藏公告',
    'reset.open': '忘记密码？', 'reset.title': '重置密码', 'reset.send': '发送验证码到邮箱',
    'reset.sent': '如果该账号有已验证的邮箱，验证码已发出。', 'reset.code': '邮件中的验证码',
    'reset.confirm': '设置新密码', 'reset.done': '密码已修改，请用新密码登录。',
    'email.title': '邮箱地址', 'email.none': '尚未设置邮箱：设置后可通过邮件重置密码。',
    'email.verified': '{email}（已验证）', 'email.unverified': '{email}（尚未验证）', 'email.set': '保存并发送验证码',
    'email.verify': '验证', 'email.codeSent': '验证码已发送到 {email}。', 'email.verifiedNote': '邮箱已验证。',
    'filter.from': '开始日期', 'filter.to': '结束日期（含）', 'filter.apply': '筛选', 'filter.all': '全部',
    'keys.rotate': '重新生成', 'keys.confirmRotate': '重新生成“{name}”的密钥？旧密钥将立即失效。',
    'red.csv': 'CSV', 'nav.account': '个人设置', 'account.title': '个人设置',
    'account.incentives': '签到与邀请', 'account.checkIn': '每日签到',
    'account.checkedIn': '签到成功，当前余额 {balance}。',
    'account.invitees': '已有 {invitees} 人使用你的邀请码注册，其中 {rewarded} 人为你带来了奖励。',
    'account.inviteCode': '你的邀请码', 'account.inviteHint': '新用户注册时填写此邀请码。',
    'account.tokens': '个人访问令牌', 'account.tokensHint': '用于脚本和 CI：以 “Authorization: Bearer tgp_…” 调用 REST API。',
    'account.tokenCreate': '创建访问令牌', 'account.scope': '权限范围', 'account.revoke': '吊销',
    'account.revoked': '已吊销', 'account.expiresHint': '留空则 90 天后过期。', 'account.password': '修改密码',
    'account.currentPassword': '当前密码', 'account.newPassword': '新密码',
    'account.passwordChanged': '密码已修改，其他登录会话已失效。',
    'nav.audit': '审计日志', 'audit.title': '审计日志', 'audit.action': '操作', 'audit.targetType': '对象类型',
    'audit.target': '对象', 'audit.details': '详情', 'audit.address': '来源地址',
    'nav.settings': '系统设置', 'settings.title': '系统设置', 'settings.registration': '注册',
    'settings.mode': '谁可以注册', 'settings.mode.closed': '关闭（由管理员添加用户）',
    'settings.mode.invite-only': '凭邀请码注册', 'settings.mode.open': '开放注册',
    'settings.incentives': '奖励（单位）', 'settings.signupBonus': '注册奖励',
    'settings.checkInBonus': '每日签到奖励', 'settings.inviteeBonus': '被邀请人奖励',
    'settings.inviterReward': '邀请人奖励', 'settings.inviterRewardOn': '邀请人获得奖励的时机',
    'settings.on.sign_up': '被邀请人注册时', 'settings.on.first_top_up': '被邀请人首次充值时',
    'settings.inviterRewardCap': '每个邀请人最多奖励次数', 'settings.capHint': '0 表示不限。',
    'settings.limits': '每个用户的速率限制', 'settings.userRpm': '每分钟请求数',
    'settings.userTpm': '每分钟 tokens', 'settings.noLimitHint': '留空则不限制。',
    'settings.configFile': '配置文件', 'settings.configFile.applied': '已生效',
    'settings.configFile.invalid': '已拒绝，上一个有效版本继续生效',
    'settings.configFile.failed': '应用失败，将重试', 'settings.configFile.unread': '尚未读取',
    'settings.configFile.line': '行',
    'settings.configFile.hint': '配置文件中声明的内容请修改文件，而不是在这里修改。',
    'dash.groupBy': '分组方式', 'dash.by.model': '模型', 'dash.by.token': '令牌', 'dash.by.member': '成员',
    'dash.by.organization': '组织',
    'nav.organizations': '组织', 'org.title': '组织', 'org.personal': '个人',
    'org.yourRole': '你的角色', 'org.members': '成员', 'org.manage': '管理', 'org.create': '创建组织',
    'org.addMember': '添加成员', 'org.remove': '移除', 'org.toggleRole': '修改角色：',
    'org.makeAdmin': '设为管理员', 'org.makeMember': '设为成员',
  },
};

export const LANGUAGES = [['zh-CN', '中文'], ['en', 'English']];

function initial() {
  const stored = localStorage.getItem(STORE);
  if (stored && MESSAGES[stored]) return stored;
  const wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  return wanted.some(l => String(l).toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

let current = initial();
document.documentElement.lang = current;

export function lang() {
  return current;
}

export function setLang(next) {
  if (!MESSAGES[next]) return;
  current = next;
  localStorage.setItem(STORE, next);
  document.documentElement.lang = next;
}

/** The message for key in the current language, with {name} placeholders filled in. */
export function t(key, params) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
}

export function num(n) {
  return new Intl.NumberFormat(current).format(Number(n || 0));
}

export function usd(units) {
  return new Intl.NumberFormat(current, {style: 'currency', currency: 'USD', maximumFractionDigits: 4})
    .format(Number(units || 0) / UNITS_PER_USD);
}

/** Quota units, and the same in USD: "1,000,000 (US$2.00)". */
export function units(n) {
  return `${num(n)} (${usd(n)})`;
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current, {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso));
}

export function date(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current, {dateStyle: 'medium'}).format(new Date(iso));
}

/** A day key "2026-12-06" shown short, in the locale ("12/6", "12月6日"). */
export function day(key) {
  const [y, m, d] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(current, {month: 'numeric', day: 'numeric', timeZone: 'UTC'})
    .format(new Date(Date.UTC(y, m - 1, d)));
}

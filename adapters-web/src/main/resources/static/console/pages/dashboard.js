import {h, mount} from '../dom.js';
import {day, num, t, units, usd} from '../i18n.js';
import {get, query} from '../api.js';
import {barChart} from '../chart.js';
import {table} from '../ui.js';

const DAYS = 14;
const GROUPINGS = ['model', 'token', 'member', 'organization'];

function lastDays() {
  const keys = [];
  const today = new Date();
  for (let i = DAYS - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
    keys.push(d.toISOString().slice(0, 10));
  }
  return keys;
}

function stat(id, label, value, detail) {
  return h('div', {class: 'card stat', id}, h('h2', {}, label), h('p', {class: 'value'}, value),
    detail ? h('p', {class: 'muted'}, detail) : null);
}

/** Balance, spending and requests of the last 14 days (GET /api/v1/usage/summary), channels' health for admins. */
export async function dashboardPage(main, {session, admin}) {
  main.append(h('h1', {}, t('dash.title')));
  const days = lastDays();
  const from = `${days[0]}T00:00:00Z`;
  const [wallet, byDay, byModel, channels] = await Promise.all([
    get(`/api/v1/users/${encodeURIComponent(session.userId)}/wallet`),
    get(`/api/v1/usage/summary${query({groupBy: 'day', from})}`),
    get(`/api/v1/usage/summary${query({groupBy: 'model', from})}`),
    admin ? get('/api/v1/channels?size=100') : Promise.resolve(null),
  ]);
  const totals = new Map(byDay.items.map(i => [i.key, i]));
  const requests = byDay.items.reduce((a, i) => a + i.requests, 0);
  const cost = byDay.items.reduce((a, i) => a + i.cost, 0);
  const cards = h('div', {class: 'stats'},
    stat('stat-balance', t('dash.balance'), wallet.enforced ? usd(wallet.balance) : t('dash.unlimitedWallet'),
      wallet.enforced ? t('common.units', {n: num(wallet.balance)}) : null),
    stat('stat-requests', t('dash.requests'), num(requests)),
    stat('stat-spent', t('dash.spent'), usd(cost), t('common.units', {n: num(cost)})));
  if (channels) {
    const enabled = channels.items.filter(c => c.status === 'enabled').length;
    cards.append(stat('stat-channels', t('dash.channels'), num(channels.total),
      t('dash.channelsHealth', {enabled: num(enabled), disabled: num(channels.items.length - enabled)})));
  }
  main.append(cards);
  if (!requests) {
    main.append(h('p', {class: 'empty'}, t('dash.noUsage')));
    return;
  }
  const points = key => days.map(d => ({label: day(d), value: totals.has(d) ? totals.get(d)[key] : 0}));
  main.append(h('div', {class: 'charts'},
    h('section', {class: 'card', 'aria-labelledby': 'chart-cost'}, h('h2', {id: 'chart-cost'}, t('dash.spendingByDay')),
      barChart(points('cost'), {title: t('dash.spendingByDay'), format: usd})),
    h('section', {class: 'card', 'aria-labelledby': 'chart-requests'},
      h('h2', {id: 'chart-requests'}, t('dash.requestsByDay')),
      barChart(points('requests'), {title: t('dash.requestsByDay'), format: num}))));
  const grouped = h('div', {id: 'dash-grouped'});
  const show = (groupBy, items) => mount(grouped, table(t('dash.byModel'), [
    {label: t(`dash.by.${groupBy}`), cell: r => r.key},
    {label: t('dash.requests'), cell: r => num(r.requests), class: 'num'},
    {label: t('dash.tokens'), cell: r => `${num(r.promptTokens)} / ${num(r.completionTokens)}`, class: 'num'},
    {label: t('dash.cost'), cell: r => units(r.cost), class: 'num'},
  ], items));
  const select = h('select', {id: 'dash-group', onchange: async e => {
    show(e.target.value, (await get(`/api/v1/usage/summary${query({groupBy: e.target.value, from})}`)).items);
  }}, GROUPINGS.map(g => h('option', {value: g}, t(`dash.by.${g}`))));
  main.append(h('section', {class: 'card', 'aria-labelledby': 'by-model'},
    h('div', {class: 'card-head'}, h('h2', {id: 'by-model'}, t('dash.spent')),
      h('div', {class: 'lang'}, h('label', {for: 'dash-group'}, t('dash.groupBy')), select)),
    grouped));
  show('model', byModel.items);
}

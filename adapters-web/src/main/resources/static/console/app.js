// The Tollgate web console: a small single-page app on the public REST API. Routes live in the URL's fragment
// (#/keys), so the server only serves /index.html and the files under /console/.
import {h, mount} from './dom.js';
import {LANGUAGES, lang, setLang, t} from './i18n.js';
import {ApiError, del, get, post, setCsrfToken, whenSignedOut} from './api.js';
import {loginPage} from './pages/login.js';
import {dashboardPage} from './pages/dashboard.js';
import {channelsPage} from './pages/channels.js';
import {keysPage} from './pages/keys.js';
import {pricesPage} from './pages/prices.js';
import {redemptionsPage} from './pages/redemptions.js';
import {redeemPage} from './pages/redeem.js';
import {usagePage} from './pages/usage.js';
import {ledgerPage} from './pages/ledger.js';
import {usersPage} from './pages/users.js';
import {accountPage} from './pages/account.js';
import {auditPage} from './pages/audit.js';
import {settingsPage} from './pages/settings.js';
import {organizationsPage} from './pages/organizations.js';

const ADMINS = ['ROOT', 'ADMIN'];
// Each page and the platform roles that may use it (the API refuses the others anyway).
const ROUTES = [
  {path: 'dashboard', label: 'nav.dashboard', render: dashboardPage},
  {path: 'channels', label: 'nav.channels', render: channelsPage, roles: ADMINS},
  {path: 'keys', label: 'nav.keys', render: keysPage},
  {path: 'prices', label: 'nav.prices', render: pricesPage},
  {path: 'redemptions', label: 'nav.redemptions', render: redemptionsPage, roles: ADMINS},
  {path: 'redeem', label: 'nav.redeem', render: redeemPage},
  {path: 'usage', label: 'nav.usage', render: usagePage},
  {path: 'ledger', label: 'nav.ledger', render: ledgerPage},
  {path: 'users', label: 'nav.users', render: usersPage, roles: ADMINS},
  {path: 'organizations', label: 'nav.organizations', render: organizationsPage},
  {path: 'audit', label: 'nav.audit', render: auditPage},
  {path: 'settings', label: 'nav.settings', render: settingsPage, roles: ADMINS},
  {path: 'account', label: 'nav.account', render: accountPage},
];

const app = document.getElementById('app');
let session = null;
let handOffError = null;
// the site settings (name, logo, notice after sign-in, footer): public, read once and after they change
let site = {name: '', logo: '', notice: '', footer: ''};
const NOTICE_SEEN = 'tollgate.notice-hidden';

async function loadSite() {
  try {
    site = await get('/api/v1/site');
  } catch (e) {
    console.warn('site settings unavailable', e);
  }
}

function brand() {
  return h('a', {class: 'brand', href: '#/dashboard'},
    h('img', {src: site.logo || '/favicon.svg', alt: '', width: 24, height: 24}),
    h('span', {id: 'brand-name'}, site.name || t('app.name')), site.name ? null : h('small', {}, t('app.tagline')));
}

function footer() {
  return site.footer ? h('footer', {class: 'site-footer', id: 'site-footer'}, site.footer) : null;
}

/** The notice after sign-in, until hidden for this browser session (a changed notice shows again). */
function siteNotice() {
  if (!site.notice || sessionStorage.getItem(NOTICE_SEEN) === site.notice) return null;
  const box = h('aside', {class: 'site-notice', id: 'site-notice', 'aria-label': t('settings.notice')},
    h('p', {}, site.notice),
    h('button', {type: 'button', class: 'secondary', id: 'site-notice-hide', onclick: () => {
      sessionStorage.setItem(NOTICE_SEEN, site.notice);
      box.remove();
    }}, t('notice.dismiss')));
  return box;
}

function allowed(route) {
  return !route.roles || (session && route.roles.includes(session.role));
}

function currentRoute() {
  const path = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const route = ROUTES.find(r => r.path === path);
  return route && allowed(route) ? route : ROUTES[0];
}

function languageSwitch() {
  return h('div', {class: 'lang'},
    h('label', {for: 'lang-select'}, t('lang.label')),
    h('select', {id: 'lang-select', onchange: e => { setLang(e.target.value); render(); }},
      LANGUAGES.map(([code, name]) => h('option', {value: code, selected: code === lang()}, name))));
}

async function signOut() {
  try {
    await del('/api/v1/auth/session');
  } finally {
    session = null;
    setCsrfToken(null);
    render();
  }
}

function render() {
  document.querySelector('.skip').textContent = t('skip');
  if (!session) {
    document.title = `${t('login.title')} · ${site.name || 'Tollgate'}`;
    mount(app, h('div', {class: 'login-shell'}, h('div', {class: 'login-top'}, site.name ? brand() : null, languageSwitch()),
      h('main', {id: 'main', tabindex: '-1'}, loginPage(signedIn, handOffError)), footer()));
    return;
  }
  const route = currentRoute();
  document.title = `${t(route.label)} · ${site.name || 'Tollgate'}`;
  const main = h('main', {id: 'main', tabindex: '-1'});
  mount(app,
    h('header', {class: 'top'},
      brand(),
      h('div', {class: 'top-right'}, languageSwitch(),
        h('span', {class: 'who', id: 'who'}, `${session.username} · ${session.role}`),
        h('button', {type: 'button', id: 'sign-out', class: 'secondary', onclick: signOut}, t('signout')))),
    h('div', {class: 'layout'},
      h('nav', {class: 'side', 'aria-label': t('nav.label')}, h('ul', {}, ROUTES.filter(allowed).map(r =>
        h('li', {}, h('a', {href: `#/${r.path}`, id: `nav-${r.path}`, 'aria-current': r === route ? 'page' : null},
          t(r.label)))))),
      h('div', {class: 'content'}, siteNotice(), main, footer())));
  route.render(main, {session, admin: ADMINS.includes(session.role)}).catch(e => {
    main.append(h('p', {class: 'notice error', role: 'alert'}, t('common.error', {message: e.message})));
  });
}

function signedIn(newSession) {
  session = newSession;
  setCsrfToken(newSession.csrfToken);
  if (!location.hash.startsWith('#/')) location.hash = '#/dashboard';
  render();
}

window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#/') || location.hash === '') {
    render();
    const main = document.getElementById('main');
    if (main) main.focus();
  }
});
whenSignedOut(() => {
  session = null;
  setCsrfToken(null);
  render();
});

/** After GitHub / Feishu / OIDC the browser lands here with #code=… (or #error=…) in the fragment. */
async function externalHandOff() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (!fragment.has('code') && !fragment.has('error')) return null;
  history.replaceState(null, '', location.pathname + location.search);
  if (fragment.has('error')) {
    handOffError = fragment.get('error_description') || fragment.get('error');
    return null;
  }
  try {
    return await post('/api/v1/auth/session/external', {code: fragment.get('code')});
  } catch (e) {
    handOffError = e.message;
    return null;
  }
}

// after the settings page saved the site: the brand and the footer change in place (the page keeps its notice)
document.addEventListener('tollgate:site-changed', async () => {
  await loadSite();
  const shown = document.querySelector('header .brand');
  if (shown) shown.replaceWith(brand());
  const oldFooter = document.getElementById('site-footer');
  const newFooter = footer();
  if (oldFooter) oldFooter.replaceWith(newFooter || '');
  else if (newFooter) document.querySelector('.content').append(newFooter);
});

(async () => {
  await loadSite();
  try {
    const current = (await externalHandOff()) || (await get('/api/v1/auth/session'));
    session = current;
    setCsrfToken(current.csrfToken);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
  }
  render();
})();

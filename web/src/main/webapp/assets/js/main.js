// The dashboard's entry point: learns who the caller is, then shows the view the address's hash names.
import { get } from './api.js';
import { h } from './ui.js';
import { overview } from './overview.js';
import { taskList } from './tasks.js';
import { taskPage } from './task.js';
import { deadLetters } from './dlq.js';

const ADMIN = 'agentqueue-admin';
let stopView = () => {};

function route(session) {
    const [path, query] = location.hash.replace(/^#/, '').split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean);
    let view = overview;
    let name = 'overview';
    if (parts[0] === 'tasks' && parts[1]) {
        view = taskPage;
        name = 'tasks';
        params.set('id', decodeURIComponent(parts[1]));
    } else if (parts[0] === 'tasks') {
        view = taskList;
        name = 'tasks';
    } else if (parts[0] === 'dlq') {
        view = deadLetters;
        name = 'dlq';
    }
    document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === name));
    stopView();
    const root = document.getElementById('view');
    root.replaceChildren();
    root.dataset.view = name;
    stopView = view(root, params, session) || (() => {});
}

async function start() {
    const caller = await get('me');
    // What the page offers; the server checks the role of every call anyway.
    const session = { user: caller.user, roles: caller.roles, admin: caller.roles.includes(ADMIN) };
    document.body.classList.toggle('admin', session.admin);
    document.getElementById('caller').replaceChildren(
        h('span', { id: 'caller-user' }, caller.user), ' · ', session.admin ? 'admin' : 'viewer (read only)');
    window.addEventListener('hashchange', () => route(session));
    route(session);
}

start().catch((error) => {
    document.getElementById('view').replaceChildren(
        h('p', { class: 'error-text' }, `The dashboard could not start: ${error.message}`));
});

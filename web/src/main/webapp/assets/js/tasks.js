// The task list: newest first, filtered by state, contract and agent, paged by the API's cursor.
import { get } from './api.js';
import { h, badge, time, toast } from './ui.js';

const STATES = ['', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED', 'DEAD_LETTER', 'CANCELLED', 'PURGED'];
const FILTERS = ['state', 'contract', 'agent'];

function filterForm(params) {
    const field = (name, input) => h('label', {}, name, input);
    const state = h('select', { name: 'state' },
        STATES.map((s) => h('option', { value: s, selected: params.get('state') === s }, s || 'any')));
    const text = (name) => h('input', { name, value: params.get(name) || '', placeholder: 'any' });
    const form = h('form', { class: 'filters', id: 'task-filters' },
        field('State', state), field('Contract', text('contract')), field('Agent', text('agent')),
        h('button', { class: 'primary', type: 'submit' }, 'Filter'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        FILTERS.forEach((name) => { if (form.elements[name].value) query.set(name, form.elements[name].value); });
        location.hash = `#/tasks?${query}`;
    });
    return form;
}

function row(task) {
    return h('tr', { dataset: { task: task.id } },
        h('td', {}, h('a', { href: `#/tasks/${task.id}` }, h('code', {}, task.id))),
        h('td', {}, task.contract), h('td', {}, task.agent || '—'), h('td', {}, badge(task.state)),
        h('td', { class: 'num' }, task.attempt), h('td', {}, time(task.createdAt)), h('td', {}, time(task.finishedAt)));
}

/** Renders the task list for the filters in params. */
export function taskList(root, params) {
    const body = h('tbody');
    const more = h('button', { id: 'next-page', hidden: true }, 'More');
    root.append(
        h('h1', {}, 'Tasks'),
        filterForm(params),
        h('div', { class: 'card' },
            h('table', { id: 'task-table' },
                h('thead', {}, h('tr', {}, ['Task', 'Contract', 'Agent', 'State', 'Attempt', 'Created', 'Finished']
                    .map((title) => h('th', {}, title)))),
                body),
            h('div', { class: 'pager' }, more)));
    const query = new URLSearchParams({ limit: '50' });
    FILTERS.forEach((name) => { if (params.get(name)) query.set(name, params.get(name)); });
    const load = async (cursor) => {
        if (cursor) query.set('cursor', cursor);
        try {
            const page = await get(`tasks?${query}`);
            body.append(...page.items.map(row));
            if (body.children.length === 0) body.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No tasks.')));
            more.hidden = !page.nextCursor;
            more.onclick = () => load(page.nextCursor);
        } catch (error) {
            toast(error.message, true);
        }
    };
    load();
}

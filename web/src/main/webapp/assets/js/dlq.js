// The dead-letter queue grouped by error fingerprint, live; admins redrive or purge a group after confirming.
import { get, post } from './api.js';
import { h, badge, time, count, act, toast, poll } from './ui.js';

function letters(fingerprint) {
    const list = h('tbody');
    get(`dlq?limit=20&fingerprint=${encodeURIComponent(fingerprint)}`).then((page) => {
        list.append(...page.items.map((letter) => h('tr', {},
            h('td', {}, h('a', { href: `#/tasks/${letter.taskId}` }, h('code', {}, letter.taskId))),
            h('td', {}, letter.contract), h('td', { class: 'num' }, letter.attempt))));
    }, (error) => toast(error.message, true));
    return h('table', { class: 'letters' },
        h('tr', {}, h('th', {}, 'Task'), h('th', {}, 'Contract'), h('th', { class: 'num' }, 'Attempts')), list);
}

function groupCard(group, session, refresh, open) {
    const filter = { filter: { fingerprint: group.fingerprint } };
    const redrive = () => act('Redrive group',
        `Send the ${count(group.count)} dead letters of “${group.line}” back to the task queue with a fresh attempt budget?`,
        'Redrive', async () => {
            const answer = await post('dlq/redrive', filter);
            toast(`Redriven: ${answer.redriven}`);
            refresh();
        });
    const purge = () => act('Purge group',
        `Remove the ${count(group.count)} dead letters of “${group.line}” for good? Their tasks become PURGED.`,
        'Purge', async () => {
            const answer = await post('dlq/purge', filter);
            toast(`Purged: ${answer.purged}`);
            refresh();
        });
    const details = h('details', { open }, h('summary', {}, 'Dead letters'));
    details.addEventListener('toggle', () => {
        if (details.open && details.children.length === 1) details.append(letters(group.fingerprint));
    }, { once: false });
    if (open) details.append(letters(group.fingerprint));
    return h('div', { class: 'card dlq-group', dataset: { fingerprint: group.fingerprint } },
        h('div', { class: 'group' },
            h('div', {},
                h('div', { class: 'line' }, group.line), ' ',
                h('div', { class: 'muted' }, badge(group.classification), ' ', h('code', {}, group.fingerprint),
                    ` · first ${time(group.firstDeadLetteredAt)} · last ${time(group.lastDeadLetteredAt)}`)),
            session.admin && h('div', { class: 'actions' },
                h('button', { class: 'action primary redrive', onclick: redrive }, 'Redrive'),
                h('button', { class: 'action danger purge', onclick: purge }, 'Purge'))),
        details);
}

/** Renders the DLQ's groups and keeps them current; params.get('fingerprint') opens that group. */
export function deadLetters(root, params, session) {
    const total = h('span', { id: 'dlq-total' });
    const groups = h('div', { id: 'dlq-groups', class: 'stack' });
    root.append(h('h1', {}, 'Dead letters ', h('span', { class: 'muted' }, '(', total, ')')), groups);
    const opened = new Set(params.get('fingerprint') ? [params.get('fingerprint')] : []);
    const load = async () => {
        const summary = await get('dlq/summary');
        total.textContent = count(summary.total);
        groups.querySelectorAll('details[open]').forEach((d) => opened.add(d.closest('.dlq-group').dataset.fingerprint));
        groups.replaceChildren(...(summary.groups.length === 0
            ? [h('p', { class: 'muted' }, 'No dead letters.')]
            : summary.groups.map((group) => groupCard(group, session, load, opened.has(group.fingerprint)))));
    };
    return poll(load, 3000);
}

// The overview: queue depth and rates, tasks per state, the last hour's charts, DLQ groups and breakers, live.
import { get, post } from './api.js';
import { h, metric, badge, count, act, toast, poll } from './ui.js';
import { hourCharts } from './charts.js';

const STATES = ['QUEUED', 'RUNNING', 'FAILED', 'COMPLETED', 'DEAD_LETTER', 'CANCELLED', 'PURGED'];

/** Rates per second from two readings of the broker's counters. */
function rates(previous, current) {
    if (!previous) return { added: null, acknowledged: null };
    const seconds = (current.at - previous.at) / 1000;
    return {
        added: (current.tasks.messagesAdded - previous.tasks.messagesAdded) / seconds,
        acknowledged: (current.tasks.messagesAcknowledged - previous.tasks.messagesAcknowledged) / seconds,
    };
}

function rate(value) {
    return value === null ? '…' : `${Math.max(value, 0).toFixed(1)}/s`;
}

function queueCards(queues, rate_) {
    return [
        metric('Queue depth', count(queues.tasks.depth), { id: 'queue-depth' }),
        metric('Scheduled', count(queues.tasks.scheduled)),
        metric('Delivering', count(queues.tasks.delivering)),
        metric('Consumers', count(queues.tasks.consumers)),
        metric('Enqueued', rate(rate_.added), { id: 'enqueue-rate' }),
        metric('Acknowledged', rate(rate_.acknowledged)),
        metric('Dead letters', count(queues.deadLetter.depth), { id: 'dlq-depth' }),
    ];
}

function stateCards(states) {
    return STATES.map((state) =>
        h('a', { href: `#/tasks?state=${state}`, class: 'card metric' },
            h('div', { class: 'value' }, count(states[state] ?? 0)), h('div', { class: 'label' }, badge(state))));
}

function groupList(summary) {
    if (summary.groups.length === 0) return h('p', { class: 'muted' }, 'No dead letters.');
    return summary.groups.slice(0, 5).map((group) =>
        h('div', { class: 'group' },
            h('a', { class: 'line', href: `#/dlq?fingerprint=${group.fingerprint}` }, group.line),
            badge(group.classification)));
}

function breakerTable(listing, session, refresh) {
    if (listing.items.length === 0) return h('p', { class: 'muted' }, 'No breaker has been used yet.');
    const reset = (name) => act('Reset breaker', `Close ${name} with an empty window?`, 'Reset', async () => {
        await post(`breakers/${encodeURIComponent(name)}/reset`);
        toast(`${name} reset`);
        refresh();
    });
    return h('table', {},
        h('tr', {}, h('th', {}, 'Breaker'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Calls'),
            h('th', { class: 'num' }, 'Failures'), h('th', { class: 'num' }, 'Rejected'), h('th', {}, '')),
        listing.items.map((b) =>
            h('tr', { dataset: { breaker: b.name } },
                h('td', {}, h('code', {}, b.name)), h('td', {}, badge(b.state)),
                h('td', { class: 'num' }, count(b.counts.calls)), h('td', { class: 'num' }, count(b.counts.failures)),
                h('td', { class: 'num' }, count(b.counts.rejected)),
                h('td', {}, session.admin && h('button', { class: 'action', onclick: () => reset(b.name) }, 'Reset')))));
}

/** Renders the overview into root and keeps it current; returns the function that stops the updates. */
export function overview(root, params, session) {
    const cards = h('div', { class: 'grid', id: 'queue-cards' });
    const states = h('div', { class: 'grid', id: 'state-cards' });
    const throughput = h('div', { class: 'chart', id: 'throughput-chart' });
    const latency = h('div', { class: 'chart', id: 'latency-chart' });
    const groups = h('div', { id: 'dlq-groups' });
    const breakers = h('div', { id: 'breakers' });
    root.append(
        h('h1', {}, 'Overview'),
        cards,
        h('h2', {}, 'Tasks by state'),
        states,
        h('div', { class: 'cols' }, h('div', { class: 'card' }, throughput), h('div', { class: 'card' }, latency)),
        h('div', { class: 'cols' },
            h('div', { class: 'card' }, h('h2', {}, h('a', { href: '#/dlq' }, 'Dead-letter groups')), groups),
            h('div', { class: 'card' }, h('h2', {}, 'Circuit breakers'), breakers)));
    const feedCharts = hourCharts(throughput, latency);

    let previous = null;
    const live = async () => {
        const [queues, summary, listing] = await Promise.all([get('queues'), get('dlq/summary'), get('breakers')]);
        const current = { at: Date.now(), tasks: queues.tasks };
        cards.replaceChildren(...queueCards(queues, rates(previous, current)));
        previous = current;
        groups.replaceChildren(...[groupList(summary)].flat());
        breakers.replaceChildren(breakerTable(listing, session, live));
    };
    const hour = async () => {
        const stats = await get('stats');
        states.replaceChildren(...stateCards(stats.states));
        feedCharts(stats);
    };
    const stopLive = poll(live, 3000);
    const stopHour = poll(hour, 10000);
    return () => { stopLive(); stopHour(); };
}

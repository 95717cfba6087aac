// One task: its fields, the timeline of its attempts, its error and its result; live until it settles.
import { get, remove } from './api.js';
import { h, badge, time, duration, act, toast, poll } from './ui.js';

const SETTLED = ['COMPLETED', 'CANCELLED', 'PURGED'];

function fields(task) {
    const rows = [
        ['State', badge(task.state)], ['Contract', task.contract], ['Agent', task.agent || '—'],
        ['Attempt', `${task.attempt} of ${task.maxAttempts}`], ['Priority', task.priority],
        ['Created', time(task.createdAt)], ['Started', time(task.startedAt)], ['Finished', time(task.finishedAt)],
        ['Next attempt', time(task.nextAttemptAt)], ['Timeout', duration(task.timeoutMs)],
        ['Correlation id', task.correlationId || '—'], ['Idempotency key', task.idempotencyKey || '—'],
    ];
    return h('dl', { class: 'fields' }, rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
}

function timeline(task) {
    if (!task.history || task.history.length === 0) return h('p', { class: 'muted' }, 'No attempt yet.');
    const origin = Date.parse(task.createdAt);
    const ends = task.history.map((a) => Date.parse(a.end || a.start));
    const span = Math.max(Math.max(...ends, Date.now()) - origin, 1);
    return h('div', { class: 'timeline', id: 'timeline' }, task.history.map((attempt) => {
        const start = Date.parse(attempt.start);
        const end = attempt.end ? Date.parse(attempt.end) : Date.now();
        const outcome = attempt.outcome || 'RUNNING';
        const bar = h('span', {});
        bar.style.left = `${((start - origin) / span) * 100}%`;
        bar.style.width = `${((end - start) / span) * 100}%`;
        return h('div', { class: `entry ${outcome}`, dataset: { outcome } },
            h('div', {}, h('strong', {}, `Attempt ${attempt.attempt}`), ' ', badge(outcome), ' ',
                h('span', { class: 'muted' }, `${time(attempt.start)} · ${duration(end - start)}`,
                    attempt.node ? ` · ${attempt.node}` : '', attempt.reason ? ` · ${attempt.reason}` : '')),
            attempt.error && h('div', { class: 'error-text' }, `${attempt.error.type}: ${attempt.error.message}`),
            h('div', { class: 'bar' }, bar));
    }));
}

function errorBox(task) {
    if (!task.error) return h('p', { class: 'muted' }, 'None.');
    return h('div', { id: 'task-error' },
        h('p', {}, badge(task.error.classification), ' ', h('code', {}, task.error.type)),
        h('pre', {}, task.error.message),
        h('p', { class: 'muted' }, 'Fingerprint ', h('a', { href: `#/dlq?fingerprint=${task.error.fingerprint}` },
            h('code', {}, task.error.fingerprint))));
}

/** Renders the task params.get('id') and follows it until it settles. */
export function taskPage(root, params, session) {
    const id = params.get('id');
    const content = h('div', { id: 'task' });
    root.append(h('h1', {}, 'Task ', h('code', {}, id)), content);
    let stop = () => {};
    const cancel = () => act('Cancel task', `Cancel task ${id}? Its message will be skipped.`, 'Cancel task',
        async () => { await remove(`tasks/${id}`); toast('Task cancelled'); });
    const load = async () => {
        const task = await get(`tasks/${encodeURIComponent(id)}`);
        const cancellable = session.admin && (task.state === 'QUEUED' || task.state === 'FAILED');
        content.dataset.state = task.state;
        content.replaceChildren(
            h('div', { class: 'cols' },
                h('div', { class: 'card' }, h('h2', {}, 'Task'), fields(task),
                    cancellable && h('p', { class: 'actions' },
                        h('button', { class: 'action danger', onclick: cancel }, 'Cancel task'))),
                h('div', { class: 'card' }, h('h2', {}, 'Attempts'), timeline(task))),
            h('div', { class: 'cols' },
                h('div', { class: 'card' }, h('h2', {}, 'Error'), errorBox(task)),
                h('div', { class: 'card' }, h('h2', {}, 'Result'),
                    task.result === null || task.result === undefined
                        ? h('p', { class: 'muted' }, 'None yet.')
                        : h('pre', { id: 'task-result' }, JSON.stringify(task.result, null, 2)))),
            h('div', { class: 'card' }, h('h2', {}, 'Payload'), h('pre', {}, JSON.stringify(task.payload, null, 2))));
        if (SETTLED.includes(task.state)) stop();
    };
    stop = poll(load, 2000);
    return () => stop();
}

// Small DOM helpers shared by the views: building elements, formatting, the confirmation dialog, the toast.

/** Creates an element: h('a', {href: '#/'}, 'text', child...). Attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
        else if (name === 'dataset') Object.assign(element.dataset, value);
        else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        element.append(child instanceof Node ? child : String(child));
    }
    return element;
}

/** A coloured label for a state, a breaker state or an error classification. */
export function badge(text) {
    return h('span', { class: `badge ${text}` }, text);
}

/** A labelled figure for the overview's cards. */
export function metric(label, value, attributes = {}) {
    return h('div', { class: 'card metric', ...attributes },
        h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

/** Formats an ISO timestamp in the viewer's time zone; a dash for none. */
export function time(iso) {
    return iso ? new Date(iso).toLocaleString() : '—';
}

/** Formats milliseconds as 850 ms, 12.3 s or 4.5 min. */
export function duration(ms) {
    if (ms === undefined || ms === null) return '—';
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
    return `${(ms / 60000).toFixed(1)} min`;
}

/** Formats a number with the viewer's grouping. */
export function count(n) {
    return Number(n).toLocaleString();
}

/** Asks for confirmation in the page's dialog; resolves to true when confirmed. */
export function confirmAction(title, text, verb) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-ok').textContent = verb;
    return new Promise((resolve) => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
        dialog.returnValue = 'cancel';
        dialog.showModal();
    });
}

/** Shows a short message in the corner for a few seconds. */
export function toast(text, bad = false) {
    const element = document.getElementById('toast');
    element.textContent = text;
    element.className = bad ? 'toast bad' : 'toast';
    element.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { element.hidden = true; }, 5000);
}

/** Runs an admin action after confirmation and reports its outcome; resolves to the action's answer or null. */
export async function act(title, text, verb, action) {
    if (!(await confirmAction(title, text, verb))) return null;
    try {
        return await action();
    } catch (error) {
        toast(`${verb} failed: ${error.message}`, true);
        return null;
    }
}

/** Calls load now and every periodMs while the view is shown, skipping hidden tabs; returns the stop function. */
export function poll(load, periodMs) {
    let stopped = false;
    let timer;
    const tick = async () => {
        if (stopped) return;
        if (!document.hidden) {
            try {
                await load();
            } catch (error) {
                toast(error.message, true);
            }
        }
        if (!stopped) timer = setTimeout(tick, periodMs);
    };
    tick();
    return () => { stopped = true; clearTimeout(timer); };
}

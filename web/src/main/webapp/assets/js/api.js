// The REST API, called with the browser's own login (HTTP Basic, cached by the browser for this site).
const BASE = new URL('api/v1/', document.baseURI);

/** Reads a JSON resource; rejects with an Error carrying the problem's detail and the HTTP status. */
export function get(path) {
    return call('GET', path);
}

/** Posts a JSON body; rejects like get. */
export function post(path, body) {
    return call('POST', path, body);
}

/** Deletes a resource; rejects like get. */
export function remove(path) {
    return call('DELETE', path);
}

async function call(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const reply = await fetch(new URL(path, BASE), init);
    const text = await reply.text();
    const json = text ? JSON.parse(text) : null;
    if (!reply.ok) {
        const error = new Error((json && (json.detail || json.title)) || reply.statusText);
        error.status = reply.status;
        throw error;
    }
    return json;
}

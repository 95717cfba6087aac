// The overview's two charts of the last hour (uPlot, served by this application like every other asset).

const COLOURS = { added: '#2f6fed', completed: '#1f9d55', deadLettered: '#d92d20', p50: '#7a5af8', p95: '#c77700' };

function series(label, stroke) {
    return { label, stroke, width: 2, points: { show: false } };
}

// Latency exists only for minutes in which tasks completed: join those minutes and mark each one.
function sparse(label, stroke) {
    return { ...series(label, stroke), spanGaps: true, points: { show: true, size: 6, fill: stroke } };
}

function chart(container, title, extra) {
    const width = Math.max(container.clientWidth - 8, 320);
    return new uPlot({ title, width, height: 220, ...extra, series: [{}, ...extra.series] }, [[]], container);
}

/** Creates the throughput and latency charts in two containers; returns a function that feeds them GET /stats. */
export function hourCharts(throughputBox, latencyBox) {
    const throughput = chart(throughputBox, 'Throughput per minute', {
        series: [
            series('added', COLOURS.added),
            series('completed', COLOURS.completed),
            series('dead-lettered', COLOURS.deadLettered),
        ],
    });
    const latency = chart(latencyBox, 'Latency of completed tasks (s)', {
        series: [sparse('p50', COLOURS.p50), sparse('p95', COLOURS.p95)],
    });
    return (stats) => {
        const minutes = stats.minutes;
        const x = minutes.map((m) => Date.parse(m.start) / 1000);
        throughput.setData([
            x,
            minutes.map((m) => m.added),
            minutes.map((m) => m.completed),
            minutes.map((m) => m.deadLettered),
        ]);
        latency.setData([
            x,
            minutes.map((m) => (m.latency ? m.latency.p50Ms / 1000 : null)),
            minutes.map((m) => (m.latency ? m.latency.p95Ms / 1000 : null)),
        ]);
    };
}

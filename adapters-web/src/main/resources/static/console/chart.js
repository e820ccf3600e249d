// Bar charts drawn as inline SVG (no chart library, nothing from a CDN). Colours come from the stylesheet.
import {s} from './dom.js';

/**
 * points: [{label, value}]; format: value -> text. Each bar carries a <title> (a tooltip, read by screen readers)
 * and the chart a role=img with a text summary.
 */
export function barChart(points, {title, format = String}) {
  const width = 640, height = 200, pad = {top: 12, right: 8, bottom: 28, left: 8};
  const max = Math.max(1, ...points.map(p => p.value));
  const inner = width - pad.left - pad.right;
  const slot = inner / Math.max(1, points.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const summary = points.map(p => `${p.label}: ${format(p.value)}`).join('; ');
  const chart = s('svg', {class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}. ${summary}`},
    s('line', {class: 'axis', x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom}));
  const every = Math.ceil(points.length / 10);
  points.forEach((p, i) => {
    const barHeight = (p.value / max) * (height - pad.top - pad.bottom);
    const x = pad.left + i * slot + (slot - barWidth) / 2;
    const y = height - pad.bottom - barHeight;
    chart.append(s('rect', {class: 'bar', x: x.toFixed(1), y: y.toFixed(1), width: barWidth.toFixed(1),
      height: Math.max(0.5, barHeight).toFixed(1), rx: 2}, s('title', {}, `${p.label}: ${format(p.value)}`)));
    if ((points.length - 1 - i) % every === 0) {
      chart.append(s('text', {class: 'tick', x: (x + barWidth / 2).toFixed(1), y: height - 10, 'text-anchor': 'middle'},
        p.label));
    }
  });
  return chart;
}

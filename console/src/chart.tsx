import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
}

const COLOURS = ['#2457d6', '#e07a10', '#1b8a5a', '#a23bb5', '#c0392b', '#0f8fa8', '#7a6a00', '#5b6475'];

/** Stacked daily bars: one series per key, so the stack is the tenant's total for the day. */
export function DailyChart({ days, series, label }: { days: readonly string[]; series: readonly Series[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: days.map((day) => day.slice(5)),
        datasets: series.map((item, index) => ({
          label: item.label,
          data: [...item.values],
          backgroundColor: COLOURS[index % COLOURS.length],
          stack: 'requests',
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'requests' } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [days, series]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

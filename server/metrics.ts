/** Counters and gauges, printed in Prometheus' text format at /metrics. */

type Labels = Record<string, string>;

function labelKey(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${String(labels[k]).replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
}

/** A counter with fixed label names, for hot paths: label values map to their series key through a cache. */
export interface LabelledCounter {
  /** Add `by` to the series with these label values (in the order of the names given). */
  inc(values: readonly string[], by?: number): void;
}

/** Most distinct label-value combinations a labelled counter caches (beyond that it still counts, just slower). */
const MAX_CACHED_LABEL_SETS = 1000;

/** A small metrics registry. */
export class Metrics {
  private readonly series = new Map<string, Series>();
  private readonly collectors: Array<() => Promise<void> | void> = [];

  private get(name: string, help: string, type: Series['type']): Series {
    let s = this.series.get(name);
    if (s === undefined) {
      s = { help, type, values: new Map() };
      this.series.set(name, s);
    }
    return s;
  }

  /** Add `by` to a counter. */
  inc(name: string, help: string, labels?: Labels, by = 1): void {
    const s = this.get(name, help, 'counter');
    const k = labelKey(labels);
    s.values.set(k, (s.values.get(k) ?? 0) + by);
  }

  /** A counter with label `names` whose per-call cost is a map lookup, not building a label string. */
  counter(name: string, help: string, names: readonly string[]): LabelledCounter {
    const s = this.get(name, help, 'counter');
    const keys = new Map<string, string>();
    return {
      inc(values: readonly string[], by = 1): void {
        const joined = values.join('\u0000');
        let k = keys.get(joined);
        if (k === undefined) {
          const labels: Labels = {};
          names.forEach((n, i) => (labels[n] = values[i] ?? ''));
          k = labelKey(labels);
          if (keys.size < MAX_CACHED_LABEL_SETS) keys.set(joined, k);
        }
        s.values.set(k, (s.values.get(k) ?? 0) + by);
      },
    };
  }

  /** Set a gauge. */
  set(name: string, help: string, value: number, labels?: Labels): void {
    this.get(name, help, 'gauge').values.set(labelKey(labels), value);
  }

  /** Current value of a series (tests, health). */
  value(name: string, labels?: Labels): number {
    return this.series.get(name)?.values.get(labelKey(labels)) ?? 0;
  }

  /** Run `collect` before each scrape (for gauges read from elsewhere). */
  onCollect(collect: () => Promise<void> | void): void {
    this.collectors.push(collect);
  }

  /** The Prometheus text exposition. */
  async render(): Promise<string> {
    for (const c of this.collectors) await c();
    const lines: string[] = [];
    for (const [name, s] of [...this.series].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      for (const [k, v] of s.values) lines.push(`${name}${k} ${v}`);
    }
    return lines.join('\n') + '\n';
  }
}

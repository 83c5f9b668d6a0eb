#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench/report.py - the numbers side of bench/run.

  report.py fio FIO.json [--cpu-s S] [--has-cpu]
      one fio JSON result -> one line of metrics (JSON): bw_MBps, iops (read+write),
      lat_mean_us, clat_p50_us, clat_p99_us (of the writes; of the reads for a read-only job),
      write_GiB and, with --has-cpu, cpu_s and cpu_s_per_GiB (CPU seconds of the measured
      processes per GiB written).
  report.py report RECORDS.jsonl --json OUT.json --md OUT.md
      the records of one run (one per repetition) -> medians, min/max, ratios and the issue-9
      targets, as JSON and as Markdown tables.

MB = 10^6 bytes, GiB = 2^30 bytes, latencies in microseconds.
"""
import argparse
import json
import statistics
import sys

# workload -> (metric shown in the tables, unit, higher is better)
PRIMARY = {
    'seqwrite-1M-qd8': ('bw_MBps', 'MB/s', True),
    'randwrite-4k-qd1': ('iops', 'IOPS', True),
    'randwrite-4k-qd32': ('iops', 'IOPS', True),
    'randread-4k-qd32': ('iops', 'IOPS', True),
    'mixed70-4k-qd16': ('iops', 'IOPS', True),
    'synclat-4k': ('clat_p50_us', 'p50 µs', False),
    'synclat-4k/p99': ('clat_p99_us', 'p99 µs', False),
    'resync-default': ('MBps', 'MB/s', True),
    'resync-tuned': ('MBps', 'MB/s', True),
}
WORKLOADS = list(PRIMARY)
CONFIGS = ['raw', 'noop', 'standalone', 'protoC', 'protoA', 'uml-C', 'uml-A']
# drbd-usermode configuration -> its kernel-DRBD-in-UML counterpart
UML_OF = {'standalone': None, 'protoC': 'uml-C', 'protoA': 'uml-A'}
DEFAULT_MAX_MBPS = 100 * 1048576 / 1e6     # DRBD 8.4 default c-max-rate 100M (MiB/s)


def fio_metrics(path, cpu_s, has_cpu):
    job = json.load(open(path))['jobs'][0]
    rd, wr = job['read'], job['write']
    main = rd if wr['io_bytes'] == 0 else wr
    pct = main.get('clat_ns', {}).get('percentile', {})
    m = {
        'bw_MBps': round((rd['bw_bytes'] + wr['bw_bytes']) / 1e6, 1),
        'iops': round(rd['iops'] + wr['iops']),
        'lat_mean_us': round(main['lat_ns']['mean'] / 1000, 1),
        'clat_p50_us': round(pct.get('50.000000', 0) / 1000, 1),
        'clat_p99_us': round(pct.get('99.000000', 0) / 1000, 1),
        'write_GiB': round(wr['io_bytes'] / 2**30, 3),
    }
    if has_cpu:
        m['cpu_s'] = round(cpu_s, 2)
        if wr['io_bytes']:
            m['cpu_s_per_GiB'] = round(cpu_s / (wr['io_bytes'] / 2**30), 2)
        elif rd['io_bytes']:
            m['cpu_s_per_GiB_read'] = round(cpu_s / (rd['io_bytes'] / 2**30), 2)
    return m


def summarize(vals):
    return {'median': statistics.median(vals), 'min': min(vals), 'max': max(vals), 'n': len(vals),
            'reps': vals}


def fmt(v):
    if v is None:
        return '-'
    if abs(v) >= 100:
        return '%.0f' % v
    if abs(v) >= 10:
        return '%.1f' % v
    return '%.2f' % v


def cell(s):
    if not s:
        return '-'
    if s['n'] == 1:
        return fmt(s['median'])
    return '%s (%s–%s)' % (fmt(s['median']), fmt(s['min']), fmt(s['max']))


def report(records_path, json_out, md_out):
    meta, notes, recs = {}, [], []
    for line in open(records_path):
        r = json.loads(line)
        if 'meta' in r:
            meta = r['meta']
        elif 'note' in r:
            notes.append(r['note'])
        else:
            recs.append(r)

    # cells[dir][config][workload][metric] = summary
    cells = {}
    for r in recs:
        wl = r['workload']
        for k, v in r['m'].items():
            if isinstance(v, (int, float)):
                d = cells.setdefault(r['dir'], {}).setdefault(r['config'], {}).setdefault(wl, {})
                d.setdefault(k, []).append(v)
        if wl == 'synclat-4k':
            d = cells[r['dir']][r['config']].setdefault('synclat-4k/p99', {})
            d.setdefault('clat_p99_us', []).append(r['m'].get('clat_p99_us', 0))
    for d in cells.values():
        for c in d.values():
            for w in c.values():
                for k in list(w):
                    w[k] = summarize(w[k])

    def get(dk, cfg, wl, metric=None):
        metric = metric or PRIMARY[wl][0]
        return cells.get(dk, {}).get(cfg, {}).get(wl, {}).get(metric)

    def med(dk, cfg, wl, metric=None):
        s = get(dk, cfg, wl, metric)
        return s['median'] if s else None

    def ratio(a, b):
        return round(a / b, 3) if a is not None and b else None

    dirs = [d for d in ('disk', 'tmpfs') if d in cells] + \
        [d for d in cells if d not in ('disk', 'tmpfs', 'net')]
    net = cells.get('net', {}).get('tcp', {}).get('loopback', {})
    rtt = net.get('rtt_us_p50', {}).get('median')

    ratios = {}
    for dk in dirs:
        for wl in WORKLOADS:
            for cfg, um in UML_OF.items():
                a = med(dk, cfg, wl)
                if a is None:
                    continue
                ratios.setdefault(dk, {}).setdefault(wl, {})[cfg] = {
                    'over_noop': ratio(a, med(dk, 'noop', wl)),
                    'over_raw': ratio(a, med(dk, 'raw', wl)),
                    'over_uml': ratio(a, med(dk, um, wl)) if um else None,
                }

    targets = []

    def target(dk, name, measured, goal, met, detail):
        targets.append({'dir': dk, 'target': name, 'measured': measured, 'goal': goal,
                        'met': met, 'detail': detail})

    for dk in dirs:
        r = ratios.get(dk, {})
        v = r.get('seqwrite-1M-qd8', {}).get('protoC', {}).get('over_noop')
        if v is not None:
            target(dk, 'protocol C seq write 1 MiB qd8 / no-op FUSE', v, '>= 0.70', v >= 0.70, '')
        v = r.get('randwrite-4k-qd32', {}).get('protoC', {}).get('over_noop')
        if v is not None:
            target(dk, 'protocol C rand write 4 KiB qd32 / no-op FUSE', v, '>= 0.50', v >= 0.50, '')
        lat, nlat, rlat = (med(dk, c, 'synclat-4k') for c in ('protoC', 'noop', 'raw'))
        if None not in (lat, nlat, rlat, rtt):
            bound = nlat + 2 * rtt + 2 * rlat
            target(dk, 'protocol C sync write p50 <= noop p50 + 2 RTT + 2 backing writes',
                   round(lat / bound, 3), '<= 1.00', lat <= bound,
                   'p50 %.0f µs, bound %.0f = %.0f + 2×%.0f + 2×%.0f' % (lat, bound, nlat, rtt, rlat))
        rawbw = med(dk, 'raw', 'seqwrite-1M-qd8')
        for ctl in ('default', 'tuned'):
            v = med(dk, 'protoC', 'resync-' + ctl)
            if v is None or rawbw is None:
                continue
            limit = min(DEFAULT_MAX_MBPS, rawbw) if ctl == 'default' else rawbw
            target(dk, 'resync (%s controller) >= 0.8 × min(max rate, raw write)' % ctl,
                   round(v / limit, 3), '>= 0.80', v >= 0.8 * limit,
                   '%.0f MB/s of %.0f MB/s' % (v, limit))
        for wl in WORKLOADS:
            for cfg in ('protoC', 'protoA'):
                v = r.get(wl, {}).get(cfg, {}).get('over_uml')
                if v is None:
                    continue
                higher = PRIMARY[wl][2]
                target(dk, '%s %s vs kernel DRBD in UML' % (cfg, wl), v,
                       '>= 1.00' if higher else '<= 1.00 (latency)', v >= 1 if higher else v <= 1, '')

    out = {'meta': meta, 'notes': notes, 'net': net, 'cells': cells, 'ratios': ratios,
           'targets': targets, 'records': recs}
    json.dump(out, open(json_out, 'w'), indent=1, ensure_ascii=False)

    L = []
    L.append('# drbd-usermode benchmark, %s (%s)' % (meta.get('date', '?'), meta.get('host', '?')))
    L.append('')
    L.append('Kernel %s, %s CPUs, %s; %s repetition(s) per cell, %s s per fio job (+1 s ramp), '
             '%s MiB devices; load at start %s. Cells: median (min–max).' %
             (meta.get('kernel'), meta.get('cpus'), meta.get('fio'), meta.get('reps'),
              meta.get('runtime_s'), meta.get('size_mib'), meta.get('load_at_start')))
    L.append('')
    if net:
        L.append('Loopback TCP: %s MB/s, round trip p50 %s µs, p99 %s µs (bench-tcp-loop).' %
                 (cell(net.get('bw_MBps')), cell(net.get('rtt_us_p50')), cell(net.get('rtt_us_p99'))))
        L.append('')
    for dk in dirs:
        cfgs = [c for c in CONFIGS if c in cells[dk]]
        L.append('## Backing files on %s' % dk)
        L.append('')
        L.append('| workload | unit | ' + ' | '.join(cfgs) + ' |')
        L.append('|---|---|' + '---|' * len(cfgs))
        for wl in WORKLOADS:
            row = [cell(get(dk, c, wl)) for c in cfgs]
            if all(x == '-' for x in row):
                continue
            L.append('| %s | %s | %s |' % (wl, PRIMARY[wl][1], ' | '.join(row)))
        L.append('')
        L.append('Ratios of medians (drbd-usermode ÷ baseline; for latency rows lower is better):')
        L.append('')
        heads, keys = [], []
        for cfg, um in UML_OF.items():
            if cfg not in cells[dk]:
                continue
            for b, key in (('noop', 'over_noop'), ('raw', 'over_raw'), (um, 'over_uml')):
                if b and b in cells[dk]:
                    heads.append('%s/%s' % (cfg, b))
                    keys.append((cfg, key))
        L.append('| workload | ' + ' | '.join(heads) + ' |')
        L.append('|---|' + '---|' * len(heads))
        for wl in WORKLOADS:
            rr = ratios.get(dk, {}).get(wl)
            if not rr:
                continue
            L.append('| %s | %s |' % (wl, ' | '.join(fmt(rr.get(c, {}).get(k)) for c, k in keys)))
        L.append('')
        L.append('CPU seconds (user+sys) of the daemons per GiB written (two-node: both daemons; '
                 'uml: both guests):')
        L.append('')
        ccfgs = [c for c in ('noop', 'standalone', 'protoC', 'protoA', 'uml-C', 'uml-A') if c in cells[dk]]
        L.append('| workload | ' + ' | '.join(ccfgs) + ' |')
        L.append('|---|' + '---|' * len(ccfgs))
        for wl in WORKLOADS:
            row = [cell(get(dk, c, wl, 'cpu_s_per_GiB')) for c in ccfgs]
            if all(x == '-' for x in row):
                continue
            L.append('| %s | %s |' % (wl, ' | '.join(row)))
        L.append('')
        rs = [(c, w) for c in ('protoC', 'uml-C') for w in ('resync-default', 'resync-tuned')
              if get(dk, c, w, 'secs')]
        if rs:
            L.append('Initial resync, `primary --force` to UpToDate/UpToDate:')
            L.append('')
            L.append('| config | controller | seconds | MB/s |')
            L.append('|---|---|---|---|')
            for c, w in rs:
                L.append('| %s | %s | %s | %s |' % (c, w[7:], cell(get(dk, c, w, 'secs')),
                                                    cell(get(dk, c, w, 'MBps'))))
            L.append('')
    if targets:
        L.append('## Issue 9 targets')
        L.append('')
        L.append('| backing | target | measured | goal | met |')
        L.append('|---|---|---|---|---|')
        for t in targets:
            L.append('| %s | %s%s | %s | %s | %s |' % (
                t['dir'], t['target'], (' (%s)' % t['detail']) if t['detail'] else '',
                fmt(t['measured']), t['goal'], 'yes' if t['met'] else '**no**'))
        L.append('')
    if notes:
        L.append('## Notes of the run')
        L.append('')
        L.extend('- ' + n for n in notes)
        L.append('')
    open(md_out, 'w').write('\n'.join(L))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest='cmd', required=True)
    f = sub.add_parser('fio')
    f.add_argument('file')
    f.add_argument('--cpu-s', type=float, default=0)
    f.add_argument('--has-cpu', action='store_true')
    r = sub.add_parser('report')
    r.add_argument('records')
    r.add_argument('--json', required=True)
    r.add_argument('--md', required=True)
    a = ap.parse_args()
    if a.cmd == 'fio':
        print(json.dumps(fio_metrics(a.file, a.cpu_s, a.has_cpu)))
    else:
        report(a.records, a.json, a.md)
    return 0


if __name__ == '__main__':
    sys.exit(main())

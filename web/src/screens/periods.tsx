import { useEffect, useState } from 'preact/hooks';
import type { ExportRequest, ExportResponse, PeriodKind, PeriodResponse } from '../../../src/miniapp/api-contract.js';
import { ApiFailure } from '../api.js';
import { BarChart, HourlyChart } from '../chart.js';
import { ErrorBox, errorText, useApp } from '../common.js';
import { addDays, formatChange, formatDate, formatMoney, formatQuantity } from '../format.js';
import { Figures } from './today.js';

export function PeriodsScreen() {
  const { api, me, t } = useApp();
  const [kind, setKind] = useState<PeriodKind>('week');
  const [from, setFrom] = useState(addDays(me.today, -6));
  const [to, setTo] = useState(me.today);
  const [asked, setAsked] = useState(0);
  const [data, setData] = useState<PeriodResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [exported, setExported] = useState<{ format: ExportRequest['format']; text: string } | null>(null);
  /** XLSX is offered until the service says it cannot make one (`format_unavailable`). */
  const [xlsx, setXlsx] = useState(true);

  useEffect(() => {
    let live = true;
    setError(null);
    setExported(null);
    api.get<PeriodResponse>('period', kind === 'range' ? { kind, from, to } : { kind }).then(
      (d) => live && setData(d),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [kind, asked]);

  const exportFile = async (format: ExportRequest['format']) => {
    if (!data) return;
    const days = data.daily.map((d) => d.date);
    const body: ExportRequest = { from: days[0] ?? data.figures.from.slice(0, 10), to: days[days.length - 1] ?? data.figures.to.slice(0, 10), format };
    setExported(null);
    try {
      await api.post<ExportResponse>('export', body);
      setExported({ format, text: t.app.periods.sent });
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'format_unavailable') {
        setXlsx(false);
        setExported({ format, text: t.app.periods.xlsxUnavailable });
      } else if (e instanceof ApiFailure && e.code === 'export_pending') {
        setExported({ format, text: t.app.periods.pending });
      } else if (e instanceof ApiFailure && e.code === 'export_quota') {
        setExported({ format, text: t.app.periods.quota });
      } else setExported({ format, text: errorText(t, e) });
    }
  };

  const p = t.app.periods;
  const f = data?.figures;
  const change = data && f ? formatChange(f.netKop, data.previous.netKop) : null;
  return (
    <section class="screen" data-screen="periods">
      <div class="segmented" role="tablist">
        {(['day', 'week', 'month', 'range'] as const).map((k) => (
          <button role="tab" aria-selected={kind === k} class={kind === k ? 'on' : ''} onClick={() => setKind(k)}>
            {p[k]}
          </button>
        ))}
      </div>
      {kind === 'range' && (
        <form
          class="range"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked((a) => a + 1);
          }}
        >
          <label>
            {p.from} <input type="date" value={from} max={me.today} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {p.to} <input type="date" value={to} max={me.today} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
          </label>
          <button class="button small">{p.show}</button>
        </form>
      )}
      {error ? <ErrorBox t={t} error={error} retry={() => setAsked((a) => a + 1)} /> : null}
      {!error && !data && <div class="loading">{t.app.loading}</div>}
      {!error && data && f && (
        <>
          <div class="hero card">
            <div class="label">
              {t.bot.today.net} · {periodTitle(data)}
            </div>
            <div class="big" data-testid="period-net">
              {formatMoney(f.netKop)}
            </div>
            <div class="sub">
              {change && <span class={`delta ${change.startsWith('−') ? 'down' : 'up'}`}>{change}</span>}
              <span class="prev">
                {p.previous}: {formatMoney(data.previous.netKop)}
              </span>
            </div>
          </div>
          <Figures t={t} f={f} previous={data.previous} />
          {data.hourly && (
            <HourlyChart
              title={p.byHour}
              values={data.hourly.values}
              compare={data.hourly.compare}
              dayStartMinutes={data.hourly.dayStartMinutes}
              valuesLabel={periodTitle(data)}
              compareLabel={p.previous}
              units={t.bot.charts}
            />
          )}
          {data.daily.length > 1 && (
            <BarChart
              title={p.byDay}
              values={data.daily.map((d) => d.netKop)}
              compare={data.previousDaily.map((d) => d.netKop)}
              labels={data.daily.map((d) => d.date.slice(8, 10))}
              valuesLabel={periodTitle(data)}
              compareLabel={p.previous}
              units={t.bot.charts}
            />
          )}
          <h2>{t.bot.reports.top}</h2>
          <div class="card">
            {data.topByRevenue.length === 0 && <p class="muted">{p.noProducts}</p>}
            <ol class="top-products">
              {data.topByRevenue.map((item) => (
                <li>
                  <div class="row">
                    <span class="name">{item.name}</span>
                    <span>{formatMoney(item.revenueKop)}</span>
                  </div>
                  <div class="muted small">
                    {formatQuantity(item.quantityMilli)}
                    {item.unitName ? ` ${item.unitName}` : ''}
                  </div>
                </li>
              ))}
            </ol>
          </div>
          <h2>{p.export}</h2>
          <div class="actions">
            <button class="button" onClick={() => void exportFile('csv')} data-testid="export-csv">
              {p.exportCsv}
            </button>
            {xlsx && (
              <button class="button secondary" onClick={() => void exportFile('xlsx')} data-testid="export-xlsx">
                {p.exportXlsx}
              </button>
            )}
          </div>
          {exported && (
            <p class="note" role="status" data-testid="export-status" data-format={exported.format}>
              {exported.text}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function periodTitle(data: PeriodResponse): string {
  const first = data.daily[0]?.date;
  const last = data.daily[data.daily.length - 1]?.date;
  if (!first || !last) return '';
  return first === last ? formatDate(first) : `${formatDate(first)} – ${formatDate(last)}`;
}

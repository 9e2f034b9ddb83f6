import { useEffect, useState } from 'preact/hooks';
import type { FiguresDto, TodayResponse } from '../../../src/miniapp/api-contract.js';
import { HourlyChart } from '../chart.js';
import { ErrorBox, useApp } from '../common.js';
import { formatChange, formatDate, formatMoney, formatTime } from '../format.js';
import type { Strings } from '../i18n.js';

/** How often Today asks again while the page is visible. */
const REFRESH_MS = 5_000;

export function TodayScreen() {
  const { api, me, t } = useApp();
  const [data, setData] = useState<TodayResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let controller: AbortController | undefined;
    let busy = false;
    // One loop: a request at a time, the next REFRESH_MS after it; none while the page is hidden.
    const load = async () => {
      clearTimeout(timer);
      if (busy || stopped || document.visibilityState !== 'visible') return;
      busy = true;
      controller = new AbortController();
      try {
        setData(await api.get<TodayResponse>('today', {}, controller.signal));
        setError(null);
      } catch (e) {
        if (!stopped) setError(e);
      } finally {
        busy = false;
      }
      // load() catches its own errors, so the timer's promise can be let go.
      if (!stopped) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    const onVisible = () => void load();
    document.addEventListener('visibilitychange', onVisible);
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  if (!data) return error ? <ErrorBox t={t} error={error} /> : <div class="loading">{t.app.loading}</div>;
  const f = data.figures;
  const weekBeforeNet = data.hourlyWeekBefore.reduce((a, b) => a + b, 0);
  const change = formatChange(f.netKop, weekBeforeNet);
  return (
    <section class="screen" data-screen="today">
      <div class="hero card">
        <div class="label">
          {t.bot.today.net} · {formatDate(data.date)}
        </div>
        <div class="big" data-testid="today-net">
          {formatMoney(f.netKop)}
        </div>
        <div class="sub">
          {change && (
            <span class={`delta ${change.startsWith('−') ? 'down' : 'up'}`}>
              {change}
            </span>
          )}
          {change && (
            <span>{t.app.today.vsWeekBefore}</span>
          )}
        </div>
      </div>
      <Figures t={t} f={f} />
      <HourlyChart
        title={t.app.today.hourly}
        values={data.hourly}
        compare={data.hourlyWeekBefore}
        dayStartMinutes={data.dayStartMinutes}
        valuesLabel={t.app.today.now}
        compareLabel={t.app.today.weekBefore}
        units={t.bot.charts}
      />
      {f.checksCount === 0 && <p class="foot muted">{t.bot.today.empty}</p>}
      {data.cashDesks.length > 0 && <h2>{t.bot.today.cashDesks}</h2>}
      <div class="desks">
        {data.cashDesks.map((d) => (
          <div class="card desk" data-testid="desk">
            <div class="row">
              <strong>{t.bot.today.desk(d.numFiscal)}</strong>
              <span class="muted">{d.lastCheckAt ? t.app.today.lastCheck(formatTime(d.lastCheckAt, me.tz)) : t.app.today.noChecks}</span>
            </div>
            <div class="row">
              <span>{t.bot.today.sales}</span>
              <span>
                {formatMoney(d.sales.sumKop)} <span class="muted">· {d.sales.count}</span>
              </span>
            </div>
            {d.returns.count > 0 && (
              <div class="row">
                <span>{t.bot.today.returns}</span>
                <span class="neg">
                  {formatMoney(d.returns.sumKop)} <span class="muted">· {d.returns.count}</span>
                </span>
              </div>
            )}
            <div class="row">
              <span>{capitalize(t.bot.today.drawer)}</span>
              <span>{d.cashInBoxKop === null ? <span class="muted">{t.bot.today.drawerUnknown}</span> : formatMoney(d.cashInBoxKop)}</span>
            </div>
          </div>
        ))}
      </div>
      <p class="foot muted">{t.app.updated(formatTime(data.generatedAt, me.tz))}</p>
    </section>
  );
}

/** The figures the bot's /today and reports show, as tiles. */
export function Figures(props: { t: Strings; f: FiguresDto; previous?: FiguresDto }) {
  const { t, f, previous } = props;
  const cashShare = f.cashKop + f.cashlessKop > 0 ? (f.cashKop / (f.cashKop + f.cashlessKop)) * 100 : 0;
  const tile = (label: string, value: string, extra?: string, testid?: string, cls = '') => (
    <div class={`tile ${cls}`} data-testid={testid}>
      <div class="label">{label}</div>
      <div class="value">{value}</div>
      {extra && <div class="muted small">{extra}</div>}
    </div>
  );
  return (
    <div class="tiles">
      {tile(t.bot.today.sales, formatMoney(f.sales.sumKop), t.bot.today.count(f.sales.count), 'fig-sales')}
      {tile(t.bot.today.returns, formatMoney(f.returns.sumKop), t.bot.today.count(f.returns.count), 'fig-returns', f.returns.count ? 'neg' : '')}
      {tile(t.bot.today.average, formatMoney(f.averageCheckKop), previous ? changeText(f.averageCheckKop, previous.averageCheckKop) : undefined, 'fig-average')}
      {tile(t.app.checksCount, String(f.checksCount), previous ? changeText(f.checksCount, previous.checksCount) : undefined, 'fig-count')}
      <div class="tile wide">
        <div class="split-labels">
          <span>
            {t.bot.today.cash} <strong data-testid="fig-cash">{formatMoney(f.cashKop)}</strong>
          </span>
          <span>
            {t.bot.today.cashless} <strong data-testid="fig-cashless">{formatMoney(f.cashlessKop)}</strong>
          </span>
        </div>
        <div class="split">
          <i style={{ width: `${cashShare}%` }} />
        </div>
      </div>
      {(f.serviceIn.count > 0 || f.serviceOut.count > 0) && (
        <div class="tile wide small">
          {f.serviceIn.count > 0 && (
            <div class="row">
              <span>{t.bot.today.serviceIn}</span>
              <span>{formatMoney(f.serviceIn.sumKop)}</span>
            </div>
          )}
          {f.serviceOut.count > 0 && (
            <div class="row">
              <span>{t.bot.today.serviceOut}</span>
              <span>{formatMoney(f.serviceOut.sumKop)}</span>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function changeText(now: number, before: number): string | undefined {
  return formatChange(now, before) ?? undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

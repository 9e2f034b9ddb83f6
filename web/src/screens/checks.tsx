import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckKind, CheckListItem, ChecksResponse } from '../../../src/miniapp/api-contract.js';
import { ErrorBox, useApp } from '../common.js';
import { formatDateTime, formatMoney } from '../format.js';
import { backButton } from '../telegram.js';
import { CheckDetail } from './check-detail.js';

const KINDS: CheckKind[] = ['sale', 'return', 'service_in', 'service_out'];
const PAGE = 30;

export function ChecksScreen(props: { active: boolean }) {
  const { api, me, t } = useApp();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [desk, setDesk] = useState('');
  const [kind, setKind] = useState('');
  const [items, setItems] = useState<CheckListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<number | null>(null);
  const generation = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);

  // Typing settles for 300 ms before a search.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);

  const load = async (reset: boolean) => {
    const gen = reset ? ++generation.current : generation.current;
    setLoading(true);
    try {
      const page = await api.get<ChecksResponse>('checks', {
        q: query,
        cashDesk: desk,
        kind,
        limit: PAGE,
        before: reset ? undefined : (cursor ?? undefined),
      });
      if (gen !== generation.current) return;
      setItems((old) => (reset ? page.items : [...old, ...page.items]));
      setCursor(page.nextCursor);
      setDone(page.nextCursor === null);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  };

  // The first page is asked for once the tab is first shown; again whenever the search changes.
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (props.active) setStarted(true);
  }, [props.active]);
  useEffect(() => {
    if (!started) return;
    setItems([]);
    setCursor(null);
    setDone(false);
    void load(true);
  }, [query, desk, kind, started]);

  // Infinite scroll: the next page when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || done || loading || error || !props.active || open !== null) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void load(false);
    }, { rootMargin: '400px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [done, loading, error, cursor, props.active, open]);

  useEffect(() => {
    if (open === null) return;
    return backButton(true, () => setOpen(null));
  }, [open]);
  useEffect(() => {
    if (open === null) backButton(false, () => {});
  }, [open]);

  // Back from a check returns to the same place in the list.
  const scrollY = useRef(0);
  useEffect(() => {
    if (open === null) window.scrollTo(0, scrollY.current);
  }, [open]);
  const show = (id: number) => {
    scrollY.current = window.scrollY;
    setOpen(id);
  };

  if (open !== null) return <CheckDetail id={open} close={() => setOpen(null)} />;
  return (
    <section class="screen" data-screen="checks">
      <div class="filters">
        <input
          type="search"
          class="search"
          placeholder={t.app.checks.search}
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          aria-label={t.app.checks.search}
          data-testid="search"
        />
        <div class="selects">
          <select value={desk} onChange={(e) => setDesk((e.target as HTMLSelectElement).value)} data-testid="desk-filter">
            <option value="">{t.app.checks.allDesks}</option>
            {me.cashDesks.map((d) => (
              <option value={String(d.id)}>{t.bot.today.desk(d.numFiscal)}</option>
            ))}
          </select>
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)} data-testid="kind-filter">
            <option value="">{t.app.checks.allKinds}</option>
            {KINDS.map((k) => (
              <option value={k}>{t.bot.kind[k]}</option>
            ))}
          </select>
        </div>
      </div>
      <ul class="list">
        {items.map((c) => (
          <li>
            <button class="check" onClick={() => show(c.id)} data-testid="check-row" data-check-id={c.id}>
              <span class={`kind-dot ${c.kind}`} aria-hidden="true" />
              <span class="main">
                <span class="title">
                  {t.bot.kind[c.kind]} <span class="muted">№ {c.number} · {t.app.checks.items(c.itemsCount)}</span>
                </span>
                <span class="muted small">
                  {formatDateTime(c.at, me.tz, t.locale, me.today)} · {t.bot.today.desk(c.cashDesk.numFiscal)}
                </span>
              </span>
              <span class={`sum ${c.kind === 'return' || c.kind === 'service_out' ? 'neg' : ''}`}>{formatMoney(c.totalKop)}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? <ErrorBox t={t} error={error} retry={() => void load(items.length === 0)} /> : null}
      {!error && loading && <div class="loading">{t.app.loading}</div>}
      {!error && !loading && done && <p class="foot muted">{items.length ? t.app.checks.end : t.app.checks.nothing}</p>}
      <div ref={sentinel} class="sentinel" />
    </section>
  );
}

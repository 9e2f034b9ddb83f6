import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MeResponse } from '../../src/miniapp/api-contract.js';
import { ApiFailure, createApi } from './api.js';
import { Ctx, ErrorBox, type AppContext } from './common.js';
import { strings } from './i18n.js';
import { ChecksScreen } from './screens/checks.js';
import { PeriodsScreen } from './screens/periods.js';
import { TodayScreen } from './screens/today.js';
import { applyTheme, readLaunch, telegramReady } from './telegram.js';
import './styles.css';

type Tab = 'today' | 'checks' | 'periods';

const launch = readLaunch();
const api = launch ? createApi(launch.initData) : null;

function App() {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>('today');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!api) return;
    setError(null);
    api.get<MeResponse>('me').then(setMe, setError);
  }, [attempt]);

  const t = strings(me?.lang ?? launch?.lang ?? 'uk');
  document.documentElement.lang = t.lang;
  if (!launch || !api) return <ErrorBox t={t} error={new ApiFailure(0, 'no_launch', '')} />;
  if (error) return <ErrorBox t={t} error={error} retry={() => setAttempt((a) => a + 1)} />;
  if (!me) return <div class="loading">{t.app.loading}</div>;

  const ctx: AppContext = { api, me, t };
  return (
    <Ctx.Provider value={ctx}>
      <header class="top">
        <div class="shop">
          <strong>{me.business.title}</strong>
          <span class="muted">
            {me.user.firstName} · {t.app.role[me.role]}
          </span>
        </div>
        <nav class="tabs" role="tablist">
          {(['today', 'checks', 'periods'] as const).map((name) => (
            <button role="tab" aria-selected={tab === name} class={tab === name ? 'on' : ''} onClick={() => setTab(name)} data-tab={name}>
              {t.app.tabs[name]}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {tab === 'today' && <TodayScreen />}
        <div hidden={tab !== 'checks'}>
          <ChecksScreen active={tab === 'checks'} />
        </div>
        {tab === 'periods' && <PeriodsScreen />}
      </main>
    </Ctx.Provider>
  );
}

applyTheme(launch?.theme ?? {});
if (launch) document.documentElement.dataset.launch = launch.source;
telegramReady(applyTheme);
render(<App />, document.getElementById('app')!);

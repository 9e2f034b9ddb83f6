import { useEffect, useState } from 'preact/hooks';
import type { CheckDetailResponse } from '../../../src/miniapp/api-contract.js';
import { ErrorBox, useApp } from '../common.js';
import { formatDateTime, formatMoney, formatQuantity } from '../format.js';
import { openLink } from '../telegram.js';

/** Can this browser show a PDF inline? Chromium and Safari say so; Android's WebView does not. */
function canShowPdf(): boolean {
  return (navigator as Navigator & { pdfViewerEnabled?: boolean }).pdfViewerEnabled === true;
}

export function CheckDetail(props: { id: number; close: () => void }) {
  const { api, me, t } = useApp();
  const [check, setCheck] = useState<CheckDetailResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pdf, setPdf] = useState<{ url: string; inline: boolean } | 'loading' | null>(null);

  useEffect(() => {
    api.get<CheckDetailResponse>(`checks/${props.id}`).then(setCheck, setError);
    window.scrollTo(0, 0);
  }, [props.id]);
  useEffect(
    () => () => {
      if (pdf && pdf !== 'loading') URL.revokeObjectURL(pdf.url);
    },
    [pdf],
  );

  const showPdf = async () => {
    setPdf('loading');
    try {
      const blob = await api.blob(`checks/${props.id}/pdf`);
      setPdf({ url: URL.createObjectURL(new Blob([blob], { type: 'application/pdf' })), inline: canShowPdf() });
    } catch (e) {
      setPdf(null);
      setError(e);
    }
  };

  const back = (
    <button class="back" onClick={props.close} data-testid="back">
      ‹ {t.app.checks.back}
    </button>
  );
  if (!check) return <section class="screen">{back}{error ? <ErrorBox t={t} error={error} /> : <div class="loading">{t.app.loading}</div>}</section>;
  const s = t.bot.sale;
  return (
    <section class="screen detail" data-screen="check" data-testid="check-detail">
      {back}
      <div class="card">
        <div class="row">
          <strong class="title">
            {t.bot.kind[check.kind]} № {check.number}
          </strong>
          <span class="muted">{formatDateTime(check.at, me.tz, t.locale, '')}</span>
        </div>
        <div class="muted small">
          {s.cashDesk(check.cashDesk.numFiscal)}
          {check.isOffline ? ` · ${t.app.checks.offline}` : ''}
        </div>
        <ul class="items">
          {check.items.map((item) => (
            <li>
              <div class="row">
                <span class="name">{item.name}</span>
                <span>{formatMoney(item.costKop)}</span>
              </div>
              <div class="muted small">
                {formatQuantity(item.quantityMilli)}
                {item.unitName ? ` ${item.unitName}` : ''} {t.app.checks.qty} {formatMoney(item.priceKop)}
                {item.discountKop ? ` · ${t.app.checks.discount} ${formatMoney(item.discountKop)}` : ''}
              </div>
            </li>
          ))}
        </ul>
        {check.discountKop !== 0 && (
          <div class="row">
            <span>{s.discount}</span>
            <span>{formatMoney(check.discountKop)}</span>
          </div>
        )}
        {check.roundingKop !== 0 && (
          <div class="row">
            <span>{s.rounding}</span>
            <span>{formatMoney(check.roundingKop)}</span>
          </div>
        )}
        <div class="row total">
          <span>{s.total}</span>
          <span data-testid="detail-total">{formatMoney(check.totalKop)}</span>
        </div>
      </div>
      <h2>{t.app.checks.payments}</h2>
      <div class="card">
        {check.payments.map((p) => (
          <div class="row">
            <span>{p.name ?? (p.kind === 'cash' ? s.cash : s.cashless)}</span>
            <span>{formatMoney(p.sumKop)}</span>
          </div>
        ))}
        {check.cashInBoxKop !== null && (
          <div class="row muted small">
            <span>{t.app.checks.drawer}</span>
            <span>{formatMoney(check.cashInBoxKop)}</span>
          </div>
        )}
      </div>
      <div class="actions">
        {check.receiptUrl && (
          <a class="button secondary" href={check.receiptUrl} target="_blank" rel="noopener noreferrer" onClick={(e) => openLink(check.receiptUrl!, e)}>
            {t.app.checks.receipt}
          </a>
        )}
        {check.hasPdf && pdf === null && (
          <button class="button" onClick={() => void showPdf()} data-testid="pdf">
            {t.app.checks.pdf}
          </button>
        )}
      </div>
      {pdf === 'loading' && <div class="loading">{t.app.checks.pdfLoading}</div>}
      {pdf && pdf !== 'loading' && (
        <div class="pdf">
          {pdf.inline && <iframe src={pdf.url} title={t.app.checks.pdf} />}
          <a class="button secondary" href={pdf.url} download={`check-${check.number}.pdf`}>
            {t.app.checks.pdfDownload}
          </a>
        </div>
      )}
    </section>
  );
}

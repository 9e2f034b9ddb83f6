import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { sampleCheckView } from '../sample-check.js';
import { renderSaleAlert } from './sale-alert.js';

/** The test alert of /start's button: the sale alert of the sample check, headed by a line saying it is a test. Pure. */
export function renderTestAlert(orderedAt: Date, t: Catalogue, tz: string): OutgoingMessage {
  return renderSaleAlert(sampleCheckView(orderedAt), t, tz, { banner: t.testAlert.banner });
}

/**
 * Posts a realistic CashDesk check to a webhook URL, so an owner sees an alert before the first
 * real sale:  npm run send-sample -- <webhook URL> [fixture]
 * The check gets a fresh uuid and the current date and time in BUSINESS_TZ (default Europe/Kyiv).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { z } from 'zod';

const samplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/cashdesk');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));

const args = z
  .tuple([
    z.url({ protocol: /^https?$/, error: 'the first argument must be the webhook URL (http or https)' }),
    z.enum(samples as [string, ...string[]], { error: `the sample must be one of: ${samples.join(', ')}` }).default('sale-cash'),
  ])
  .safeParse(process.argv.slice(2).filter((a) => a !== '--'));

if (!args.success) {
  process.stderr.write(
    `${args.error.issues[0]?.message}\nusage: npm run send-sample -- <webhook URL> [${samples.join('|')}]\n`,
  );
  process.exit(2);
}
const [url, sample] = args.data;

const body = JSON.parse(readFileSync(path.join(samplesDir, `${sample}.json`), 'utf8')) as Record<string, unknown>;
const now = DateTime.now().setZone(process.env.BUSINESS_TZ || 'Europe/Kyiv');
const uuid = randomUUID();
body.uuid = uuid;
body.ORDERDATE = now.toISODate();
body.ORDERTIME = now.toFormat('HH:mm:ss');
body.link = `https://test.cashdesk.com.ua/check/${uuid}/html`;

const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const answer = await res.text();
process.stdout.write(`${res.status} ${answer}\nsent ${sample} as check ${uuid}\n`);
process.exit(res.ok ? 0 : 1);

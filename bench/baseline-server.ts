/**
 * The baseline for the ingest benchmark: a bare Koa route that inserts the raw body into one
 * table with postgres.js, nothing else. Prints "listening <port>".
 */
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
await sql`create table if not exists baseline_raw (id bigserial primary key, body text not null, received_at timestamptz not null default now())`;

const router = new Router();
router.post('/webhooks/cashdesk/:token', async (ctx) => {
  const body = await getRawBody(ctx.req, { limit: 10 * 1024 * 1024, encoding: 'utf8' });
  await sql`insert into baseline_raw (body) values (${body})`;
  ctx.body = { ok: true };
});
const app = new Koa();
app.use(router.routes());
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void sql.end().then(() => process.exit(0));
});

/**
 * The baseline of npm run bench:vote: Fastify with one upsert into a ballots
 * table, nothing else — no authentication, no checks, no versions.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
await pool.query('create table if not exists bench_ballots (voter_id uuid primary key, choice text not null, cast_at timestamptz not null)');
const app = Fastify();
app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/vote', async (request) => {
  const body = request.body as { voterId: string; choice: string };
  await pool.query(
    'insert into bench_ballots (voter_id, choice, cast_at) values ($1, $2, now()) on conflict (voter_id) do update set choice = excluded.choice, cast_at = excluded.cast_at',
    [body.voterId, body.choice],
  );
  return { ok: true };
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());

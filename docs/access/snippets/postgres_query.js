// Query the analytics database with node-postgres, from the POSTGRES_URL key.
const { Client } = require('pg');

async function main() {
  const client = new Client({
    connectionString: process.env.POSTGRES_URL,
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT machine, count(*)::int AS readings, round(avg(temperature)::numeric, 1) AS avg
         FROM machine_readings WHERE temperature > $1 GROUP BY machine ORDER BY machine`,
      [50],
    );
    for (const r of rows)
      console.log(`${r.machine}: ${r.readings} readings, average ${r.avg}`);
  } finally {
    await client.end();
  }
}

main().catch(err => {
  console.error(err.message);
  process.exit(1);
});

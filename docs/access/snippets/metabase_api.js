// Call the Metabase API with an API key (header x-api-key); Node 18+ fetch.
async function main() {
  const mb = process.env.METABASE_URL;
  const headers = { 'x-api-key': process.env.METABASE_API_KEY }; // not in <platform>-conn

  const resp = await fetch(`${mb}/api/database`, {
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  if (!resp.ok) throw new Error(`HTTP ${resp.status}: ${await resp.text()}`); // 401: missing or revoked key
  const { data } = await resp.json();
  for (const db of data)
    console.log(`database ${db.id}: ${db.name} (${db.engine})`);
}

main().catch(err => {
  console.error(err.message);
  process.exit(1);
});

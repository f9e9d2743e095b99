// List Lenses HQ environments with a service-account key (Bearer token); Node 18+ fetch.
async function main() {
  const hq = process.env.LENSES_HQ_URL;
  const headers = { Authorization: `Bearer ${process.env.LENSES_HQ_TOKEN}` }; // not in <platform>-conn

  const resp = await fetch(`${hq}/api/v1/environments`, {
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  if (!resp.ok) throw new Error(`HTTP ${resp.status}: ${await resp.text()}`); // 401: missing, wrong or expired key
  const { items } = await resp.json();
  for (const env of items)
    console.log(`environment ${env.name} (${env.display_name})`);
}

main().catch(err => {
  console.error(err.message);
  process.exit(1);
});

#!/usr/bin/env node
// Prints the sorted refs and uids of every catalog entity of the running portal, once the entity
// named by --wait-for is there. Used to prove the catalog survives a backend restart on PostgreSQL.
//   node scripts/catalog-snapshot.mjs --wait-for component:default/realtime-platform-docs > snap.json
const base = process.env.PORTAL_URL ?? 'http://localhost:7007';
const flag = process.argv.indexOf('--wait-for');
const waitFor = flag === -1 ? undefined : process.argv[flag + 1];

async function guestToken() {
  const res = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function entities(token) {
  const res = await fetch(`${base}/api/catalog/entities`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`catalog query failed: HTTP ${res.status}`);
  return (await res.json()).map(e => ({
    ref: `${e.kind}:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`.toLowerCase(),
    uid: e.metadata.uid,
  }));
}

const token = await guestToken();
const deadline = Date.now() + 120_000;
let list = await entities(token);
while (waitFor && !list.some(e => e.ref === waitFor.toLowerCase())) {
  if (Date.now() > deadline) {
    console.error(`catalog-snapshot: ${waitFor} did not appear within 120 s`);
    process.exit(1);
  }
  await new Promise(r => setTimeout(r, 1000));
  list = await entities(token);
}
list.sort((a, b) => a.ref.localeCompare(b.ref));
console.log(JSON.stringify(list, null, 1));

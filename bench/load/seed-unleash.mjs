// Creates the flags of a plan written by `seed-load --mix side-by-side --unleash-plan FILE` in a running Unleash,
// through its admin API: each flag in project "default", a flexibleRollout strategy (its rollout, default
// stickiness, the flag's name as group) with the plan's constraints in environment "development", switched on.
// Usage: node seed-unleash.mjs PLAN BASE_URL ADMIN_TOKEN
import { readFileSync } from 'node:fs';

const [planFile, baseUrl, adminToken] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const project = `${baseUrl}/api/admin/projects/default`;

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: adminToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  }
}

async function create(flag) {
  await call('POST', `${project}/features`, { name: flag.name, type: 'release' });
  const environment = `${project}/features/${flag.name}/environments/development`;
  await call('POST', `${environment}/strategies`, {
    name: 'flexibleRollout',
    parameters: { rollout: String(flag.rollout), stickiness: 'default', groupId: flag.name },
    constraints: flag.constraints.map((c) => ({ ...c, caseInsensitive: false, inverted: false })),
  });
  await call('POST', `${environment}/on`);
}

const queue = [...plan];
await Promise.all(Array.from({ length: 8 }, async () => {
  for (let flag = queue.shift(); flag; flag = queue.shift()) {
    await create(flag);
  }
}));
console.log(`${plan.length} flags created in Unleash`);

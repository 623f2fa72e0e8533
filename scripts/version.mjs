// `npm run version-packages`: the pending changesets become new versions and CHANGELOG entries
// (changeset version), then the version constants the packages report follow package.json:
// the SDK's `Memberkit-Client: sdk/<version>` header and the element's safe define.
import { readFileSync, writeFileSync } from 'node:fs';
import { root, run } from './run.mjs';

const { code } = await run('npx', ['changeset', 'version']);
if (code !== 0) process.exit(code);
for (const name of ['sdk', 'signup']) {
  const { version } = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, 'utf8'));
  const file = `${root}packages/${name}/src/version.ts`;
  writeFileSync(file, readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`));
  console.log(`packages/${name}/src/version.ts: ${version}`);
}

// `npm run staff:add`: see lib/auth/staff-cli.ts.
import { runStaffCli } from '../lib/auth/staff-cli';

const code = await runStaffCli(process.argv.slice(2));
// As in scripts/db.ts: the WASM schema engine leaves a timer behind after migrating; exit once stdout has drained.
process.stdout.write('', () => process.exit(code));

// `npm run db:*`: see lib/store/cli.ts for the commands.
import { runDbCli } from '../lib/store/cli';

const code = await runDbCli(process.argv.slice(2));
// The WASM schema engine leaves a ~10 s timer behind after migrating; once the database is
// closed there is nothing left to wait for. Exit when stdout has drained.
process.stdout.write('', () => process.exit(code));

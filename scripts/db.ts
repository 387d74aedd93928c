// `npm run db:*`: see lib/store/cli.ts for the commands.
import { runDbCli } from '../lib/store/cli';

process.exitCode = await runDbCli(process.argv.slice(2));

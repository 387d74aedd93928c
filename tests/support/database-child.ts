/**
 * A second process for the embedded-database tests.
 *   hold <dataDir>   open the database, print "ready", wait to be killed
 *   write <dataDir>  open it, then commit one warehouse row after another, printing each code once committed
 *   open <dataDir>   open it and exit 0, or print the error and exit 1
 */
import { openDatabase } from '@/lib/db/client';

const [mode, dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: database-child.ts hold|write|open <dataDir>');

try {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  if (mode === 'open') {
    await db.close();
    process.exit(0);
  }
  console.log('ready');
  if (mode === 'write') {
    for (let i = 0; ; i++) {
      const code = `W-${i}`;
      await db.prisma.warehouse.create({
        data: { code, name: `仓库 ${i}`, region: 'test', deliveryDaysMin: 1, deliveryDaysMax: 2, position: i },
      });
      console.log(`committed ${code}`);
    }
  }
  setInterval(() => {}, 1000);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

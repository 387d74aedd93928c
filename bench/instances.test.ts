import { describe, expect, it } from 'vitest';
import { databaseUrl, parseResp, processTree, rssBytes, treeUsage } from './instances';

describe('parseResp', () => {
  it('reads replies whole, and waits for the rest of a partial one', () => {
    expect(parseResp(Buffer.from('+OK\r\n'))).toEqual({ value: 'OK', end: 5 });
    expect(parseResp(Buffer.from(':42\r\n'))?.value).toBe(42);
    expect(parseResp(Buffer.from('$-1\r\n'))?.value).toBeNull();
    const scan = Buffer.from('*2\r\n$1\r\n0\r\n*2\r\n$5\r\nb:k:1\r\n$5\r\nb:k:2\r\n');
    expect(parseResp(scan)?.value).toEqual(['0', ['b:k:1', 'b:k:2']]);
    expect(parseResp(scan.subarray(0, scan.length - 3))).toBeNull();
    expect(() => parseResp(Buffer.from('-ERR nope\r\n'))).toThrow('Redis: ERR nope');
  });
});

describe('/proc readings', () => {
  it('finds this process, its memory and CPU time', () => {
    expect(processTree(process.pid)).toContain(process.pid);
    expect(rssBytes(process.pid)).toBeGreaterThan(10 * 1024 * 1024);
    expect(treeUsage(process.pid).cpuMs).toBeGreaterThan(0);
    expect(rssBytes(-1)).toBe(0);
  });
});

describe('databaseUrl', () => {
  it('swaps the database of a server URL', () => {
    expect(databaseUrl('postgres://postgres@127.0.0.1:5432/postgres', 'shop_bench_x')).toBe(
      'postgres://postgres@127.0.0.1:5432/shop_bench_x',
    );
  });
});

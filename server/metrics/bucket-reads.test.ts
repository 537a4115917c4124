/**
 * Reads of a few series from packed buckets fetch byte ranges (substring on the bytea): the values must be the
 * ones a whole-bucket read gives, for ids before, inside, after and across each row's own id range, on PGlite
 * and PostgreSQL.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../store/testing';
import { metricsDb, type MetricsDb } from './schema';
import { packBucket, pointOf, toBytes } from './buckets';
import { idRuns, readBuckets } from './bucket-reads';

it('groups ids into runs, joining ids less than a gap apart', () => {
  expect(idRuns([])).toEqual([]);
  expect(idRuns([5, 3, 4, 3])).toEqual([[3, 5]]);
  expect(idRuns([0, 64, 129, 500])).toEqual([
    [0, 64],
    [129, 129],
    [500, 500],
  ]);
});

describeEachStore('sliced bucket reads', (getStore) => {
  let db: MetricsDb;
  // three rows with different id ranges: series come and go, so each bucket packs its own [min_id, min_id+count)
  const shapes = [
    { start: 0, ids: [...Array(300).keys()].map((i) => i + 100) },
    { start: 60_000, ids: [...Array(50).keys()].map((i) => i * 7 + 90) },
    { start: 120_000, ids: [3, 1_000, 1_001] },
  ];
  beforeAll(async () => {
    db = metricsDb(getStore());
    for (const s of shapes) {
      const b = packBucket(
        s.start,
        s.ids.map((id) => ({ id, cpu: id / 1000, memory: id * 1024 })),
      );
      await db
        .insertInto('metrics_buckets')
        .values({ cluster: 'c', tier: 0, start: s.start, samples: 1, min_id: b.minId, count: b.codes.length / 2, data: toBytes(b.codes) })
        .execute();
    }
  });

  it('reads the same values as whole buckets, for ids inside, outside and across rows', async () => {
    const whole = await readBuckets(db, 'c', 0, 0, 200_000);
    expect(whole.map((b) => b.start)).toEqual([0, 60_000, 120_000]);
    const wanted = [0, 3, 50, 90, 97, 99, 100, 101, 250, 300, 399, 400, 433, 900, 1_000, 1_001, 2_000];
    const sliced = await readBuckets(db, 'c', 0, 0, 200_000, wanted);
    expect(sliced.map((b) => b.start)).toEqual([0, 60_000, 120_000]);
    let some = 0;
    sliced.forEach((b, i) => {
      for (const id of wanted) {
        expect(pointOf(b, id), `bucket ${b.start} id ${id}`).toEqual(pointOf(whole[i], id));
        if (pointOf(b, id)[0] !== null) some++;
      }
      // ids not asked for are not filled in, even inside a fetched run
      expect(pointOf(b, 102)).toEqual([null, null]);
    });
    expect(some).toBe(12);
  });

  it('falls back to whole buckets for ids too scattered for ranges, with the same values', async () => {
    const scattered = [...Array(100).keys()].map((i) => i * 100);
    const whole = await readBuckets(db, 'c', 0, 0, 200_000);
    const read = await readBuckets(db, 'c', 0, 0, 200_000, scattered);
    read.forEach((b, i) => scattered.forEach((id) => expect(pointOf(b, id)).toEqual(pointOf(whole[i], id))));
  });
});

import assert from "node:assert/strict";
import type { QueryRequest, ResultColumn } from "../../../sim/tds/server.ts";
import { sql, withPool } from "./harness.ts";

const COLUMNS: ResultColumn[] = [
  { name: "nv", type: "nvarchar", length: 50 },
  { name: "vc", type: "varchar", length: 50 },
  { name: "ti", type: "tinyint" },
  { name: "si", type: "smallint" },
  { name: "i", type: "int" },
  { name: "bi", type: "bigint" },
  { name: "b", type: "bit" },
  { name: "price", type: "decimal", precision: 19, scale: 4 },
  { name: "f", type: "float" },
  { name: "d", type: "date" },
  { name: "dt", type: "datetime" },
  { name: "dt2", type: "datetime2", scale: 3 },
  { name: "g", type: "uniqueidentifier" },
  { name: "nvmax", type: "nvarchar", length: -1 },
];

const TURKISH = "Gömlek ğüşıİöç ĞÜŞIÖÇ";
const GUID = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
const LONG = "ş".repeat(10_000);

Deno.test("every column type reads back exactly through mssql, NULLs included", async () => {
  const rows = [
    [
      TURKISH,
      TURKISH,
      255,
      -32768,
      -2147483648,
      9007199254740993n,
      true,
      1234.56,
      1.1,
      new Date("2024-02-29T00:00:00Z"),
      new Date("2024-01-02T03:04:05.003Z"),
      new Date("2024-05-06T07:08:09.123Z"),
      GUID,
      LONG,
    ],
    COLUMNS.map(() => null),
  ];
  await withPool({ all: { resultSets: [{ columns: COLUMNS, rows }] } }, async (pool) => {
    const r = await pool.request().query("/* all */ SELECT ...");
    assert.deepEqual(r.recordset[0], {
      nv: TURKISH,
      vc: TURKISH,
      ti: 255,
      si: -32768,
      i: -2147483648,
      bi: "9007199254740993", // tedious returns bigint as a string, exact
      b: true,
      price: 1234.56,
      f: 1.1,
      d: new Date("2024-02-29T00:00:00Z"),
      dt: new Date("2024-01-02T03:04:05.003Z"),
      dt2: new Date("2024-05-06T07:08:09.123Z"),
      g: GUID,
      nvmax: LONG,
    });
    assert.deepEqual(r.recordset[1], Object.fromEntries(COLUMNS.map((c) => [c.name, null])));
    const meta = r.recordset.columns;
    assert.equal(meta.price?.precision, 19);
    assert.equal(meta.price?.scale, 4);
    assert.equal(meta.nv?.length, 100); // mssql reports bytes: nvarchar(50) is 100, as with SQL Server
    assert.equal(meta.i?.nullable, true);
  });
});

Deno.test("decimal(19,4) keeps kuruş exact and rounds half away from zero at the scale", async () => {
  const values = [
    1234.56,
    -0.01,
    0.005,
    "99999999999999.9999",
    0.00005,
    -0.00005,
    0.1 + 0.2,
    12345678901234n,
  ];
  const columns: ResultColumn[] = [{ name: "v", type: "decimal", precision: 19, scale: 4 }];
  await withPool({ money: { resultSets: [{ columns, rows: values.map((v) => [v]) }] } }, async (pool) => {
    const r = await pool.request().query("/* money */");
    assert.deepEqual(
      r.recordset.map((x: { v: number }) => x.v),
      [1234.56, -0.01, 0.005, 99999999999999.9999, 0.0001, -0.0001, 0.3, 12345678901234],
    );
  });
});

Deno.test("datetime rounds to SQL Server's 1/300 s steps (.003/.007)", async () => {
  const at = (ms: number) => new Date(Date.UTC(2024, 0, 2, 3, 4, 5, ms));
  const columns: ResultColumn[] = [{ name: "v", type: "datetime" }];
  const input = [0, 1, 2, 3, 4, 5, 7, 8, 10, 998, 999];
  await withPool({ dt: { resultSets: [{ columns, rows: input.map((ms) => [at(ms)]) }] } }, async (pool) => {
    const r = await pool.request().query("/* dt */");
    const got = r.recordset.map((x: { v: Date }) => x.v.getTime() - at(0).getTime());
    assert.deepEqual(got, [0, 0, 3, 3, 3, 7, 7, 7, 10, 997, 1000]);
  });
});

Deno.test("datetime2 and time honour the column scale (0 rounds to seconds, 7 keeps milliseconds)", async () => {
  const v = new Date("2024-05-06T07:08:09.567Z");
  // A time reads back as its time of day on 1970-01-01 (tedious), the day dropped as SQL Server drops it.
  for (const [type, day] of [["datetime2", "2024-05-06"], ["time", "1970-01-01"]] as const) {
    const columns: ResultColumn[] = [
      { name: "s0", type, scale: 0 },
      { name: "s3", type, scale: 3 },
      { name: "s7", type },
    ];
    await withPool(
      { t: { resultSets: [{ columns, rows: [[v, v, v], [null, null, null]] }] } },
      async (pool) => {
        const r = await pool.request().query("/* t */");
        const at = (t: string) => new Date(`${day}T${t}Z`);
        assert.deepEqual(r.recordset[0], {
          s0: at("07:08:10.000"),
          s3: at("07:08:09.567"),
          s7: at("07:08:09.567"),
        });
        assert.deepEqual(r.recordset[1], { s0: null, s3: null, s7: null });
        assert.equal(r.recordset.columns.s7?.type, type === "time" ? sql.Time : sql.DateTime2);
      },
    );
  }
});

Deno.test("several result sets and a row count come back from one request", async () => {
  const answer = {
    resultSets: [
      { columns: [{ name: "a", type: "int" as const }], rows: [[1], [2]] },
      { columns: [{ name: "b", type: "nvarchar" as const, length: 10 }], rows: [["x"]] },
    ],
  };
  await withPool({ two: answer, upd: { resultSets: [], rowsAffected: 3 } }, async (pool) => {
    const r = await pool.request().query("/* two */");
    assert.deepEqual(r.recordsets, [[{ a: 1 }, { a: 2 }], [{ b: "x" }]]);
    assert.deepEqual(r.rowsAffected, [2, 1]);
    const u = await pool.request().query("/* upd */ UPDATE x SET y = 1");
    assert.deepEqual(u.rowsAffected, [3]);
    const b = await pool.request().batch("/* two */ plain batch");
    assert.deepEqual(b.recordsets, [[{ a: 1 }, { a: 2 }], [{ b: "x" }]]);
  });
});

Deno.test("the handler sees bound parameters decoded to the right JS types", async () => {
  const seen: QueryRequest[] = [];
  await withPool({ params: { resultSets: [] } }, async (pool) => {
    await pool.request()
      .input("i", sql.Int, -7)
      .input("ti", sql.TinyInt, 200)
      .input("si", sql.SmallInt, -300)
      .input("bi", sql.BigInt, "9007199254740993")
      .input("b", sql.Bit, true)
      .input("price", sql.Decimal(19, 4), 1234.56)
      .input("f", sql.Float, 2.5)
      .input("nv", sql.NVarChar(50), TURKISH)
      .input("vc", sql.VarChar(50), TURKISH)
      .input("d", sql.Date, new Date("2024-02-29T00:00:00Z"))
      .input("dt", sql.DateTime, new Date("2024-01-02T03:04:05.007Z"))
      .input("dt2", sql.DateTime2(3), new Date("2024-05-06T07:08:09.123Z"))
      .input("g", sql.UniqueIdentifier, GUID.toLowerCase())
      .input("Since", new Date("2024-05-06T07:08:09.123Z")) // untyped: mssql infers datetime
      .query("/* params */ SELECT @i");
  }, { seen });
  const p = seen[0]!.params;
  const value = (k: string) => p.get(k)?.value;
  assert.equal(value("i"), -7);
  assert.equal(value("ti"), 200);
  assert.equal(value("si"), -300);
  assert.equal(value("bi"), 9007199254740993n);
  assert.equal(value("b"), true);
  assert.equal(value("price"), 1234.56);
  assert.equal(value("f"), 2.5);
  assert.equal(value("nv"), TURKISH);
  assert.equal(value("vc"), TURKISH);
  assert.deepEqual(value("d"), new Date("2024-02-29T00:00:00Z"));
  assert.deepEqual(value("dt"), new Date("2024-01-02T03:04:05.007Z"));
  assert.deepEqual(value("dt2"), new Date("2024-05-06T07:08:09.123Z"));
  assert.equal(value("g"), GUID);
  assert.deepEqual(value("since"), new Date("2024-05-06T07:08:09.123Z"));
  assert.equal(p.get("since")?.name, "Since");
  const types = Object.fromEntries([...p].map(([k, v]) => [k, v.type]));
  assert.deepEqual(types, {
    i: "int",
    ti: "tinyint",
    si: "smallint",
    bi: "bigint",
    b: "bit",
    price: "decimal",
    f: "float",
    nv: "nvarchar",
    vc: "varchar",
    d: "date",
    dt: "datetime",
    dt2: "datetime2",
    g: "uniqueidentifier",
    since: "datetime",
  });
  assert.equal(seen[0]!.sql, "/* params */ SELECT @i");
});

Deno.test("NULL parameters of every type decode to null", async () => {
  const seen: QueryRequest[] = [];
  const types = {
    i: sql.Int,
    ti: sql.TinyInt,
    si: sql.SmallInt,
    bi: sql.BigInt,
    b: sql.Bit,
    price: sql.Decimal(19, 4),
    f: sql.Float,
    nv: sql.NVarChar(50),
    vc: sql.VarChar(50),
    nvmax: sql.NVarChar(sql.MAX),
    d: sql.Date,
    dt: sql.DateTime,
    dt2: sql.DateTime2(3),
    g: sql.UniqueIdentifier,
  };
  await withPool({ nulls: { resultSets: [] } }, async (pool) => {
    const req = pool.request();
    for (const [name, type] of Object.entries(types)) req.input(name, type, null);
    await req.query("/* nulls */");
  }, { seen });
  const p = seen[0]!.params;
  assert.deepEqual([...p.keys()].sort(), Object.keys(types).sort());
  for (const [name, param] of p) assert.equal(param.value, null, name);
});

import assert from "node:assert/strict";
import { parsePushed, pushArgs } from "../../ledger/binding_sql.ts";
import type { PushRecord } from "../../ledger/ledger.ts";
import { binding } from "./temp.ts";

// The stored text is compared by rows written before: its field order and number forms must not move.
Deno.test("pushArgs(): the pushed fields are stored as the same six-field JSON text, read back as written", () => {
  const w: PushRecord = {
    stockCode: "A",
    productCode: "KML-1001",
    itemCode: "KML-1001",
    variantKey: binding("A").key,
    pushed: {
      quantity: 3,
      price: null,
      marketplacePrice: 94990,
      name: 'Keten "Gömlek"',
      vatRate: 0.2,
      barcode: "869",
    },
    vanished: false,
  };
  const text = pushArgs(w, "2026-01-01T00:00:00Z")[3];
  assert.equal(
    text,
    '{"quantity":3,"price":null,"marketplacePrice":94990,"name":"Keten \\"Gömlek\\"","vatRate":0.2,"barcode":"869"}',
  );
  assert.deepEqual(parsePushed(text as string), w.pushed);
  const noName = pushArgs({ ...w, pushed: { ...w.pushed, name: null, vatRate: null, barcode: null } }, "")[3];
  assert.equal(
    noName,
    '{"quantity":3,"price":null,"marketplacePrice":94990,"name":null,"vatRate":null,"barcode":null}',
  );
});

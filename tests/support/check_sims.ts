/**
 * `check` run as the command line runs it against the simulators, and the smallest Nebim data set it passes.
 * @module
 */

import { runCli } from "../../cli/commands.ts";
import { NebimDataSet } from "../../sim/nebim/dataset.ts";
import { agentSettingsFor, startSimulators } from "../../sim/start.ts";

/** `check`'s exit code and lines (stdout and stderr) on simulators around `data`, with these catalog settings. */
export async function checkCatalog(
  data: NebimDataSet,
  catalog: Record<string, unknown>,
): Promise<{ code: number; lines: string[] }> {
  const sims = await startSimulators({ data });
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-check-catalog-" });
  try {
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify({ ...agentSettingsFor(sims.settings), catalog }));
    const lines: string[] = [];
    const deps = {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l: string) => lines.push(l),
      err: (l: string) => lines.push(l),
    };
    return { code: await runCli(["check", "--config", config, "--data", `${dir}/data`], deps), lines };
  } finally {
    await sims.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * The smallest Nebim data set `check` passes with the default catalog settings: the warehouses, and one item
 * with a base price of code 1 in country TR, a barcode of type DEF and a description in TR (check proves each
 * code by a row that uses it).
 */
export function checkedNebim(warehouses: readonly string[] = ["W01"]): NebimDataSet {
  const item = { ItemTypeCode: 1, ItemCode: "KZK-0101" };
  return NebimDataSet.fromJson({
    cdWarehouse: warehouses.map((WarehouseCode) => ({ WarehouseCode })),
    cdItem: [{ ...item, ItemDimTypeCode: 0 }],
    cdItemDesc: [{ ...item, LangCode: "TR", ItemDescription: "Yün Kazak" }],
    prItemBarcode: [{
      ...item,
      ColorCode: "",
      ItemDim1Code: "",
      ItemDim2Code: "",
      ItemDim3Code: "",
      Barcode: "8690000000002",
      BarcodeTypeCode: "DEF",
    }],
    prItemBasePrice: [
      { ...item, CountryCode: "TR", SeasonCode: "", BasePriceCode: 1, PriceDate: "2026-01-01", Price: 310 },
    ],
  });
}

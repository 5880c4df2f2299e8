/**
 * `check` names the Integrator and the store by their URLs, and a URL may carry a user and password (IIS or a
 * proxy asking Basic authentication): no line of its report shows them, passed or failed. A URL written
 * https:// on a port that speaks plain HTTP is told as such, naming the setting.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import { checkedNebim } from "../support/check_sims.ts";
import { agentSettingsFor, startSimulators } from "../../sim/start.ts";

const SECRETS = ["IisSecret9", "ShopSecret9"];

/** The two base URLs of the simulators' settings, for `edit` to change. */
type BaseUrls = {
  nebim: { integrator: { baseUrl: string } };
  qukasoft: { baseUrl: string };
};

/** `check`'s report on the simulators, their settings' base URLs changed by `edit`. */
async function checkReport(edit: (settings: BaseUrls) => void): Promise<{ code: number; lines: string[] }> {
  // The default catalog.warehouses, W01, is a warehouse there (and the other default codes are used).
  const sims = await startSimulators({ data: checkedNebim() });
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-check-url-" });
  try {
    const settings = agentSettingsFor(sims.settings) as BaseUrls;
    edit(settings);
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify(settings));
    const lines: string[] = [];
    const deps = {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l: string) => lines.push(l),
      err: (l: string) => lines.push(l),
    };
    const code = await runCli(["check", "--config", config, "--data", `${dir}/data`], deps);
    return { code, lines };
  } finally {
    await sims.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * `check`'s report, with the two base URLs given `user:password@` (and the Integrator's port, if given, and
 * `after` written after each URL).
 */
function reportWithUserinfo(integratorPort?: number, after = ""): Promise<{ code: number; lines: string[] }> {
  return checkReport((settings) => {
    const integrator = new URL(settings.nebim.integrator.baseUrl);
    if (integratorPort !== undefined) integrator.port = String(integratorPort);
    settings.nebim.integrator.baseUrl = integrator.href.replace("//", `//iis:${SECRETS[0]}@`) + after;
    settings.qukasoft.baseUrl = settings.qukasoft.baseUrl.replace("//", `//shop:${SECRETS[1]}@`) + after;
  });
}

function assertNoSecret(lines: string[]): void {
  for (const secret of SECRETS) {
    assert.ok(!lines.some((l) => l.includes(secret)), `${secret} shown:\n${lines.join("\n")}`);
  }
}

Deno.test("check shows the Integrator's and the store's URLs without the password they carry", async () => {
  const { code, lines } = await reportWithUserinfo();
  assert.equal(code, 0, lines.join("\n"));
  assertNoSecret(lines);
  assert.match(lines.join("\n"), /^ok {4}Nebim Integrator http:\/\/127\.0\.0\.1:\d+\/: logged in/m);
  // As written but for the user and password, as docs/TRY-IT.md shows the line: no "/" added after the port.
  assert.match(lines.join("\n"), /^ok {4}Qukasoft http:\/\/127\.0\.0\.1:\d+: store "/m);
});

Deno.test("check's failed Integrator line names the URL it could not reach without its password", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closed = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const { code, lines } = await reportWithUserinfo(closed);
  assert.equal(code, 1, lines.join("\n"));
  assertNoSecret(lines);
  assert.match(
    lines.join("\n"),
    new RegExp(
      `^FAIL  Nebim Integrator .*Cannot reach Nebim Integrator Connect \\(http://127\\.0\\.0\\.1:${closed}/`,
      "m",
    ),
  );
});

Deno.test("a base URL with a space or line break after it, as pasted, is the same address: no password shown", async () => {
  // The URL parser drops them, so the settings took such a URL; the paths were added after them.
  for (const after of [" ", "\n"]) {
    const { code, lines } = await reportWithUserinfo(undefined, after);
    assertNoSecret(lines);
    assert.equal(code, 0, lines.join("\n"));
    assert.match(lines.join("\n"), /^ok {4}Nebim Integrator http:\/\/127\.0\.0\.1:\d+\/: logged in/m);
    assert.match(lines.join("\n"), /^ok {4}Qukasoft http:\/\/127\.0\.0\.1:\d+: store "/m);
  }
});

Deno.test("check says a base URL written https:// on a plain-HTTP port answered in plain HTTP, naming the setting", async () => {
  // Both simulators are plain HTTP on loopback. It said only "received corrupt message of type
  // InvalidContentType", which reads as a broken server or network, not as a wrong scheme.
  const { code, lines } = await checkReport((settings) => {
    settings.nebim.integrator.baseUrl = settings.nebim.integrator.baseUrl.replace(/^http:/, "https:");
    settings.qukasoft.baseUrl = settings.qukasoft.baseUrl.replace(/^http:/, "https:");
  });
  const report = lines.join("\n");
  assert.equal(code, 1, report);
  const plain = (key: string) =>
    new RegExp(
      `answered in plain HTTP, not HTTPS; ${key.replace(".", "\\.")} should probably start with http://$`,
    );
  assert.match(
    lines.find((l) => l.startsWith("FAIL  Qukasoft")) ?? report,
    plain("qukasoft.baseUrl"),
    report,
  );
  assert.match(
    lines.find((l) => l.startsWith("FAIL  Nebim Integrator")) ?? report,
    plain("nebim.integrator.baseUrl"),
    report,
  );
  assert.ok(!/corrupt message/.test(report), report);
});

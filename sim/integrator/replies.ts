/**
 * The answer shapes of the Integrator and of the IIS in front of it: Nebim's error object (HTTP 200),
 * IIS's HTML error pages, and an answer that dies half-way (a dropped connection).
 * @module
 */

import type { Json, JsonObject } from "./json.ts";

export const EMPTY_STREAM = "Attempting to deserialize an empty stream.";
export const TOO_LARGE = "The JSON request was too large to be deserialized.";

/**
 * Nebim's error object (research/nebim.md §2.7). StackTrace is base64 of a .NET stack text, as the real
 * one is; ErrorSource names the command.
 */
export function errorBody(modelType: number, message: string, source: string, statusCode = 400): JsonObject {
  const trace = `   konum: NebimV3.Integrator.IntegratorService.${source}(Stream stream)\r\n` +
    `   konum: SyncInvokeExecute(Object instance, Object[] inputs, Object[] outputs)`;
  return {
    ModelType: modelType,
    ExceptionMessage: message,
    StackTrace: btoa(String.fromCharCode(...new TextEncoder().encode(trace))),
    ErrorSource: `NebimV3.Integrator.${source}`,
    StatusCode: statusCode,
  };
}

export function jsonResponse(body: Json, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

const REASONS: Record<number, string> = {
  404: "File or directory not found",
  500: "Internal server error",
  502: "Web server received an invalid response while acting as a gateway or proxy server",
  503: "Service Unavailable",
};

/** An IIS error page, as a client meets it when the site or the app pool is down. */
export function iisErrorPage(status: number): Response {
  const reason = REASONS[status] ?? "Server Error";
  const html = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" ` +
    `"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n<html xmlns="http://www.w3.org/1999/xhtml">\r\n` +
    `<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\r\n` +
    `<title>${status} - ${reason}.</title></head>\r\n<body><div id="header"><h1>Server Error</h1></div>\r\n` +
    `<div id="content"><fieldset><h2>${status} - ${reason}.</h2></fieldset></div></body></html>\r\n`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html", "server": "Microsoft-IIS/10.0", "x-powered-by": "ASP.NET" },
  });
}

/**
 * An answer whose connection dies mid-body: the headers promise the whole text, the body stream ends
 * after a part of it, so the server closes the connection and the client's read fails.
 */
export function droppedResponse(body: Json): Response {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const part = bytes.slice(0, Math.max(1, Math.floor(bytes.length / 3)));
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(part);
      c.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Math.max(bytes.length, part.length + 1)),
    },
  });
}

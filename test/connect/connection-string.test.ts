import { describe, expect, it } from "vitest";
import { ConnectionStringError, DEFAULT_PORT, parseConnectionString, redact } from "../../src/connect/client/connection-string";

describe("parseConnectionString", () => {
  it("reads host and port, with PySpark's default port", () => {
    expect(parseConnectionString("sc://example.com:443")).toMatchObject({ host: "example.com", port: 443, useSsl: false });
    expect(parseConnectionString("sc://localhost").port).toBe(DEFAULT_PORT);
    expect(parseConnectionString("sc://localhost/").port).toBe(DEFAULT_PORT);
  });

  it("reads the standard parameters; a token turns TLS on", () => {
    const params = parseConnectionString("sc://h:1/;token=abc;user_id=ana;user_agent=nb;session_id=0b9f5a4e-1c2d-4e3f-8a9b-0c1d2e3f4a5b");
    expect(params).toMatchObject({ token: "abc", useSsl: true, userId: "ana", userAgent: "nb", sessionId: "0b9f5a4e-1c2d-4e3f-8a9b-0c1d2e3f4a5b" });
    expect(parseConnectionString("sc://h/;use_ssl=true").useSsl).toBe(true);
    expect(parseConnectionString("sc://h/;use_ssl=FALSE").useSsl).toBe(false);
  });

  it("keeps unknown parameters as headers and reads bracketed IPv6 hosts", () => {
    const params = parseConnectionString("sc://[::1]:15003/;x-team=data;trace=on");
    expect(params.host).toBe("[::1]");
    expect(params.port).toBe(15003);
    expect(params.extraHeaders).toEqual({ "x-team": "data", trace: "on" });
  });

  it.each([
    ["http://h:1", "scheme"],
    ["sc://", "host"],
    ["sc://h:0", "port"],
    ["sc://h:70000", "port"],
    ["sc://h:1/path", "path"],
    ["sc://h/;session_id=nope", "UUID"],
    ["sc://h/;use_ssl=yes", "use_ssl"],
    ["sc://h/;novalue", "key=value"],
  ])("rejects %s (%s)", (text, reason) => {
    expect(() => parseConnectionString(text)).toThrow(ConnectionStringError);
    expect(() => parseConnectionString(text)).toThrow(reason);
  });

  it("never shows the token in errors", () => {
    expect(redact("sc://h/;token=secret;user_id=u")).toBe("sc://h/;token=***;user_id=u");
    expect(() => parseConnectionString("sc://h:99999/;token=secret")).toThrow(/token=\*\*\*/);
  });
});

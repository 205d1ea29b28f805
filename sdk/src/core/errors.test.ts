import { describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GantryError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  makeAPIError,
} from "./errors.ts";

const body = (status: number, extra: object = {}) =>
  JSON.stringify({
    type: "urn:gantry:problem:validation",
    title: "T",
    status,
    detail: "bad thing",
    instance: "/v1/x",
    requestId: "r-1",
    ...extra,
  });

describe("makeAPIError", () => {
  it("maps each status to its class", () => {
    const table: [number, new (...a: never[]) => APIError][] = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [409, ConflictError],
      [413, PayloadTooLargeError],
      [422, UnprocessableEntityError],
      [429, RateLimitError],
      [500, InternalServerError],
      [503, InternalServerError],
      [418, APIError],
    ];
    for (const [status, Cls] of table) {
      const e = makeAPIError(status, body(status), new Headers(), "/v1/x");
      expect(e, String(status)).toBeInstanceOf(Cls);
      expect(e).toBeInstanceOf(GantryError);
      expect(e.status).toBe(status);
      expect(e.requestId).toBe("r-1");
    }
    expect(makeAPIError(418, body(418), new Headers(), "/").constructor).toBe(APIError);
  });

  it("keeps the problem's field errors and type slug", () => {
    const e = makeAPIError(422, body(422, { errors: [{ path: "body.loss.name", message: "invalid option" }] }), new Headers(), "/");
    expect(e.errors).toEqual([{ path: "body.loss.name", message: "invalid option" }]);
    expect(e.code).toBe("validation");
    expect(e.message).toBe("422 T: bad thing (request r-1)");
    expect(e.name).toBe("UnprocessableEntityError");
  });

  it("falls back to X-Request-Id and the raw text when the body is not a problem", () => {
    const e = makeAPIError(502, "Bad Gateway", new Headers({ "x-request-id": "edge-9" }), "/v1/models");
    expect(e.requestId).toBe("edge-9");
    expect(e.problem).toMatchObject({ status: 502, detail: "Bad Gateway", instance: "/v1/models", type: "about:blank" });
    expect(makeAPIError(500, "", new Headers(), "/").requestId).toBeNull();
  });
});
